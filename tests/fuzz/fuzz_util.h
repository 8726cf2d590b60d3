// Copyright sstrack authors.
//
// tests/fuzz/fuzz_util.h — what the fuzz targets share: the input as text,
// and FUZZ_EXPECT, which aborts (a crash to libFuzzer and to the corpus
// replay) when a reader breaks a promise its header makes — an error without
// its source name, a round trip that does not come back.
#ifndef SSTRACK_TESTS_FUZZ_FUZZ_UTIL_H_
#define SSTRACK_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sstrack::fuzz {

inline absl::string_view Text(const uint8_t* data, size_t size) {
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

[[noreturn]] void Fail(const char* file, int line, const char* what, absl::string_view detail);

// A refusal must say where: the message names the source given to the reader.
void ExpectNamesSource(const absl::Status& s, absl::string_view source, const char* file, int line);

}  // namespace sstrack::fuzz

#define FUZZ_EXPECT(cond, detail) \
  do {                            \
    if (!(cond)) ::sstrack::fuzz::Fail(__FILE__, __LINE__, #cond, (detail)); \
  } while (0)

#define FUZZ_EXPECT_NAMES_SOURCE(status, source) \
  ::sstrack::fuzz::ExpectNamesSource((status), (source), __FILE__, __LINE__)

#endif  // SSTRACK_TESTS_FUZZ_FUZZ_UTIL_H_
