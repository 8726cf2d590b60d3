// Copyright sstrack authors.
//
// cli/convert_state_command.h — `sstrack convert-state`: a state (km, km/s)
// from one frame to another at a UTC epoch, for analysts.
#ifndef SSTRACK_CLI_CONVERT_STATE_COMMAND_H_
#define SSTRACK_CLI_CONVERT_STATE_COMMAND_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace sstrack::cli {

struct ConvertStateOptions {
  std::string from = "gcrf";
  std::string to = "itrf";
  std::string epoch_iso;                // UTC
  std::string state;                    // "x,y,z,vx,vy,vz" km, km/s
  std::vector<std::string> eop_files;   // Bulletin B or finals2000A; none → zero EOP
  bool json = false;
};

// Prints the converted state to `out`, warnings to `err`; a bad flag value
// returns INVALID_ARGUMENT naming the flag.
absl::Status RunConvertState(const ConvertStateOptions& options,
                             std::FILE* out, std::FILE* err);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_CONVERT_STATE_COMMAND_H_
