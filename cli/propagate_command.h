// Copyright sstrack authors.
//
// cli/propagate_command.h — `sstrack propagate`: ephemerides over a UTC
// span, from SGP4/SDP4 (element sets from a TLE/OMM file or the catalog) or
// from the numerical propagator (an initial GCRF state or a catalog object,
// with the force model chosen by flags or a model file).
#ifndef SSTRACK_CLI_PROPAGATE_COMMAND_H_
#define SSTRACK_CLI_PROPAGATE_COMMAND_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "cli/force_model_flags.h"

namespace sstrack::cli {

struct PropagateOptions {
  std::vector<int> ids;              // catalog numbers (from --db)
  std::string db = "sstrack.db";
  std::string tle_file;              // TLE or OMM file (SGP4 mode)
  std::string model = "sgp4";        // sgp4 | numerical
  std::string state;                 // EPOCH_ISO,x,y,z,vx,vy,vz (GCRF km, km/s)
  std::string start_iso, end_iso;    // UTC
  double step_s = 60.0;
  std::string frame;                 // default: teme (sgp4), gcrf (numerical)
  std::string format = "csv";        // table | csv | json
  std::vector<std::string> eop_files;
  ForceModelFlags force;             // numerical mode
  std::string sigma;                 // "POS_M,VEL_M_S": initial 1σ → RIC σ columns
};

// CSV columns: norad,epoch_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,
// vz_km_s,error (SGP4 error code, 0 when fine; an object's rows stop after
// its first error; tsince is from the element or initial-state epoch), then
// sigma_radial_m,sigma_intrack_m,sigma_crosstrack_m with --sigma. Rejected
// input records are reported on `err` and make the status
// FAILED_PRECONDITION after the valid ones are printed.
absl::Status RunPropagate(const PropagateOptions& options, std::FILE* out, std::FILE* err);

// The numerical mode (propagate_numerical.cc).
absl::Status RunPropagateNumerical(const PropagateOptions& options, std::FILE* out,
                                   std::FILE* err);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_PROPAGATE_COMMAND_H_
