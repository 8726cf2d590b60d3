// Copyright sstrack authors.
//
// astro/formats/ccsds_time.h — the CCSDS navigation-message time format
// (CCSDS 502.0-B-2 §7.5.10, 503.0-B-2 §3.3.4) in any of the time systems a
// message may name: UTC, TAI, TT or GPS.
//
//   YYYY-MM-DDThh:mm:ss[.d...][Z]   calendar date
//   YYYY-DDDThh:mm:ss[.d...][Z]     day of year, 001 = January 1
//
// The text is read in the scale the message's TIME_SYSTEM names and turned
// into the one instant type, Epoch (TAI inside):
//   TAI  as written;
//   GPS  TAI = GPS + 19 s (GPS time has kept TAI − 19 s since 1980);
//   TT   TAI = TT − 32.184 s;
//   UTC  TAI = UTC + ΔAT from the leap-second table; second 60 only in an
//        inserted leap second. The uniform scales have no second 60.
// A trailing 'Z' (the ISO mark for UTC) is accepted with UTC only. The
// fraction of the second is read apart from the whole seconds, so every
// digit written (down to 1e-16 s) reaches the Epoch.
//
// Example:
//   absl::StatusOr<Epoch> t = ParseCcsdsTime("2005-159T17:41:00",
//   TimeScale::kUtc); absl::StatusOr<std::string> s = FormatCcsdsTime(*t,
//   TimeScale::kTt);
//   // *s == "2005-06-08T17:42:04.184" (ΔAT = 32 s in 2005)
#ifndef SSTRACK_ASTRO_FORMATS_CCSDS_TIME_H_
#define SSTRACK_ASTRO_FORMATS_CCSDS_TIME_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/epoch.h"
#include "astro/time/utc.h"

namespace sstrack::astro {

// True for the scales this file reads and writes: UTC, TAI, TT, GPS.
bool IsCcsdsTimeScaleSupported(TimeScale scale);

// INVALID_ARGUMENT quoting the text and naming the part that is wrong
// (layout, month, day of year, hour, minute, second, 'Z' with a non-UTC
// scale, an unsupported scale); OUT_OF_RANGE for UTC before 1972.
absl::StatusOr<Epoch> ParseCcsdsTime(
    absl::string_view text, TimeScale scale,
    const LeapSecondTable& ls = LeapSecondTable::Builtin());

// "YYYY-MM-DDThh:mm:ss.fff" in `scale`, the second rounded to
// `fraction_digits` (0–9; the rounding carries into minutes, days and leap
// seconds) and trailing zeros dropped, keeping at least
// min(3, fraction_digits) decimals. No 'Z'. INVALID_ARGUMENT for an
// unsupported scale, OUT_OF_RANGE for UTC before 1972.
absl::StatusOr<std::string> FormatCcsdsTime(
    const Epoch& t, TimeScale scale, int fraction_digits = 9,
    const LeapSecondTable& ls = LeapSecondTable::Builtin());

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_CCSDS_TIME_H_
