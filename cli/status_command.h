// Copyright sstrack authors.
//
// cli/status_command.h — `sstrack status --server ADDR --token T
// [--nights N] [--worst N] [--advance-to UTC] [--json]`: the autonomous
// cycle's status from sstrackd (CycleService.GetStatus, an operator token):
// the clock, each recent night's phase, per sensor its tasks by status and
// whether it is out, the fit queue, the largest covariances. `--advance-to`
// first moves a SIMULATED clock there (CycleService.AdvanceClock). `--json`
// prints the CycleStatus message in the protobuf JSON mapping.
#ifndef SSTRACK_CLI_STATUS_COMMAND_H_
#define SSTRACK_CLI_STATUS_COMMAND_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"

namespace sstrack::cli {

struct StatusOptions {
  std::string server = "127.0.0.1:50051";
  std::string token;
  std::string advance_to_utc;
  int nights = 3, worst = 10;
  bool json = false;
};

absl::Status RunStatus(const StatusOptions& o, std::FILE* out);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_STATUS_COMMAND_H_
