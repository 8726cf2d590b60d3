// Copyright sstrack authors.
// Fuzz target: the token file (auth/auth.h); a refusal names source:line,
// and a file that was read answers a lookup.
#include <cstddef>
#include <cstdint>

#include "auth/auth.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto t = sstrack::auth::TokenStore::Parse(sstrack::fuzz::Text(data, size), "fuzz.tokens");
  FUZZ_EXPECT_NAMES_SOURCE(t.status(), "fuzz.tokens");
  if (t.ok()) (void)t->Authenticate("Bearer kam-secret");
  return 0;
}
