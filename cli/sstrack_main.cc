// Copyright sstrack authors.
//
// `sstrack` — the operator command. Flags and wiring only: every command is a
// library function taking a plain options struct (see cli/*_command.h).
#include <cstdio>
#include <string>

#include "CLI/CLI.hpp"

namespace {

constexpr char kVersion[] = "sstrack 0.1.0";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"sstrack — ground-based space surveillance: catalog, "
               "propagation, frames, tasking and orbit determination"};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);
  app.fallthrough();

  int rc = 0;
  CLI11_PARSE(app, argc, argv);
  return rc;
}
