// Copyright sstrack authors.
//
// astro/time/utc.h — UTC: the leap-second table, calendar ↔ Epoch, and the
// ISO-8601 text form, including the inserted second 23:59:60.
//
// UTC is TAI minus an integer number of seconds since 1972 (TAI−UTC, ΔAT).
// The table comes from ERFA's built-in list (eraDat) or, so that a new leap
// second needs no rebuild, from an IANA/NIST `leap-seconds.list` file
// (tzdata ships /usr/share/zoneinfo/leap-seconds.list), or from any list of
// steps (the USNO tai-utc.dat reader, astro/formats/tai_utc.h). Dates before
// 1972-01-01 (when UTC had fractional, drifting offsets) are OUT_OF_RANGE.
//
// Example:
//   absl::StatusOr<Epoch> t = ParseIsoUtc("2016-12-31T23:59:60.5Z");
//   std::string s = FormatIsoUtc(*t, 3);   // "2016-12-31T23:59:60.500Z"
#ifndef SSTRACK_ASTRO_TIME_UTC_H_
#define SSTRACK_ASTRO_TIME_UTC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "astro/time/epoch.h"

namespace sstrack::astro {

// The years a data file's epoch may lie in (TDM, OMM, CRD, CPF, …): from the
// first satellite to 2100. Files are historical data, so there is no window
// around "now" for them (the network's ingest has one: service/ingest.h).
inline constexpr int kFirstFileYear = 1957;
inline constexpr int kLastFileYear = 2100;

struct UtcCalendar {
  int year = 2000;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  double second = 0.0;  // [0, 60), or [60, 61) inside an inserted leap second
};

class LeapSecondTable {
 public:
  struct Step {
    int64_t utc_mjd;        // first UTC day with this offset
    int64_t tai_minus_utc;  // seconds
  };

  // ERFA's built-in table (eraDat), from 1972-01-01.
  static const LeapSecondTable& Builtin();
  // IANA/NIST leap-seconds.list: "NTP-seconds  TAI−UTC  # date" rows,
  // '#' comments. Errors name the file and line.
  static absl::StatusOr<LeapSecondTable> FromIanaFile(const std::string& path);
  static absl::StatusOr<LeapSecondTable> FromIanaText(absl::string_view text,
                                                      absl::string_view source);

  // From a list of steps (other file formats, e.g. the USNO tai-utc.dat
  // reader in astro/formats/tai_utc.h): the first must be 1972-01-01, the
  // dates strictly increasing. Errors name `source`.
  static absl::StatusOr<LeapSecondTable> FromSteps(std::vector<Step> steps,
                                                   absl::string_view source);

  // TAI−UTC (s) on the UTC day with this modified Julian day number.
  absl::StatusOr<double> TaiMinusUtcAtUtcMjd(int64_t utc_mjd) const;
  // TAI−UTC (s) at an instant; inside an inserted second, the old value.
  absl::StatusOr<double> TaiMinusUtc(const Epoch& t) const;

  const std::vector<Step>& steps() const { return steps_; }

 private:
  explicit LeapSecondTable(std::vector<Step> steps) : steps_(std::move(steps)) {}
  std::vector<Step> steps_;
};

// Modified Julian day number of a Gregorian calendar date (any year ERFA
// takes, so also before 1972); errors name the field.
absl::StatusOr<int64_t> MjdFromCalendarDate(int year, int month, int day);

// UTC calendar ↔ instant. A second of 60 is accepted only at the end of a day
// that the table gives a leap second; errors name the field.
absl::StatusOr<Epoch> EpochFromUtc(
    const UtcCalendar& c, const LeapSecondTable& ls = LeapSecondTable::Builtin());
absl::StatusOr<UtcCalendar> UtcFromEpoch(
    const Epoch& t, const LeapSecondTable& ls = LeapSecondTable::Builtin());

// ISO-8601 UTC: "YYYY-MM-DDThh:mm:ss[.f...][Z]" ('T' or one space), or a date
// alone. Errors quote the text and name the field that is wrong.
absl::StatusOr<Epoch> ParseIsoUtc(
    absl::string_view text,
    const LeapSecondTable& ls = LeapSecondTable::Builtin());
// RFC 3339 date-time, strictly, for input from the network:
// "YYYY-MM-DDThh:mm:ss[.f]" with 1–9 decimals, then 'Z' or an offset ±hh:mm
// ('T' and 'Z' in either case); nothing before or after, at most 35
// characters. A local time with an offset is converted on the calendar, so
// "1990-12-31T15:59:60-08:00" is the leap second 23:59:60Z. Errors quote at
// most 40 characters of the text.
absl::StatusOr<Epoch> ParseRfc3339(
    absl::string_view text,
    const LeapSecondTable& ls = LeapSecondTable::Builtin());
// "YYYY-MM-DDThh:mm:ss.ffffffZ" rounded to `fraction_digits` (0–9); the
// rounding carries through minutes, days and leap seconds.
std::string FormatIsoUtc(const Epoch& t, int fraction_digits = 6,
                         const LeapSecondTable& ls = LeapSecondTable::Builtin());

// UTC modified Julian date ↔ instant (days of 86400 s; not defined inside a
// leap second, which maps to the next day's start).
absl::StatusOr<Epoch> EpochFromUtcMjd(
    double utc_mjd, const LeapSecondTable& ls = LeapSecondTable::Builtin());
absl::StatusOr<double> UtcMjd(
    const Epoch& t, const LeapSecondTable& ls = LeapSecondTable::Builtin());

// The TLE epoch field "YYDDD.DDDDDDDD" (columns 19–32 of line 1): two-digit
// year (57–99 → 19xx, 00–56 → 20xx) and day of year with fraction, day 1.0 =
// January 1 00:00 UTC. Also gives the UTC two-part Julian date SGP4 uses.
struct TleEpoch {
  Epoch epoch;
  JulianDate utc_jd;  // jd1 = Julian date of 0h Jan 1 of the year, jd2 = day − 1
};
absl::StatusOr<TleEpoch> ParseTleEpoch(
    absl::string_view yyddd, const LeapSecondTable& ls = LeapSecondTable::Builtin());
// 14 characters, 8 decimals of day (≈ 0.86 ms).
std::string FormatTleEpoch(const Epoch& t,
                           const LeapSecondTable& ls = LeapSecondTable::Builtin());

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_TIME_UTC_H_
