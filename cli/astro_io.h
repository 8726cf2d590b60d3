// Copyright sstrack authors.
//
// cli/astro_io.h — what several commands share: Earth orientation from
// --eop files (or zero EOP with a warning), and printing a state in km, km/s
// as a table or JSON.
#ifndef SSTRACK_CLI_ASTRO_IO_H_
#define SSTRACK_CLI_ASTRO_IO_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/frames/frames.h"
#include "astro/time/eop_sample.h"
#include "astro/time/epoch.h"

namespace sstrack::cli {

// EOP at t from the files; with no files, zero EOP and a warning on `err`.
absl::StatusOr<astro::EopSample> EopAt(const astro::Epoch& t,
                                       const std::vector<std::string>& files,
                                       std::FILE* err);

// "FRAME  epoch  x y z [km]  vx vy vz [km/s]" or one JSON object.
void PrintState(std::FILE* out, absl::string_view frame, const astro::Epoch& t,
                const astro::CartesianState& s, bool json);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_ASTRO_IO_H_
