// Copyright sstrack authors.
//
// cli/force_model_flags.h — the force model as an analyst gives it on the
// command line or in a model file, turned into astro::ForceModelOptions.
//
// Model file: one `key = value` per line, `#` comments, keys as the flags
// without dashes (flags given on the command line win over the file):
//   gravity = tests/data/gravity/eigen-6s-truncated.gfc
//   degree = 20
//   order = 20
//   sun = true
//   moon = true
//   relativity = true
//   drag-cda-m = 0.01      # Cd·A/m, m²/kg (0 = no drag)
//   srp-cra-m = 0.005      # Cr·A/m, m²/kg (0 = no SRP)
//   de = lnxp2016.430      # JPL DE binary; ERFA series otherwise
//   empirical-accel = T=1e-7,N:cos=2e-8   # known empirical accelerations,
//                          # m/s² (astro/propagation/numerical/empirical.h)
#ifndef SSTRACK_CLI_FORCE_MODEL_FLAGS_H_
#define SSTRACK_CLI_FORCE_MODEL_FLAGS_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "astro/propagation/numerical/force_model.h"

namespace sstrack::cli {

struct ForceModelFlags {
  std::string model_file;
  std::optional<std::string> gravity_file;
  std::optional<int> degree, order;
  std::optional<bool> sun, moon, relativity;
  std::optional<double> drag_cda_m, srp_cra_m;
  std::optional<std::string> de_file;
  // Fixed empirical accelerations "AXIS[:SHAPE]=VALUE,…" (m/s²; a power of
  // the time in days needs an origin and is not allowed here).
  std::optional<std::string> empirical_accel;
};

// "AXIS[:SHAPE][=VALUE],…" → terms (estimate = !with_values; with_values:
// each needs "=VALUE" in m/s²). Errors name `flag` and the item.
absl::StatusOr<std::vector<astro::EmpiricalAcceleration>> ParseEmpiricalList(
    const std::string& flag, const std::string& text, bool with_values);

// Reads `model_file` (if any) under the flags, loads the gravity field and
// the DE file, and checks ranges. Errors name the flag or file:line:key.
absl::StatusOr<astro::ForceModelOptions> BuildForceModelOptions(const ForceModelFlags& flags);

// One line per term, for logs and reports ("gravity EIGEN-6S 20x20, Sun, ...").
std::string DescribeForceModel(const astro::ForceModelOptions& options);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_FORCE_MODEL_FLAGS_H_
