// Copyright sstrack authors.
// Fuzz target: a CRD laser-ranging file (astro/formats/crd.h).
#include <cstddef>
#include <cstdint>

#include "astro/formats/crd.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto r = sstrack::astro::ParseCrdText(sstrack::fuzz::Text(data, size), "fuzz.npt");
  FUZZ_EXPECT_NAMES_SOURCE(r.status(), "fuzz.npt");
  return 0;
}
