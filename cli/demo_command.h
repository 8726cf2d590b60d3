// Copyright sstrack authors.
//
// cli/demo_command.h — `sstrack demo [--nights N] [--seed S] [--objects N]
// [--config-dir DIR] [--keep DIR] [--json]`: the autonomous cycle on
// built-in defaults for N nights (default 3), through real gRPC over
// localhost, scored against a simulated sky it does not share.
//
// In a temporary directory (or --keep DIR, which is kept): a catalog from
// the shipped real element sets (config/catalog-2018-01.3le; --objects N:
// the N lowest catalog numbers), a token per sensor and one operator token
// (stored hashed in tokens.txt), sstrackd's server on a free 127.0.0.1 port
// (in process) with the server's built-in fit configuration
// (docs/CONFIG.md) and its autonomous cycle on a simulated clock that
// starts when the cycle plans the first night (the night of the catalog's
// median element epoch). The truth (simulation/: the catalog perturbed by
// realistic errors at the clock's start, under forces the fit does not
// share, per-sensor biases; seed S) is integrated once for the whole run
// (simulation/truth_ephemeris.h), with progress on stderr. The demo then
// only moves the clock (CycleService.AdvanceClock, ≤ 540 s at a time while
// tasks are pending) and plays every sensor of config/sensors.textproto as
// a simulated client with its own token (cli/simulate_command.h): after
// each step each sensor fetches its tasks and runs those that have ended —
// detection around the task's pointing, the track, SubmitObservations,
// ReportTaskStatus. The cycle plans, marks, fits and updates the catalog by
// itself.
//
// Scored per night (simulation/scoring.h), printed as a table or --json:
// tasks done / not found / missed, observations, objects observed, fits
// accepted / rejected / diverged / could not run; the position error at
// each fit's epoch over every observed object (a fit not accepted counts
// with the catalog's prediction at the object's last observation); and,
// just before the cycle plans the next night, every object's predicted
// position at that night's start (CatalogService.PropagateObject) against
// the truth — median / p95 in radial, in-track, cross-track, per regime,
// custody (inside the 99 % ellipsoid and under 10 km) and the share inside
// the 99 % ellipsoid, split into objects with an OD state and with only an
// element set — next to the same figures for the untouched catalog (SGP4
// of the element sets with their assumed covariance).
#ifndef SSTRACK_CLI_DEMO_COMMAND_H_
#define SSTRACK_CLI_DEMO_COMMAND_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"

namespace sstrack::cli {

struct DemoOptions {
  std::string config_dir;  // sensors.textproto and catalog-2018-01.3le; default "config"
  std::string keep_dir;    // empty: a temporary directory, removed at the end
  int nights = 3;
  int seed = 2018;   // the simulated sky's
  int objects = 0;   // 0: the whole shipped catalog; N: its N lowest catalog numbers
  double plan_time_limit_s = 5.0;
  bool json = false;
  // Not empty: one CSV row per object and score (at its fit epoch, at the
  // next night's start, untouched) per night, for analysts (docs/CLI.md).
  std::string objects_csv;
};

absl::Status RunDemo(const DemoOptions& options, std::FILE* out, std::FILE* err);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_DEMO_COMMAND_H_
