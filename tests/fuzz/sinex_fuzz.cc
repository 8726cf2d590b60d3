// Copyright sstrack authors.
// Fuzz target: a SINEX station file (astro/formats/sinex.h).
#include <cstddef>
#include <cstdint>

#include "astro/formats/sinex.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto r = sstrack::astro::ParseSinexText(sstrack::fuzz::Text(data, size), "fuzz.snx");
  FUZZ_EXPECT_NAMES_SOURCE(r.status(), "fuzz.snx");
  return 0;
}
