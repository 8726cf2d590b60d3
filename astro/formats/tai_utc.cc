// Copyright sstrack authors.
#include "astro/formats/tai_utc.h"

#include <cmath>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "astro/formats/record_fields.h"

namespace sstrack::astro {
namespace {

constexpr int64_t kFirstIntegerMjd = 41317;  // 1972-01-01

absl::Status RowError(absl::string_view source, int line_no,
                      absl::string_view part, absl::string_view reason) {
  return absl::InvalidArgumentError(
      absl::StrCat(source, ":", line_no, ": ", part, ": ", reason));
}

int MonthFromName(absl::string_view name) {
  static constexpr absl::string_view kMonths[] = {"JAN", "FEB", "MAR", "APR",
                                                  "MAY", "JUN", "JUL", "AUG",
                                                  "SEP", "OCT", "NOV", "DEC"};
  for (int m = 0; m < 12; ++m) {
    if (absl::AsciiStrToUpper(name) == kMonths[m]) return m + 1;
  }
  return 0;
}

// Removes `suffix` (after trailing blanks) or fails.
bool StripSuffix(absl::string_view* s, absl::string_view suffix) {
  *s = absl::StripTrailingAsciiWhitespace(*s);
  return absl::ConsumeSuffix(s, suffix);
}

bool ParseNumber(absl::string_view s, double* v) {
  s = absl::StripAsciiWhitespace(s);
  return absl::SimpleAtod(s, v) && std::isfinite(*v);
}

// One row; the line is known to start with a four-digit year.
absl::StatusOr<UsnoTaiUtcRow> ParseRow(absl::string_view line, int line_no,
                                       absl::string_view source) {
  const size_t jd_at = line.find("=JD");
  const size_t tai_at = line.find("TAI-UTC=");
  const size_t mjd_at = line.find("(MJD");
  const size_t close_at = line.find(')');
  if (jd_at == line.npos || tai_at == line.npos || mjd_at == line.npos ||
      close_at == line.npos ||
      !(jd_at < tai_at && tai_at < mjd_at && mjd_at < close_at)) {
    return RowError(
        source, line_no, "row",
        "expected 'YYYY MON DD =JD jd TAI-UTC= s S + (MJD - m) X r S'");
  }
  UsnoTaiUtcRow row;
  row.line = line_no;
  // Date.
  std::vector<absl::string_view> date =
      absl::StrSplit(line.substr(0, jd_at), ' ', absl::SkipEmpty());
  int year = 0, day = 0;
  const int month = date.size() == 3 ? MonthFromName(date[1]) : 0;
  if (date.size() != 3 || !absl::SimpleAtoi(date[0], &year) || month == 0 ||
      !absl::SimpleAtoi(date[2], &day)) {
    return RowError(
        source, line_no, "date",
        absl::StrCat("'", absl::StripAsciiWhitespace(line.substr(0, jd_at)),
                     "' is not 'YYYY MON DD'"));
  }
  absl::StatusOr<int64_t> mjd = MjdFromCalendarDate(year, month, day);
  if (!mjd.ok())
    return RowError(source, line_no, "date", mjd.status().message());
  row.utc_mjd = *mjd;
  // Julian date, which must be the same day.
  double jd = 0.0;
  absl::string_view jd_text = line.substr(jd_at + 3, tai_at - jd_at - 3);
  if (!ParseNumber(jd_text, &jd)) {
    return RowError(source, line_no, "JD",
                    absl::StrCat("'", absl::StripAsciiWhitespace(jd_text),
                                 "' is not a number"));
  }
  if (jd - 2400000.5 != static_cast<double>(row.utc_mjd)) {
    return RowError(
        source, line_no, "JD",
        absl::StrFormat("%.1f is not the date's Julian date %.1f", jd,
                        static_cast<double>(row.utc_mjd) + 2400000.5));
  }
  // "TAI-UTC=  10.0       S + "
  absl::string_view offset = line.substr(tai_at + 8, mjd_at - tai_at - 8);
  if (!StripSuffix(&offset, "+") || !StripSuffix(&offset, "S") ||
      !ParseNumber(offset, &row.offset_s)) {
    return RowError(source, line_no, "TAI-UTC",
                    "expected 'TAI-UTC= <seconds> S +'");
  }
  // "(MJD - 41317.)"
  absl::string_view ref = absl::StripLeadingAsciiWhitespace(
      line.substr(mjd_at + 4, close_at - mjd_at - 4));
  if (!absl::ConsumePrefix(&ref, "-") ||
      !ParseNumber(ref, &row.reference_mjd)) {
    return RowError(source, line_no, "MJD reference",
                    "expected '(MJD - <day>)'");
  }
  // " X 0.0      S"
  absl::string_view rate =
      absl::StripLeadingAsciiWhitespace(line.substr(close_at + 1));
  if (!absl::ConsumePrefix(&rate, "X") || !StripSuffix(&rate, "S") ||
      !ParseNumber(rate, &row.rate_s_per_day)) {
    return RowError(source, line_no, "rate",
                    "expected 'X <seconds per day> S'");
  }
  return row;
}

bool StartsWithYear(absl::string_view line) {
  line = absl::StripLeadingAsciiWhitespace(line);
  if (line.size() < 4) return false;
  for (int i = 0; i < 4; ++i) {
    if (!absl::ascii_isdigit(line[i])) return false;
  }
  return line.size() == 4 || line[4] == ' ' || line[4] == '\t';
}

}  // namespace

absl::StatusOr<UsnoTaiUtcFile> ParseUsnoTaiUtcText(absl::string_view text,
                                                   absl::string_view source) {
  UsnoTaiUtcFile file;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripTrailingAsciiWhitespace(line);
    if (!StartsWithYear(line)) {
      ++file.skipped_lines;
      continue;
    }
    absl::StatusOr<UsnoTaiUtcRow> row = ParseRow(line, line_no, source);
    if (!row.ok()) return row.status();
    if (!file.rows.empty() && row->utc_mjd <= file.rows.back().utc_mjd) {
      return RowError(
          source, line_no, "date",
          absl::StrCat("not after the row on line ", file.rows.back().line));
    }
    file.rows.push_back(*row);
  }
  // The text ends with '\n': the empty piece after it is not a line.
  if (!text.empty() && text.back() == '\n') --file.skipped_lines;
  if (file.rows.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": no TAI-UTC rows"));
  }
  return file;
}

absl::StatusOr<LeapSecondTable> LeapSecondTableFromUsnoTaiUtc(
    const UsnoTaiUtcFile& file, absl::string_view source) {
  std::vector<LeapSecondTable::Step> steps;
  for (const UsnoTaiUtcRow& row : file.rows) {
    if (row.utc_mjd < kFirstIntegerMjd) continue;
    const double whole = std::round(row.offset_s);
    // (a bound too: 2.4e23 s was cast to an integer; found by
    // tests/fuzz:tai_utc_fuzz)
    if (row.rate_s_per_day != 0.0 || row.offset_s != whole || !(whole >= 0 && whole <= 1000)) {
      return RowError(
          source, row.line, "TAI-UTC",
          absl::StrCat(
              "from 1972 the offset must be whole seconds from 0 to 1000 with rate 0, got ",
              row.offset_s, " s + ", row.rate_s_per_day, " s/day"));
    }
    steps.push_back({row.utc_mjd, static_cast<int64_t>(whole)});
  }
  return LeapSecondTable::FromSteps(std::move(steps), source);
}

absl::StatusOr<LeapSecondTable> ReadUsnoTaiUtcFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<UsnoTaiUtcFile> file = ParseUsnoTaiUtcText(*text, path);
  if (!file.ok()) return file.status();
  return LeapSecondTableFromUsnoTaiUtc(*file, path);
}

}  // namespace sstrack::astro
