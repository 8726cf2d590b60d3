// Copyright sstrack authors.
// Fuzz target: Earth-orientation files — IERS finals2000A and Bulletin B
// (astro/time/eop.h); a table that was read is interpolated.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

void Exercise(const sstrack::astro::EopTable& t) {
  for (double mjd : {41684.0, 57432.3, 59000.7}) {
    const auto e = sstrack::astro::EpochFromUtcMjd(mjd);
    if (e.ok()) (void)t.At(*e);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text = sstrack::fuzz::Text(data, size);
  const auto finals = sstrack::astro::EopTable::FromFinals2000AText(text, "fuzz.finals");
  FUZZ_EXPECT_NAMES_SOURCE(finals.status(), "fuzz.finals");
  if (finals.ok()) Exercise(*finals);
  const std::vector<std::pair<std::string, std::string>> files = {{"fuzz.bulb", std::string(text)}};
  const auto b = sstrack::astro::EopTable::FromBulletinBText(files);
  FUZZ_EXPECT_NAMES_SOURCE(b.status(), "fuzz.bulb");
  if (b.ok()) Exercise(*b);
  return 0;
}
