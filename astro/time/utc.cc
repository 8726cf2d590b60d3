// Copyright sstrack authors.
#include "astro/time/utc.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "erfa.h"

namespace sstrack::astro {
namespace {

constexpr int64_t kJ2000Mjd = 51544;      // 2000-01-01 (J2000.0 is +0.5 d)
constexpr int64_t kNtpEpochMjd = 15020;   // 1900-01-01
constexpr int64_t kFirstMjd = 41317;      // 1972-01-01

// TAI seconds since J2000 TAI of UTC midnight starting day `mjd`.
int64_t TaiSecondsAtUtcMidnight(int64_t mjd, int64_t tai_minus_utc) {
  return (mjd - kJ2000Mjd) * 86400 - 43200 + tai_minus_utc;
}

absl::StatusOr<int64_t> MjdFromCalendar(int year, int month, int day) {
  double djm0 = 0.0, djm = 0.0;
  const int rc = eraCal2jd(year, month, day, &djm0, &djm);
  if (rc == -1) return absl::InvalidArgumentError(absl::StrCat("year ", year, " out of range"));
  if (rc == -2) return absl::InvalidArgumentError(absl::StrCat("month ", month, " not in 1..12"));
  if (rc == -3) {
    return absl::InvalidArgumentError(
        absl::StrFormat("day %d not valid in %04d-%02d", day, year, month));
  }
  return static_cast<int64_t>(djm);
}

}  // namespace

const LeapSecondTable& LeapSecondTable::Builtin() {
  static const LeapSecondTable* table = [] {
    std::vector<Step> steps;
    int this_year = 2100;
    // eraDat knows every step; scan the first of each month (steps only ever
    // happen there) up to the end of its validity.
    for (int year = 1972; year <= this_year; ++year) {
      for (int month = 1; month <= 12; ++month) {
        double dat = 0.0;
        if (eraDat(year, month, 1, 0.0, &dat) < 0) continue;
        if (steps.empty() || steps.back().tai_minus_utc != std::lround(dat)) {
          double djm0, djm;
          eraCal2jd(year, month, 1, &djm0, &djm);
          steps.push_back({static_cast<int64_t>(djm), std::lround(dat)});
        }
      }
    }
    return new LeapSecondTable(std::move(steps));
  }();
  return *table;
}

absl::StatusOr<LeapSecondTable> LeapSecondTable::FromIanaText(
    absl::string_view text, absl::string_view source) {
  std::vector<Step> steps;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> f =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    int64_t ntp = 0, dat = 0;
    if (f.size() < 2 || !absl::SimpleAtoi(f[0], &ntp) ||
        !absl::SimpleAtoi(f[1], &dat) || ntp % 86400 != 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ":", line_no,
          ": expected 'NTP-seconds TAI-UTC' with NTP seconds at a midnight, got '",
          line, "'"));
    }
    const int64_t mjd = ntp / 86400 + kNtpEpochMjd;
    if (!steps.empty() && mjd <= steps.back().utc_mjd) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", line_no, ": dates not increasing"));
    }
    steps.push_back({mjd, dat});
  }
  return FromSteps(std::move(steps), source);
}

absl::StatusOr<LeapSecondTable> LeapSecondTable::FromSteps(
    std::vector<Step> steps, absl::string_view source) {
  if (steps.empty() || steps.front().utc_mjd != kFirstMjd) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": no leap-second rows starting 1972-01-01"));
  }
  for (size_t i = 1; i < steps.size(); ++i) {
    if (steps[i].utc_mjd <= steps[i - 1].utc_mjd) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ": step dates not increasing at MJD ", steps[i].utc_mjd));
    }
  }
  return LeapSecondTable(std::move(steps));
}

absl::StatusOr<LeapSecondTable> LeapSecondTable::FromIanaFile(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return FromIanaText(ss.str(), path);
}

absl::StatusOr<double> LeapSecondTable::TaiMinusUtcAtUtcMjd(
    int64_t utc_mjd) const {
  if (utc_mjd < steps_.front().utc_mjd) {
    return absl::OutOfRangeError(absl::StrCat(
        "UTC MJD ", utc_mjd,
        " is before 1972-01-01: no integer TAI-UTC is defined"));
  }
  double dat = 0.0;
  for (const Step& s : steps_) {
    if (s.utc_mjd > utc_mjd) break;
    dat = static_cast<double>(s.tai_minus_utc);
  }
  return dat;
}

absl::StatusOr<double> LeapSecondTable::TaiMinusUtc(const Epoch& t) const {
  if (t.tai_whole_seconds() <
      TaiSecondsAtUtcMidnight(steps_.front().utc_mjd,
                              steps_.front().tai_minus_utc)) {
    return absl::OutOfRangeError("instant before 1972-01-01 UTC");
  }
  double dat = 0.0;
  for (const Step& s : steps_) {
    if (TaiSecondsAtUtcMidnight(s.utc_mjd, s.tai_minus_utc) >
        t.tai_whole_seconds()) {
      break;
    }
    dat = static_cast<double>(s.tai_minus_utc);
  }
  return dat;
}

absl::StatusOr<int64_t> MjdFromCalendarDate(int year, int month, int day) {
  return MjdFromCalendar(year, month, day);
}

absl::StatusOr<Epoch> EpochFromUtc(const UtcCalendar& c,
                                   const LeapSecondTable& ls) {
  absl::StatusOr<int64_t> mjd = MjdFromCalendar(c.year, c.month, c.day);
  if (!mjd.ok()) return mjd.status();
  if (c.hour < 0 || c.hour > 23) {
    return absl::InvalidArgumentError(absl::StrCat("hour ", c.hour, " not in 0..23"));
  }
  if (c.minute < 0 || c.minute > 59) {
    return absl::InvalidArgumentError(absl::StrCat("minute ", c.minute, " not in 0..59"));
  }
  absl::StatusOr<double> dat = ls.TaiMinusUtcAtUtcMjd(*mjd);
  if (!dat.ok()) return dat.status();
  if (!(c.second >= 0.0) || !(c.second < 61.0)) {
    return absl::InvalidArgumentError(absl::StrCat("second ", c.second, " not in [0, 61)"));
  }
  if (c.second >= 60.0) {
    absl::StatusOr<double> next = ls.TaiMinusUtcAtUtcMjd(*mjd + 1);
    if (!next.ok()) return next.status();
    const bool leap_day = *next - *dat >= 1.0;
    if (!leap_day || c.hour != 23 || c.minute != 59) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "second %.9g: %04d-%02d-%02d %02d:%02d has no leap second", c.second,
          c.year, c.month, c.day, c.hour, c.minute));
    }
  }
  const double whole = std::floor(c.second);
  return Epoch::FromTaiSeconds(
      TaiSecondsAtUtcMidnight(*mjd, static_cast<int64_t>(*dat)) +
          c.hour * 3600 + c.minute * 60 + static_cast<int64_t>(whole),
      c.second - whole);
}

absl::StatusOr<UtcCalendar> UtcFromEpoch(const Epoch& t,
                                         const LeapSecondTable& ls) {
  const auto& steps = ls.steps();
  const int64_t tai = t.tai_whole_seconds();
  size_t i = 0;
  if (tai < TaiSecondsAtUtcMidnight(steps[0].utc_mjd, steps[0].tai_minus_utc)) {
    return absl::OutOfRangeError("instant before 1972-01-01 UTC");
  }
  while (i + 1 < steps.size() &&
         TaiSecondsAtUtcMidnight(steps[i + 1].utc_mjd,
                                 steps[i + 1].tai_minus_utc) <= tai) {
    ++i;
  }
  // Seconds since 2000-01-01T00:00 UTC in the day-count of this offset.
  const int64_t u = tai - steps[i].tai_minus_utc + 43200;
  int64_t day = u >= 0 ? u / 86400 : -((-u + 86399) / 86400);
  int64_t sod = u - day * 86400;
  int64_t mjd = kJ2000Mjd + day;
  if (i + 1 < steps.size() && mjd == steps[i + 1].utc_mjd) {
    // Inside the inserted second(s) at the end of the previous day.
    mjd -= 1;
    sod += 86400;
  }
  int year, month, dom;
  double fd;
  eraJd2cal(2400000.5, static_cast<double>(mjd), &year, &month, &dom, &fd);
  UtcCalendar c;
  c.year = year;
  c.month = month;
  c.day = dom;
  if (sod >= 86400) {
    c.hour = 23;
    c.minute = 59;
    c.second = 60.0 + static_cast<double>(sod - 86400) + t.tai_fraction_seconds();
  } else {
    c.hour = static_cast<int>(sod / 3600);
    c.minute = static_cast<int>((sod % 3600) / 60);
    c.second = static_cast<double>(sod % 60) + t.tai_fraction_seconds();
  }
  return c;
}

namespace {

// The text quoted for an error message: at most 40 characters of it (a
// hostile 10 MB string is not echoed back).
std::string QuoteTime(absl::string_view text) {
  if (text.size() <= 40) return absl::StrCat("'", text, "'");
  return absl::StrCat("'", text.substr(0, 40), "...' (", text.size(), " characters)");
}

// "YYYY-MM-DD" and, when more follows, "Thh:mm:ss[.f...]" ('T', 't' or one
// space) into `c`; `max_fraction_digits` < 0: any number.
absl::Status ParseCalendarFields(absl::string_view s, const std::string& quoted,
                                 int max_fraction_digits, UtcCalendar* c) {
  auto digits = [&](size_t pos, size_t n, int* out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t k = pos; k < pos + n; ++k) {
      if (!absl::ascii_isdigit(s[k])) return false;
      v = v * 10 + (s[k] - '0');
    }
    *out = v;
    return true;
  };
  if (!digits(0, 4, &c->year) || s.size() < 10 || s[4] != '-' ||
      !digits(5, 2, &c->month) || s[7] != '-' || !digits(8, 2, &c->day)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "time ", quoted, ": expected ISO-8601 UTC YYYY-MM-DDThh:mm:ss[.fff]Z"));
  }
  if (s.size() == 10) return absl::OkStatus();
  if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s.size() < 19 ||
      !digits(11, 2, &c->hour) || s[13] != ':' || !digits(14, 2, &c->minute) ||
      s[16] != ':') {
    return absl::InvalidArgumentError(absl::StrCat(
        "time ", quoted, ": expected 'Thh:mm:ss' after the date"));
  }
  absl::string_view sec = s.substr(17);
  bool ok = sec.size() >= 2 && absl::ascii_isdigit(sec[0]) && absl::ascii_isdigit(sec[1]) &&
            (sec.size() == 2 || (sec[2] == '.' && sec.size() > 3));
  for (size_t k = 3; ok && k < sec.size(); ++k) ok = absl::ascii_isdigit(sec[k]);
  if (!ok || !absl::SimpleAtod(sec, &c->second)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "time ", quoted, ": seconds field '", sec.substr(0, 20), "' is not ss or ss.fff"));
  }
  if (max_fraction_digits >= 0 && sec.size() > 3 + static_cast<size_t>(max_fraction_digits)) {
    return absl::InvalidArgumentError(absl::StrCat("time ", quoted, ": more than ",
                                                   max_fraction_digits, " decimals of second"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Epoch> FromCalendar(const UtcCalendar& c, const std::string& quoted,
                                   const LeapSecondTable& ls) {
  absl::StatusOr<Epoch> e = EpochFromUtc(c, ls);
  if (!e.ok()) {
    return absl::Status(e.status().code(),
                        absl::StrCat("time ", quoted, ": ", e.status().message()));
  }
  return e;
}

}  // namespace

absl::StatusOr<Epoch> ParseIsoUtc(absl::string_view text,
                                  const LeapSecondTable& ls) {
  const std::string quoted = QuoteTime(text);
  absl::string_view s = absl::StripAsciiWhitespace(text);
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) s.remove_suffix(1);
  UtcCalendar c;
  if (absl::Status st = ParseCalendarFields(s, quoted, -1, &c); !st.ok()) return st;
  return FromCalendar(c, quoted, ls);
}

absl::StatusOr<Epoch> ParseRfc3339(absl::string_view text, const LeapSecondTable& ls) {
  const std::string quoted = QuoteTime(text);
  auto fail = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("time ", quoted, ": ", why));
  };
  // 2018-01-20T12:34:56.123456789+hh:mm is 35 characters.
  if (text.size() > 35) return fail("too long for an RFC 3339 date-time");
  absl::string_view s = text;
  int offset_min = 0;
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) {
    s.remove_suffix(1);
  } else if (s.size() >= 6 && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-') &&
             s[s.size() - 3] == ':') {
    absl::string_view z = s.substr(s.size() - 6);
    const bool num = absl::ascii_isdigit(z[1]) && absl::ascii_isdigit(z[2]) &&
                     absl::ascii_isdigit(z[4]) && absl::ascii_isdigit(z[5]);
    const int hh = num ? (z[1] - '0') * 10 + (z[2] - '0') : 99;
    const int mm = num ? (z[4] - '0') * 10 + (z[5] - '0') : 99;
    if (hh > 23 || mm > 59) return fail("time-zone offset is not ±hh:mm (hh ≤ 23, mm ≤ 59)");
    offset_min = (z[0] == '-' ? -1 : 1) * (hh * 60 + mm);
    s.remove_suffix(6);
  } else {
    return fail("expected a time zone at the end, 'Z' or ±hh:mm (RFC 3339)");
  }
  if (s.size() < 19 || (s[10] != 'T' && s[10] != 't')) {
    return fail("expected YYYY-MM-DDThh:mm:ss[.fff] before the time zone (RFC 3339)");
  }
  UtcCalendar c;
  if (absl::Status st = ParseCalendarFields(s, quoted, 9, &c); !st.ok()) return st;
  if (c.month < 1 || c.month > 12 || c.hour > 23 || c.minute > 59) {
    return FromCalendar(c, quoted, ls);  // names the field
  }
  if (offset_min != 0) {
    // Local time → UTC on the calendar (not on the time line), so that
    // 15:59:60-08:00 is the leap second 23:59:60Z.
    absl::StatusOr<int64_t> mjd = MjdFromCalendar(c.year, c.month, c.day);
    if (!mjd.ok()) return FromCalendar(c, quoted, ls);
    int64_t minutes = c.hour * 60 + c.minute - offset_min;
    int64_t day = *mjd;
    while (minutes < 0) { minutes += 1440; --day; }
    while (minutes >= 1440) { minutes -= 1440; ++day; }
    double fd = 0;
    if (eraJd2cal(2400000.5, static_cast<double>(day), &c.year, &c.month, &c.day, &fd) != 0) {
      return fail("outside the calendar");
    }
    // 9999-12-31T23:00-08:00 is in year 10000 UTC, which no other reader
    // or writer of times takes (found by tests/fuzz:time_fuzz).
    if (c.year < 1 || c.year > 9999) return fail("in UTC outside the years 0001-9999");
    c.hour = static_cast<int>(minutes / 60);
    c.minute = static_cast<int>(minutes % 60);
  }
  return FromCalendar(c, quoted, ls);
}

std::string FormatIsoUtc(const Epoch& t, int fraction_digits,
                         const LeapSecondTable& ls) {
  fraction_digits = std::clamp(fraction_digits, 0, 9);
  // Leap seconds are whole, so rounding the TAI fraction rounds UTC too.
  const double scale = std::pow(10.0, fraction_digits);
  const double units = std::round(t.tai_fraction_seconds() * scale);
  const Epoch r = Epoch::FromTaiSeconds(t.tai_whole_seconds(), units / scale);
  absl::StatusOr<UtcCalendar> c = UtcFromEpoch(r, ls);
  if (!c.ok()) return absl::StrCat("<", c.status().message(), ">");
  const int whole_s = static_cast<int>(std::floor(c->second));
  std::string out = absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d", c->year,
                                    c->month, c->day, c->hour, c->minute,
                                    whole_s);
  if (fraction_digits > 0) {
    const int64_t frac_units = static_cast<int64_t>(units) % static_cast<int64_t>(scale);
    absl::StrAppend(&out, ".", absl::StrFormat("%0*d", fraction_digits, frac_units));
  }
  return out + "Z";
}

absl::StatusOr<Epoch> EpochFromUtcMjd(double utc_mjd,
                                      const LeapSecondTable& ls) {
  if (!std::isfinite(utc_mjd)) return absl::InvalidArgumentError("MJD is not finite");
  const double day = std::floor(utc_mjd);
  absl::StatusOr<double> dat = ls.TaiMinusUtcAtUtcMjd(static_cast<int64_t>(day));
  if (!dat.ok()) return dat.status();
  const double sod = (utc_mjd - day) * 86400.0;
  const double whole = std::floor(sod);
  return Epoch::FromTaiSeconds(
      TaiSecondsAtUtcMidnight(static_cast<int64_t>(day),
                              static_cast<int64_t>(*dat)) +
          static_cast<int64_t>(whole),
      sod - whole);
}

absl::StatusOr<double> UtcMjd(const Epoch& t, const LeapSecondTable& ls) {
  absl::StatusOr<UtcCalendar> c = UtcFromEpoch(t, ls);
  if (!c.ok()) return c.status();
  absl::StatusOr<int64_t> mjd = MjdFromCalendar(c->year, c->month, c->day);
  if (!mjd.ok()) return mjd.status();
  const double sod = std::min(c->hour * 3600.0 + c->minute * 60.0 + c->second, 86400.0);
  return static_cast<double>(*mjd) + sod / 86400.0;
}

absl::StatusOr<TleEpoch> ParseTleEpoch(absl::string_view yyddd,
                                       const LeapSecondTable& ls) {
  const std::string quoted = absl::StrCat("'", yyddd, "'");
  absl::string_view s = absl::StripAsciiWhitespace(yyddd);
  int yy = 0;
  double doy = 0.0;
  if (s.size() < 6 || !absl::ascii_isdigit(s[0]) || !absl::ascii_isdigit(s[1]) ||
      !absl::SimpleAtoi(s.substr(0, 2), &yy) ||
      !absl::SimpleAtod(s.substr(2), &doy) || !std::isfinite(doy)) {
    return absl::InvalidArgumentError(
        absl::StrCat("TLE epoch ", quoted, ": expected YYDDD.DDDDDDDD"));
  }
  const int year = yy < 57 ? 2000 + yy : 1900 + yy;
  const bool leap_year = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (doy < 1.0 || doy >= (leap_year ? 367.0 : 366.0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "TLE epoch ", quoted, ": day of year ", doy, " not in [1, ",
        leap_year ? 367 : 366, ")"));
  }
  absl::StatusOr<int64_t> jan1 = MjdFromCalendar(year, 1, 1);
  if (!jan1.ok()) return jan1.status();
  TleEpoch out;
  out.utc_jd = {2400000.5 + static_cast<double>(*jan1), doy - 1.0};
  // Day number and fraction kept apart so the fraction keeps its digits.
  const double day_whole = std::floor(doy);
  const double sod = (doy - day_whole) * 86400.0;
  absl::StatusOr<double> dat =
      ls.TaiMinusUtcAtUtcMjd(*jan1 + static_cast<int64_t>(day_whole) - 1);
  if (!dat.ok()) {
    return absl::Status(dat.status().code(), absl::StrCat("TLE epoch ", quoted,
                                                          ": ", dat.status().message()));
  }
  const double w = std::floor(sod);
  out.epoch = Epoch::FromTaiSeconds(
      TaiSecondsAtUtcMidnight(*jan1 + static_cast<int64_t>(day_whole) - 1,
                              static_cast<int64_t>(*dat)) +
          static_cast<int64_t>(w),
      sod - w);
  return out;
}

std::string FormatTleEpoch(const Epoch& t, const LeapSecondTable& ls) {
  absl::StatusOr<UtcCalendar> c = UtcFromEpoch(t, ls);
  if (!c.ok()) return "<out of range>";
  absl::StatusOr<int64_t> mjd = MjdFromCalendar(c->year, c->month, c->day);
  absl::StatusOr<int64_t> jan1 = MjdFromCalendar(c->year, 1, 1);
  const double sod = std::min(c->hour * 3600.0 + c->minute * 60.0 + c->second, 86399.9999999);
  double doy = static_cast<double>(*mjd - *jan1 + 1) + sod / 86400.0;
  doy = std::round(doy * 1e8) / 1e8;
  return absl::StrFormat("%02d%012.8f", c->year % 100, doy);
}

}  // namespace sstrack::astro
