// Copyright sstrack authors.
//
// cli/passes_command.h — `sstrack passes (ID... | --tle FILE) --sensor NAME
// --start ISO --end ISO [--json]`: the visibility windows of objects from
// one sensor of the network, each edge with the constraint that opened or
// closed it (sensors/visibility.h).
#ifndef SSTRACK_CLI_PASSES_COMMAND_H_
#define SSTRACK_CLI_PASSES_COMMAND_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/elements/mean_elements.h"

namespace sstrack::cli {

struct PassesOptions {
  std::vector<int> ids;
  std::string db = "sstrack.db";
  std::string tle_file;
  std::string sensor;
  std::string start_iso, end_iso;  // UTC
  std::string config;              // empty: DefaultSensorConfig()
  bool json = false;
};

// Element sets of catalog numbers (latest state, with the object's name) or
// of every set of a TLE/OMM file; rejected records are reported on `err`
// and counted in *rejected. Exactly one of ids / tle_file.
absl::StatusOr<std::vector<astro::MeanElements>> LoadObjects(const std::vector<int>& ids,
                                                             const std::string& db,
                                                             const std::string& tle_file,
                                                             std::FILE* err, size_t* rejected);

// Table columns: object, sensor, start_utc, end_utc, duration_s,
// max_elevation_deg, start_reason, end_reason. JSON: a list of objects with
// object, name, sensor, start_utc, end_utc, duration_s, max_elevation_deg,
// max_elevation_utc, start_reason, end_reason.
absl::Status RunPasses(const PassesOptions& options, std::FILE* out, std::FILE* err);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_PASSES_COMMAND_H_
