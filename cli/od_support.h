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

// CSV `name,lat_deg,lon_deg,alt_m` (WGS-84); `#` comments and a header line
// starting with "name" are skipped. Errors name file:line and the field.
absl::StatusOr<std::map<std::string, od::Station>> ReadSitesCsv(const std::string& path);

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
