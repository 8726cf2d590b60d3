// Copyright sstrack authors.
//
// cli/od_support.h — inputs shared by the `od` commands: ground sites from a
// CSV file, EOP tables, a state given as EPOCH_ISO,x,y,z,vx,vy,vz.
#ifndef SSTRACK_CLI_OD_SUPPORT_H_
#define SSTRACK_CLI_OD_SUPPORT_H_

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/frames/frames.h"
#include "astro/time/eop.h"
#include "orbit_determination/measurement.h"

namespace sstrack::cli {

// Ground stations and what each one's data contain (measurement.h).
struct StationList {
  std::map<std::string, od::Station> stations;
  std::map<std::string, od::StationCorrections> corrections;  // by station
  // For the catalog: "STATION" (a CSV site) or the sensor's type name.
  std::map<std::string, std::string> kind;
};

// CSV `name,lat_deg,lon_deg,alt_m[,atmosphere]` (WGS-84); `#` comments and a
// header line starting with "name" are skipped. The optional fifth column
// says how the station's data are refracted: none (geometric, also when
// empty or absent), optical (apparent elevations) or radio (apparent
// elevations, ranges and range rates with the tropospheric delay). Errors
// name file:line, the field and the value.
absl::StatusOr<StationList> ReadSitesCsv(const std::string& path);

// The stations of `sites_csv` (may be empty) and the sensors of the
// network textproto `config` (may be empty; each with its declared
// corrections, operations/object_fit.h); a name in both is an error.
absl::StatusOr<StationList> LoadStations(const std::string& sites_csv, const std::string& config);

// Null (with a warning on `err`) when no files are given.
absl::StatusOr<std::shared_ptr<const astro::EopTable>> LoadEop(
    const std::vector<std::string>& files, std::FILE* err);

struct StateSpec {
  astro::Epoch epoch;
  astro::CartesianState gcrf;  // SI
};
// "EPOCH_ISO,x,y,z,vx,vy,vz" in km and km/s; `flag` names the option in errors.
absl::StatusOr<StateSpec> ParseStateSpec(const std::string& flag, const std::string& text);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_OD_SUPPORT_H_
