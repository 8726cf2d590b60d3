// Copyright sstrack authors.
#include "astro/formats/ccsds_time.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "astro/time/calendar.h"

namespace sstrack::astro {
namespace {

// Modified Julian date of 2000-01-01 (J2000.0 is noon of that day).
constexpr int64_t kMjd2000 = 51544;
// TT − TAI = 32.184 s, split so that whole and fraction stay exact.
constexpr int64_t kTtMinusTaiWhole = 32;
constexpr double kTtMinusTaiFraction = 0.184;

struct Calendar {
  int64_t year = 0;
  int month = 0, day = 0, hour = 0, minute = 0;
};

// MJD → calendar date (years 1..9999).
void CalendarFromMjd(int64_t mjd, Calendar* c) {
  int64_t year =
      2000 + static_cast<int64_t>(std::floor((mjd - kMjd2000) / 365.2425));
  while (MjdOfJanuary1(year) > mjd) --year;
  while (MjdOfJanuary1(year + 1) <= mjd) ++year;
  int doy = static_cast<int>(mjd - MjdOfJanuary1(year)) + 1;
  int month = 1;
  while (doy > DaysInMonth(year, month)) doy -= DaysInMonth(year, month++);
  c->year = year;
  c->month = month;
  c->day = doy;
}

bool Digits(absl::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t k = pos; k < pos + n; ++k) {
    if (!absl::ascii_isdigit(s[k])) return false;
    v = v * 10 + (s[k] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

bool IsCcsdsTimeScaleSupported(TimeScale scale) {
  return scale == TimeScale::kUtc || scale == TimeScale::kTai ||
         scale == TimeScale::kTt || scale == TimeScale::kGps;
}

absl::StatusOr<Epoch> ParseCcsdsTime(absl::string_view text, TimeScale scale,
                                     const LeapSecondTable& ls) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  const std::string quoted = absl::StrCat("time '", s, "'");
  auto bad = [&](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(quoted, ": ", what));
  };
  if (!IsCcsdsTimeScaleSupported(scale)) {
    return bad(absl::StrCat("time system ", TimeScaleName(scale),
                            " not supported (UTC, TAI, TT, GPS)"));
  }
  if (!s.empty() && (s.back() == 'Z' || s.back() == 'z')) {
    if (scale != TimeScale::kUtc) {
      return bad(absl::StrCat("'Z' marks UTC but the time system is ",
                              TimeScaleName(scale)));
    }
    s.remove_suffix(1);
  }
  constexpr absl::string_view kLayout =
      "expected YYYY-MM-DDThh:mm:ss[.f] or YYYY-DDDThh:mm:ss[.f]";
  int year = 0, month = 0, day = 0, doy = 0;
  size_t pos = 0;  // index of the 'T'
  if (!Digits(s, 0, 4, &year) || s.size() < 9 || s[4] != '-') {
    return bad(kLayout);
  }
  if (year < kFirstFileYear || year > kLastFileYear) {
    return bad(absl::StrCat("year ", year, " not in ", kFirstFileYear, "-", kLastFileYear));
  }
  if (Digits(s, 5, 3, &doy) && s[8] == 'T') {
    const int days = IsLeapYear(year) ? 366 : 365;
    if (doy < 1 || doy > days) {
      return bad(absl::StrCat("day of year ", doy, " not in 1-", days));
    }
    month = 1;
    day = doy;
    while (day > DaysInMonth(year, month)) day -= DaysInMonth(year, month++);
    pos = 8;
  } else if (Digits(s, 5, 2, &month) && s.size() > 10 && s[7] == '-' &&
             Digits(s, 8, 2, &day) && s[10] == 'T') {
    if (month < 1 || month > 12) {
      return bad(absl::StrCat("month ", month, " not in 1-12"));
    }
    if (day < 1 || day > DaysInMonth(year, month)) {
      return bad(
          absl::StrCat("day ", day, " not in 1-", DaysInMonth(year, month)));
    }
    pos = 10;
  } else {
    return bad(kLayout);
  }
  int hour = 0, minute = 0, second = 0;
  absl::string_view clock = s.substr(pos + 1);
  if (!Digits(clock, 0, 2, &hour) || clock.size() < 8 || clock[2] != ':' ||
      !Digits(clock, 3, 2, &minute) || clock[5] != ':' ||
      !Digits(clock, 6, 2, &second) || (clock.size() > 8 && clock[8] != '.')) {
    return bad("expected hh:mm:ss[.f] after the 'T'");
  }
  double fraction = 0.0;
  if (clock.size() > 8) {
    absl::string_view digits = clock.substr(9);
    if (digits.empty() ||
        !std::all_of(digits.begin(), digits.end(), absl::ascii_isdigit) ||
        !absl::SimpleAtod(absl::StrCat("0.", digits), &fraction)) {
      return bad("expected digits after the decimal point");
    }
  }
  if (hour > 23) return bad(absl::StrCat("hour ", hour, " not in 0-23"));
  if (minute > 59) return bad(absl::StrCat("minute ", minute, " not in 0-59"));
  const int max_second = scale == TimeScale::kUtc ? 60 : 59;
  if (second > max_second) {
    return bad(absl::StrCat("second ", second, " not in 0-", max_second));
  }

  if (scale == TimeScale::kUtc) {
    UtcCalendar c;
    c.year = year;
    c.month = month;
    c.day = day;
    c.hour = hour;
    c.minute = minute;
    c.second = second;  // whole: the fraction is added exactly below
    absl::StatusOr<Epoch> whole = EpochFromUtc(c, ls);
    if (!whole.ok()) {
      return absl::Status(whole.status().code(),
                          absl::StrCat(quoted, ": ", whole.status().message()));
    }
    return Epoch::FromTaiSeconds(whole->tai_whole_seconds(), fraction);
  }
  // Whole seconds since J2000.0 (2000-01-01T12:00:00) in the uniform scale.
  const int64_t mjd = MjdOfJanuary1(year) + DayOfYear(year, month, day) - 1;
  const int64_t s_scale =
      (mjd - kMjd2000) * 86400 - 43200 + hour * 3600 + minute * 60 + second;
  switch (scale) {
    case TimeScale::kGps:
      return Epoch::FromTaiSeconds(s_scale + 19, fraction);
    case TimeScale::kTt:
      return Epoch::FromTaiSeconds(s_scale - kTtMinusTaiWhole,
                                   fraction - kTtMinusTaiFraction);
    default:
      return Epoch::FromTaiSeconds(s_scale, fraction);
  }
}

absl::StatusOr<std::string> FormatCcsdsTime(const Epoch& t, TimeScale scale,
                                            int fraction_digits,
                                            const LeapSecondTable& ls) {
  if (!IsCcsdsTimeScaleSupported(scale)) {
    return absl::InvalidArgumentError(
        absl::StrCat("time system ", TimeScaleName(scale),
                     " not supported (UTC, TAI, TT, GPS)"));
  }
  fraction_digits = std::clamp(fraction_digits, 0, 9);
  std::string out;
  if (scale == TimeScale::kUtc) {
    absl::StatusOr<UtcCalendar> check = UtcFromEpoch(t, ls);
    if (!check.ok()) return check.status();
    out = FormatIsoUtc(t, fraction_digits, ls);
    out.pop_back();  // the 'Z'
  } else {
    // Whole and fraction of seconds since J2000.0 in the scale.
    int64_t w = t.tai_whole_seconds();
    double f = t.tai_fraction_seconds();
    if (scale == TimeScale::kGps) w -= 19;
    if (scale == TimeScale::kTt) {
      w += kTtMinusTaiWhole;
      f += kTtMinusTaiFraction;
    }
    const double scale10 = std::pow(10.0, fraction_digits);
    int64_t units = static_cast<int64_t>(std::llround(f * scale10));
    const int64_t per_second = static_cast<int64_t>(scale10);
    w += units / per_second;
    units %= per_second;
    const int64_t since_2000 = w + 43200;  // seconds since 2000-01-01T00:00
    int64_t day = since_2000 / 86400;
    int64_t sod = since_2000 % 86400;
    if (sod < 0) {
      sod += 86400;
      day -= 1;
    }
    Calendar c;
    CalendarFromMjd(kMjd2000 + day, &c);
    out = absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month,
                          c.day, sod / 3600, sod / 60 % 60, sod % 60);
    if (fraction_digits > 0) {
      absl::StrAppend(&out, ".",
                      absl::StrFormat("%0*d", fraction_digits, units));
    }
  }
  // Trailing zeros of the fraction, keeping min(3, digits) decimals.
  const size_t keep = static_cast<size_t>(std::min(3, fraction_digits));
  const size_t dot = out.find('.');
  if (dot != std::string::npos) {
    size_t end = out.size();
    while (end > dot + 1 + keep && out[end - 1] == '0') --end;
    out.resize(end == dot + 1 ? dot : end);
  }
  return out;
}

}  // namespace sstrack::astro
