// Copyright sstrack authors.
#include "tests/fuzz/fuzz_util.h"

#include <cstdio>
#include <algorithm>
#include <cstdlib>

#include "absl/strings/match.h"

namespace sstrack::fuzz {

void Fail(const char* file, int line, const char* what, absl::string_view detail) {
  std::fprintf(stderr, "%s:%d: fuzz expectation failed: %s\n  %.*s\n", file, line, what,
               static_cast<int>(std::min<size_t>(detail.size(), 2000)), detail.data());
  std::abort();
}

void ExpectNamesSource(const absl::Status& s, absl::string_view source, const char* file, int line) {
  if (s.ok() || absl::StrContains(s.message(), source)) return;
  Fail(file, line, "the error names its source", s.ToString());
}

}  // namespace sstrack::fuzz
