// Copyright sstrack authors.
//
// astro/formats/tle.h — two-line element sets (NORAD/Spacetrack format).
//
// Line 1: catalog number (cols 3–7, Alpha-5 allowed), classification (8),
// international designator (10–17), epoch YYDDD.DDDDDDDD (19–32), ṅ/2 in
// rev/day² (34–43), n̈/6 in rev/day³ (45–52, implied decimal with exponent),
// B* in 1/earth-radii (54–61, same form), ephemeris type (63), element set
// number (65–68), checksum (69).
// Line 2: catalog number (3–7), inclination deg (9–16), RAAN deg (18–25),
// eccentricity with implied leading decimal point (27–33), argument of
// perigee deg (35–42), mean anomaly deg (44–51), mean motion rev/day (53–63),
// revolution number (64–68), checksum (69).
// The checksum is the sum of the digits of columns 1–68, with '-' counting 1,
// modulo 10. Alpha-5: a leading letter A–Z without I and O stands for 10–33,
// so "A0000" = 100000 and "Z9999" = 339999.
//
// Every rejection names the source, line, columns and reason; in a file a bad
// record never spoils its neighbours.
#ifndef SSTRACK_ASTRO_FORMATS_TLE_H_
#define SSTRACK_ASTRO_FORMATS_TLE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/elements/mean_elements.h"
#include "astro/formats/element_format.h"

namespace sstrack::astro {

struct TleParseOptions {
  bool verify_checksum = true;
  // Accept text after column 69 (the SGP4 verification file puts start, stop
  // and step minutes there).
  bool allow_trailing_text = false;
};

absl::StatusOr<MeanElements> ParseTle(absl::string_view line1,
                                      absl::string_view line2,
                                      const TleParseOptions& options = {});

// "A0000" ↔ 100000; plain digits as themselves.
absl::StatusOr<int> ParseAlpha5(absl::string_view field);
std::string FormatAlpha5(int catalog_number);

// The TLE reader fills the result every element reader shares
// (element_format.h); the old names stay for existing callers.
using TleRejection = ElementRejection;
using TleFileResult = ElementFileResult;

// Two- and three-line sets (a name line with or without "0 "), blank lines
// ignored. A catalog number repeated with different elements is rejected.
TleFileResult ParseTleText(absl::string_view text, absl::string_view source,
                           const TleParseOptions& options = {});
absl::StatusOr<TleFileResult> ReadTleFile(const std::string& path,
                                          const TleParseOptions& options = {});

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_TLE_H_
