// Copyright sstrack authors.
//
// cli/demo_command.h — `sstrack demo`: the product's main job on built-in
// defaults. Until the nightly plan → observe → fit loop lands, it runs the
// parts that exist on real data: the LAGEOS-2 reference state of the
// laser-ranging benchmark (2016-02-13T16:00 UTC, EME2000) with the shipped
// IERS Bulletin B Earth orientation, moved through every frame, and where an
// operator would point a sensor at the SLR station Matera at that instant.
#ifndef SSTRACK_CLI_DEMO_COMMAND_H_
#define SSTRACK_CLI_DEMO_COMMAND_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"

namespace sstrack::cli {

struct DemoOptions {
  std::string config_dir;  // where config/eop lives; default: next to the binary's workspace
  bool json = false;
};

absl::Status RunDemo(const DemoOptions& options, std::FILE* out, std::FILE* err);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_DEMO_COMMAND_H_
