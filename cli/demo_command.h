// Copyright sstrack authors.
//
// cli/demo_command.h — `sstrack demo [--config-dir DIR] [--keep DIR]
// [--max-fits N] [--json]`: the nightly loop on built-in defaults, through
// real gRPC over localhost.
//
// In a temporary directory (or --keep DIR, which is kept): a catalog from
// the shipped real element sets (config/catalog-2018-01.3le), a token per
// sensor and one operator token (stored hashed in tokens.txt), sstrackd's
// server on a free 127.0.0.1 port (in process), then as an operator
// PlanningService.RunPlan for the night of the catalog's median element
// epoch; every sensor of config/sensors.textproto runs as a simulated
// client (cli/simulate_command.h) with its own token; then every observed
// object (or the --max-fits lowest catalog numbers; the whole night takes
// ~90 s on 2 cores) is fitted with OrbitDeterminationService.FitObject
// under the server's built-in fit configuration (docs/CONFIG.md) and
// accepted fits update the catalog. The truth is the simulated sky
// (simulation/truth_scenario.h: the catalog perturbed by realistic errors,
// propagated under forces the fit does not share; sensor biases; detection
// around the task's pointing, simulation/detection.h). Printed:
// tasks planned, executed and not found, observations ingested, why fits
// could not run (stderr), fits accepted and
// rejected, and the position error of the catalog against the truth at each
// fit epoch before (element set through SGP4) and after (the accepted fit;
// the element set when rejected): median and 95th percentile.
#ifndef SSTRACK_CLI_DEMO_COMMAND_H_
#define SSTRACK_CLI_DEMO_COMMAND_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"

namespace sstrack::cli {

struct DemoOptions {
  std::string config_dir;  // sensors.textproto and catalog-2018-01.3le; default "config"
  std::string keep_dir;    // empty: a temporary directory, removed at the end
  int max_fits = 0;  // 0: every observed object
  double plan_time_limit_s = 5.0;
  bool json = false;
};

absl::Status RunDemo(const DemoOptions& options, std::FILE* out, std::FILE* err);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_DEMO_COMMAND_H_
