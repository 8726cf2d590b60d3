// Copyright sstrack authors.
//
// astro/formats/tai_utc.h — the USNO leap-second table "tai-utc.dat"
// (maia.usno.navy.mil/ser7/tai-utc.dat), as laser-ranging and orbit software
// ship it.
//
// One row per change of TAI−UTC:
//   " 1972 JAN  1 =JD 2441317.5  TAI-UTC=  10.0       S + (MJD - 41317.) X 0.0
//   S" " 1966 JAN  1 =JD 2439126.5  TAI-UTC=   4.3131700 S + (MJD - 39126.) X
//   0.002592 S"
// i.e. from that UTC date on, TAI − UTC = offset + (MJD − reference) × rate
// seconds. Before 1972 the offset drifted (rate ≠ 0); from 1972-01-01 it is a
// whole number of seconds with rate 0.
//
// A line whose first field is a four-digit year is a row and must parse in
// full (the date must match the Julian date); blank lines and other text are
// skipped and counted, since copies of the file carry notes. Errors are
// INVALID_ARGUMENT "<file>:<line>: <part>: <reason>".
//
// Example:
//   absl::StatusOr<LeapSecondTable> ls = ReadUsnoTaiUtcFile("tai-utc.dat");
//   absl::StatusOr<Epoch> t = EpochFromUtc(calendar, *ls);
#ifndef SSTRACK_ASTRO_FORMATS_TAI_UTC_H_
#define SSTRACK_ASTRO_FORMATS_TAI_UTC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/utc.h"

namespace sstrack::astro {

struct UsnoTaiUtcRow {
  int64_t utc_mjd = 0;  // first UTC day of this row
  double offset_s = 0.0;
  double reference_mjd = 0.0;
  double rate_s_per_day = 0.0;
  int line = 0;
  // TAI − UTC (s) at a UTC modified Julian date inside this row's span.
  double TaiMinusUtcAt(double utc_mjd_value) const {
    return offset_s + (utc_mjd_value - reference_mjd) * rate_s_per_day;
  }
};

struct UsnoTaiUtcFile {
  std::vector<UsnoTaiUtcRow> rows;  // in file order, dates increasing
  int skipped_lines = 0;            // blank or non-row lines
};

absl::StatusOr<UsnoTaiUtcFile> ParseUsnoTaiUtcText(absl::string_view text,
                                                   absl::string_view source);

// The rows from 1972-01-01 on as a LeapSecondTable; each must have rate 0
// and a whole-second offset. Earlier rows are left out (the table does not
// model the drifting pre-1972 UTC).
absl::StatusOr<LeapSecondTable> LeapSecondTableFromUsnoTaiUtc(
    const UsnoTaiUtcFile& file, absl::string_view source);
absl::StatusOr<LeapSecondTable> ReadUsnoTaiUtcFile(const std::string& path);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_FORMATS_TAI_UTC_H_
