// Copyright sstrack authors.
#include "astro/formats/omm_time.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "astro/time/calendar.h"
#include "astro/time/utc.h"

namespace sstrack::astro {
namespace {

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

absl::StatusOr<OmmTime> ParseOmmTime(absl::string_view text) {
  absl::string_view s = absl::StripAsciiWhitespace(text);
  const std::string quoted = absl::StrCat("time '", s, "'");
  int year = 0, month = 0, day = 0, doy = 0;
  std::string iso;
  if (!Digits(s, 0, 4, &year) || s.size() < 8 || s[4] != '-') {
    return absl::InvalidArgumentError(absl::StrCat(
        quoted, ": expected YYYY-MM-DDThh:mm:ss[.f] or YYYY-DDDThh:mm:ss[.f]"));
  }
  if (year < kFirstFileYear || year > kLastFileYear) {
    return absl::InvalidArgumentError(
        absl::StrCat(quoted, ": year ", year, " not in ", kFirstFileYear, "-", kLastFileYear));
  }
  const bool leap = IsLeapYear(year);
  if (s[7] != '-' && Digits(s, 5, 3, &doy)) {
    // Day-of-year form: rewrite as a calendar date for ParseIsoUtc.
    if (doy < 1 || doy > (leap ? 366 : 365)) {
      return absl::InvalidArgumentError(absl::StrCat(
          quoted, ": day of year ", doy, " not in 1-", leap ? 366 : 365));
    }
    month = 1;
    day = doy;
    while (day > DaysInMonth(year, month)) day -= DaysInMonth(year, month++);
    iso = absl::StrFormat("%04d-%02d-%02d%s", year, month, day, s.substr(8));
  } else {
    iso = std::string(s);
  }
  if (iso.size() < 11 || (iso[10] != 'T' && iso[10] != 't')) {
    return absl::InvalidArgumentError(absl::StrCat(
        quoted, ": expected 'T' and the time of day after the date"));
  }
  absl::StatusOr<Epoch> epoch = ParseIsoUtc(iso);
  if (!epoch.ok()) return epoch.status();
  // ParseIsoUtc has checked the fields; read them again for the Julian date.
  int hour = 0, minute = 0;
  double second = 0.0;
  absl::string_view sec = absl::string_view(iso).substr(17);
  if (!sec.empty() && (sec.back() == 'Z' || sec.back() == 'z'))
    sec.remove_suffix(1);
  if (!Digits(iso, 5, 2, &month) || !Digits(iso, 8, 2, &day) ||
      !Digits(iso, 11, 2, &hour) || !Digits(iso, 14, 2, &minute) ||
      !absl::SimpleAtod(sec, &second)) {
    return absl::InvalidArgumentError(absl::StrCat(quoted, ": unreadable"));
  }
  doy = DayOfYear(year, month, day);
  OmmTime out;
  out.epoch = *epoch;
  out.utc_jd1 = 2400000.5 + static_cast<double>(MjdOfJanuary1(year));
  out.utc_jd2 = (doy - 1) + (hour * 3600.0 + minute * 60.0 + second) / 86400.0;
  return out;
}

std::string FormatOmmTime(const Epoch& t) {
  std::string s = FormatIsoUtc(t, 6);
  if (!s.empty() && s.back() == 'Z') s.pop_back();
  return s;
}

}  // namespace sstrack::astro
