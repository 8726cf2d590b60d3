// Copyright sstrack authors.
// Fuzz target: leap-second files — USNO tai-utc.dat (astro/formats/tai_utc.h)
// and IANA leap-seconds.list (astro/time/utc.h); a table that was read turns
// a date into an epoch and back.
#include <cstddef>
#include <cstdint>

#include "astro/formats/tai_utc.h"
#include "astro/time/utc.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

void Exercise(const sstrack::astro::LeapSecondTable& ls) {
  for (double mjd : {41317.0, 51544.5, 57754.0, 60000.25}) {
    const auto t = sstrack::astro::EpochFromUtcMjd(mjd, ls);
    if (t.ok()) (void)sstrack::astro::FormatIsoUtc(*t, 9, ls);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text = sstrack::fuzz::Text(data, size);
  const auto usno = sstrack::astro::ParseUsnoTaiUtcText(text, "fuzz.dat");
  FUZZ_EXPECT_NAMES_SOURCE(usno.status(), "fuzz.dat");
  if (usno.ok()) {
    const auto ls = sstrack::astro::LeapSecondTableFromUsnoTaiUtc(*usno, "fuzz.dat");
    if (ls.ok()) Exercise(*ls);
  }
  const auto iana = sstrack::astro::LeapSecondTable::FromIanaText(text, "fuzz.list");
  FUZZ_EXPECT_NAMES_SOURCE(iana.status(), "fuzz.list");
  if (iana.ok()) Exercise(*iana);
  return 0;
}
