// Copyright sstrack authors.
// Fuzz target: the time parsers — RFC 3339 (the network's), ISO 8601 UTC,
// CCSDS times in UTC and TAI, the TLE epoch field (astro/time/utc.h,
// astro/formats/ccsds_time.h). What RFC 3339 accepts formats and parses back
// to the same instant within a nanosecond.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "astro/formats/ccsds_time.h"
#include "astro/time/utc.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace a = sstrack::astro;
  const absl::string_view text = sstrack::fuzz::Text(data, size);
  const auto rfc = a::ParseRfc3339(text);
  if (rfc.ok()) {
    const std::string s = a::FormatIsoUtc(*rfc, 9);
    const auto back = a::ParseRfc3339(s);
    FUZZ_EXPECT(back.ok(), absl::StrCat(text, " → ", s, ": ", back.status().ToString()));
    FUZZ_EXPECT(std::abs(*back - *rfc) <= 1e-9, absl::StrCat(text, " → ", s));
  }
  (void)a::ParseIsoUtc(text);
  (void)a::ParseCcsdsTime(text, a::TimeScale::kUtc);
  (void)a::ParseCcsdsTime(text, a::TimeScale::kTai);
  (void)a::ParseTleEpoch(text);
  return 0;
}
