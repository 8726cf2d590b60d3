// Copyright sstrack authors.
// Fuzz target: a CPF predicted-orbit file (astro/formats/cpf.h).
#include <cstddef>
#include <cstdint>

#include "astro/formats/cpf.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto r = sstrack::astro::ParseCpfText(sstrack::fuzz::Text(data, size), "fuzz.cpf");
  FUZZ_EXPECT_NAMES_SOURCE(r.status(), "fuzz.cpf");
  return 0;
}
