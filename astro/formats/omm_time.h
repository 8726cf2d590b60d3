// Copyright sstrack authors.
//
// astro/formats/omm_time.h — the CCSDS ODM time format (CCSDS 502.0-B-2
// §7.5.10) for UTC epochs, with the two-part UTC Julian date SGP4 uses.
//
//   YYYY-MM-DDThh:mm:ss[.d...][Z]   calendar date
//   YYYY-DDDThh:mm:ss[.d...][Z]     day of year, 001 = January 1
//
// The UTC Julian date is split as the TLE reader splits it (ParseTleEpoch):
// utc_jd1 = Julian date of January 1, 0h of the year, utc_jd2 = days since
// then, so an OMM epoch and the same TLE epoch give the same pair.
//
// Example:
//   absl::StatusOr<OmmTime> t = ParseOmmTime("2007-064T10:34:41.4264");
//   // t->utc_jd1 == 2454101.5, t->utc_jd2 == 63.44075725
#ifndef SSTRACK_ASTRO_FORMATS_OMM_TIME_H_
#define SSTRACK_ASTRO_FORMATS_OMM_TIME_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/epoch.h"

namespace sstrack::astro {

struct OmmTime {
  Epoch epoch;
  double utc_jd1 = 0.0;
  double utc_jd2 = 0.0;
};

// Errors quote the text and say which part is wrong.
absl::StatusOr<OmmTime> ParseOmmTime(absl::string_view text);

// "YYYY-MM-DDThh:mm:ss.ffffff" (no 'Z'), rounded to the microsecond.
std::string FormatOmmTime(const Epoch& t);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_OMM_TIME_H_
