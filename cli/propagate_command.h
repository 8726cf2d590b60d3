// Copyright sstrack authors.
//
// cli/propagate_command.h — `sstrack propagate --tle FILE`: SGP4/SDP4
// ephemerides of every element set of a TLE file over a UTC span.
#ifndef SSTRACK_CLI_PROPAGATE_COMMAND_H_
#define SSTRACK_CLI_PROPAGATE_COMMAND_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace sstrack::cli {

struct PropagateOptions {
  std::string tle_file;
  std::string start_iso, end_iso;  // UTC
  double step_s = 60.0;
  std::string frame = "teme";       // teme | gcrf | itrf | eme2000
  std::string format = "csv";       // table | csv | json
  std::vector<std::string> eop_files;
};

// CSV columns: norad,epoch_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,
// vz_km_s,error (error = SGP4 code, 0 when fine; an object's rows stop after
// its first error). Rejected TLE records are reported on `err` and make the
// status FAILED_PRECONDITION after the valid ones are printed.
absl::Status RunPropagate(const PropagateOptions& options, std::FILE* out,
                          std::FILE* err);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_PROPAGATE_COMMAND_H_
