// Copyright sstrack authors.
// Fuzz target: gravity-field files, ICGEM (.gfc) and GRGS
// (astro/propagation/numerical/gravity_field.h), the input read as both; a
// field that was read is evaluated (acceleration and gradient at a LEO
// radius, at J2000 and a later epoch for the time-variable terms).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "astro/propagation/numerical/gravity_field.h"
#include "astro/time/epoch.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

void Exercise(const sstrack::astro::GravityField& f) {
  // Keep the work per input bounded: the recursions are O(degree²).
  const auto small = f.Truncated(std::min(f.degree(), 12), std::min(f.order(), 12));
  if (!small.ok()) return;
  for (double days : {0.0, 6000.0}) {
    const sstrack::astro::GravityField at =
        small->AtEpoch(sstrack::astro::Epoch::FromTt(2451545.0, days));
    const double r[3] = {4.0e6, 3.0e6, 4.2e6};
    double a[3], g[3][3];
    at.Acceleration(r, a);
    at.AccelerationAndGradient(r, a, g);
    // Not asserted finite: a file may hold huge coefficients. What is
    // checked is that nothing reads out of bounds or overflows.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(sstrack::fuzz::Text(data, size));
  const auto icgem = sstrack::astro::GravityField::Parse(text, "fuzz.gfc");
  FUZZ_EXPECT_NAMES_SOURCE(icgem.status(), "fuzz.gfc");
  if (icgem.ok()) Exercise(*icgem);
  const auto grgs = sstrack::astro::GravityField::ParseGrgs(text, "fuzz.grgs");
  FUZZ_EXPECT_NAMES_SOURCE(grgs.status(), "fuzz.grgs");
  if (grgs.ok()) Exercise(*grgs);
  return 0;
}
