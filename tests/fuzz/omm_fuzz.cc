// Copyright sstrack authors.
// Fuzz target: one OMM in KVN, XML or JSON (astro/formats/omm.h); a parsed
// OMM written as KVN reads back.
#include <cstddef>
#include <cstdint>
#include <string>

#include "astro/formats/omm.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto e = sstrack::astro::ParseOmm(sstrack::fuzz::Text(data, size));
  if (e.ok()) {
    const std::string kvn = sstrack::astro::FormatOmmKvn(*e);
    const auto back = sstrack::astro::ParseOmm(kvn);
    FUZZ_EXPECT(back.ok(), back.status().ToString() + "\n" + kvn);
  }
  return 0;
}
