// Copyright sstrack authors.
//
// cli/look_command.h — `sstrack look`: where to point a sensor at an object
// at one instant — azimuth, elevation, range, range rate, topocentric RA/Dec
// (GCRF axes) and whether the object is sunlit.
#ifndef SSTRACK_CLI_LOOK_COMMAND_H_
#define SSTRACK_CLI_LOOK_COMMAND_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace sstrack::cli {

struct LookOptions {
  std::string site;  // LAT_DEG,LON_DEG,ALT_M (WGS-84 geodetic)
  std::vector<int> ids;
  std::string db = "sstrack.db";
  std::string tle_file;
  std::string at_iso;  // UTC
  std::vector<std::string> eop_files;
  bool json = false;
};

// One line (or JSON object) per object: norad, name, az_deg, el_deg,
// range_km, range_rate_km_s, ra_deg, dec_deg, sunlit (fraction of the solar
// disk visible: 1 sunlit, 0 umbra). Objects SGP4 cannot propagate to the
// instant are reported on `err` and make the status FAILED_PRECONDITION.
absl::Status RunLook(const LookOptions& options, std::FILE* out, std::FILE* err);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_LOOK_COMMAND_H_
