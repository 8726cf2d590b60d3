// Copyright sstrack authors.
// Fuzz target: any SGP4 element file — TLE, 3LE, OMM in KVN, XML or JSON
// (astro/formats/element_file.h). A refused file names its source.
#include <cstddef>
#include <cstdint>

#include "astro/formats/element_file.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto r = sstrack::astro::ParseElementText(sstrack::fuzz::Text(data, size), "fuzz.txt");
  FUZZ_EXPECT_NAMES_SOURCE(r.status(), "fuzz.txt");
  return 0;
}
