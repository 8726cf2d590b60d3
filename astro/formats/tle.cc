// Copyright sstrack authors.
#include "astro/formats/tle.h"

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "astro/time/utc.h"

namespace sstrack::astro {
namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kRevPerDayToRadPerMin = 2.0 * M_PI / 1440.0;

absl::Status ColumnError(int line, int first, int last, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("line ", line, " columns ", first, "-", last, ": ", why));
}

absl::string_view Cols(absl::string_view s, int first, int last) {
  return s.substr(first - 1, last - first + 1);
}

absl::StatusOr<double> Number(absl::string_view line, int which, int first,
                              int last, absl::string_view name) {
  absl::string_view f = absl::StripAsciiWhitespace(Cols(line, first, last));
  double v = 0.0;
  if (f.empty() || !absl::SimpleAtod(f, &v) || !std::isfinite(v)) {
    return ColumnError(which, first, last,
                       absl::StrCat(name, " '", Cols(line, first, last),
                                    "' is not a number"));
  }
  return v;
}

// " 12345-3" → 0.12345e-3; "-11606-4" → −0.11606e-4; " 00000+0" → 0.
absl::StatusOr<double> ImpliedDecimal(absl::string_view line, int first,
                                      int last, absl::string_view name) {
  absl::string_view f = Cols(line, first, last);  // 8 characters
  const std::string bad =
      absl::StrCat(name, " '", f, "' is not in the form ±NNNNN±E");
  char sign = f[0];
  if (sign != ' ' && sign != '-' && sign != '+') return ColumnError(1, first, last, bad);
  absl::string_view mant = f.substr(1, 5);
  absl::string_view exp = f.substr(6, 2);
  int m = 0, e = 0;
  std::string mant_s(absl::StripAsciiWhitespace(mant));
  if (mant_s.empty() || !absl::SimpleAtoi(mant_s, &m) || m < 0 ||
      (exp[0] != '-' && exp[0] != '+' && exp[0] != ' ') ||
      !absl::ascii_isdigit(exp[1])) {
    return ColumnError(1, first, last, bad);
  }
  e = exp[1] - '0';
  if (exp[0] == '-') e = -e;
  const double v = m * 1e-5 * std::pow(10.0, e);
  return sign == '-' ? -v : v;
}

int Checksum(absl::string_view line) {
  int sum = 0;
  for (int i = 0; i < 68 && i < static_cast<int>(line.size()); ++i) {
    const char c = line[i];
    if (absl::ascii_isdigit(c)) sum += c - '0';
    if (c == '-') sum += 1;
  }
  return sum % 10;
}

absl::Status CheckLine(absl::string_view line, int which,
                       const TleParseOptions& o) {
  if (line.size() < 69) {
    return absl::InvalidArgumentError(absl::StrCat(
        "line ", which, ": ", line.size(), " characters, expected 69 (truncated)"));
  }
  if (line.size() > 69 && !o.allow_trailing_text &&
      !absl::StripAsciiWhitespace(line.substr(69)).empty()) {
    return ColumnError(which, 70, static_cast<int>(line.size()),
                       "text after column 69");
  }
  if (line[0] != '0' + which || line[1] != ' ') {
    return ColumnError(which, 1, 2, absl::StrCat("expected '", which, " '"));
  }
  if (o.verify_checksum) {
    if (!absl::ascii_isdigit(line[68])) {
      return ColumnError(which, 69, 69, "checksum is not a digit");
    }
    const int sum = Checksum(line);
    if (sum != line[68] - '0') {
      return ColumnError(which, 69, 69,
                         absl::StrCat("checksum ", std::string(1, line[68]), " but the line sums to ", sum));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int> ParseAlpha5(absl::string_view field) {
  absl::string_view f = absl::StripAsciiWhitespace(field);
  if (f.empty() || f.size() > 5) {
    return absl::InvalidArgumentError(absl::StrCat("catalog number '", field, "'"));
  }
  int lead = 0;
  if (absl::ascii_isalpha(f[0])) {
    const char c = absl::ascii_toupper(f[0]);
    if (c == 'I' || c == 'O' || f.size() != 5) {
      return absl::InvalidArgumentError(absl::StrCat(
          "catalog number '", field, "': Alpha-5 letter must be A-Z without I and O"));
    }
    lead = 10 + (c - 'A') - (c > 'I' ? 1 : 0) - (c > 'O' ? 1 : 0);
    f.remove_prefix(1);
  }
  int rest = 0;
  for (char c : f) {
    if (!absl::ascii_isdigit(c)) {
      return absl::InvalidArgumentError(
          absl::StrCat("catalog number '", field, "' is not a number"));
    }
  }
  if (!absl::SimpleAtoi(f, &rest)) {
    return absl::InvalidArgumentError(absl::StrCat("catalog number '", field, "'"));
  }
  return lead * 10000 + rest;
}

std::string FormatAlpha5(int n) {
  if (n < 100000) return absl::StrFormat("%05d", n);
  int lead = n / 10000;  // 10..33
  char c = static_cast<char>('A' + lead - 10);
  if (c >= 'I') ++c;
  if (c >= 'O') ++c;
  return absl::StrFormat("%c%04d", c, n % 10000);
}

absl::StatusOr<MeanElements> ParseTle(absl::string_view l1,
                                      absl::string_view l2,
                                      const TleParseOptions& o) {
  l1 = absl::StripTrailingAsciiWhitespace(l1);
  l2 = absl::StripTrailingAsciiWhitespace(l2);
  if (absl::Status s = CheckLine(l1, 1, o); !s.ok()) return s;
  if (absl::Status s = CheckLine(l2, 2, o); !s.ok()) return s;
  MeanElements el;
  absl::StatusOr<int> num1 = ParseAlpha5(Cols(l1, 3, 7));
  if (!num1.ok()) return ColumnError(1, 3, 7, num1.status().message());
  absl::StatusOr<int> num2 = ParseAlpha5(Cols(l2, 3, 7));
  if (!num2.ok()) return ColumnError(2, 3, 7, num2.status().message());
  if (*num1 != *num2) {
    return ColumnError(2, 3, 7, absl::StrCat("catalog number ", *num2,
                                             " differs from line 1's ", *num1));
  }
  el.catalog_number = *num1;
  el.classification = l1[7];
  absl::string_view intl = absl::StripAsciiWhitespace(Cols(l1, 10, 17));
  if (intl.size() >= 5 && absl::ascii_isdigit(intl[0]) && absl::ascii_isdigit(intl[1])) {
    const int yy = (intl[0] - '0') * 10 + (intl[1] - '0');
    el.international_designator = absl::StrCat(yy < 57 ? 2000 + yy : 1900 + yy, "-",
                                               intl.substr(2));
  }
  absl::StatusOr<TleEpoch> ep = ParseTleEpoch(Cols(l1, 19, 32));
  if (!ep.ok()) return ColumnError(1, 19, 32, ep.status().message());
  el.epoch = ep->epoch;
  el.epoch_utc_jd1 = ep->utc_jd.jd1;
  el.epoch_utc_jd2 = ep->utc_jd.jd2;

  auto ndot = Number(l1, 1, 34, 43, "mean motion derivative");
  if (!ndot.ok()) return ndot.status();
  auto nddot = ImpliedDecimal(l1, 45, 52, "second derivative");
  if (!nddot.ok()) return nddot.status();
  auto bstar = ImpliedDecimal(l1, 54, 61, "B*");
  if (!bstar.ok()) return bstar.status();
  el.mean_motion_dot_rad_per_min2 = *ndot * 2 * M_PI / (1440.0 * 1440.0);
  el.mean_motion_ddot_rad_per_min3 = *nddot * 2 * M_PI / (1440.0 * 1440.0 * 1440.0);
  el.bstar_per_earth_radii = *bstar;
  absl::string_view set_no = absl::StripAsciiWhitespace(Cols(l1, 65, 68));
  if (!set_no.empty() && !absl::SimpleAtoi(set_no, &el.element_set_number)) {
    return ColumnError(1, 65, 68, "element set number is not an integer");
  }

  auto inc = Number(l2, 2, 9, 16, "inclination");
  auto raan = Number(l2, 2, 18, 25, "right ascension of the node");
  auto argp = Number(l2, 2, 35, 42, "argument of perigee");
  auto ma = Number(l2, 2, 44, 51, "mean anomaly");
  auto n = Number(l2, 2, 53, 63, "mean motion");
  for (auto* v : {&inc, &raan, &argp, &ma, &n}) {
    if (!v->ok()) return v->status();
  }
  absl::string_view ecc = Cols(l2, 27, 33);
  int ecc_int = 0;
  for (char c : ecc) {
    if (!absl::ascii_isdigit(c) && c != ' ') {
      return ColumnError(2, 27, 33, absl::StrCat("eccentricity '", ecc,
                                                 "' is not 7 digits"));
    }
  }
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(ecc), &ecc_int)) {
    return ColumnError(2, 27, 33, "eccentricity is empty");
  }
  if (*inc < 0 || *inc > 180) return ColumnError(2, 9, 16, "inclination not in [0, 180] deg");
  if (*n <= 0) return ColumnError(2, 53, 63, "mean motion must be positive");
  el.inclination_rad = *inc * kDeg;
  el.raan_rad = *raan * kDeg;
  el.eccentricity = ecc_int * 1e-7;
  el.arg_perigee_rad = *argp * kDeg;
  el.mean_anomaly_rad = *ma * kDeg;
  el.mean_motion_rad_per_min = *n * kRevPerDayToRadPerMin;
  absl::string_view rev = absl::StripAsciiWhitespace(Cols(l2, 64, 68));
  if (!rev.empty() && !absl::SimpleAtoi(rev, &el.revolution_number)) {
    return ColumnError(2, 64, 68, "revolution number is not an integer");
  }
  return el;
}

TleFileResult ParseTleText(absl::string_view text, absl::string_view source,
                           const TleParseOptions& options) {
  TleFileResult out;
  out.format = ElementFormat::kTle;
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  std::map<int, std::pair<std::string, int>> seen;  // number → (lines, line no)
  std::string name;
  for (size_t i = 0; i < lines.size(); ++i) {
    absl::string_view line = absl::StripTrailingAsciiWhitespace(lines[i]);
    const int line_no = static_cast<int>(i) + 1;
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    if (line.size() >= 2 && line[0] == '1' && line[1] == ' ') {
      absl::string_view next =
          i + 1 < lines.size() ? absl::StripTrailingAsciiWhitespace(lines[i + 1])
                               : absl::string_view();
      if (!(next.size() >= 2 && next[0] == '2' && next[1] == ' ')) {
        out.rejections.push_back(
            {line_no, absl::StrCat(source, ":", line_no + 1,
                                   ": expected line 2 of the element set")});
        name.clear();
        continue;
      }
      ++i;
      absl::StatusOr<MeanElements> el = ParseTle(line, next, options);
      if (!el.ok()) {
        // "line 2 ..." in the message → report the file line it refers to.
        const bool on_2 = absl::StartsWith(el.status().message(), "line 2");
        out.rejections.push_back(
            {line_no, absl::StrCat(source, ":", on_2 ? line_no + 1 : line_no, ": ",
                                   el.status().message())});
        name.clear();
        continue;
      }
      el->name = name;
      name.clear();
      const std::string key =
          absl::StrCat(line.substr(0, 69), "\n", next.substr(0, 69));
      auto it = seen.find(el->catalog_number);
      if (it != seen.end()) {
        if (it->second.first == key) {
          ++out.duplicates;
        } else {
          out.rejections.push_back(
              {line_no, absl::StrCat(source, ":", line_no, ": catalog number ",
                                     el->catalog_number,
                                     " already given with different elements at line ",
                                     it->second.second)});
        }
        continue;
      }
      seen[el->catalog_number] = {key, line_no};
      out.elements.push_back(std::move(*el));
    } else if (line[0] == '2' && line.size() >= 2 && line[1] == ' ') {
      out.rejections.push_back(
          {line_no, absl::StrCat(source, ":", line_no, ": line 2 without a line 1")});
      name.clear();
    } else {
      absl::string_view n = line;
      if (absl::StartsWith(n, "0 ")) n.remove_prefix(2);
      name = std::string(absl::StripAsciiWhitespace(n));
    }
  }
  return out;
}

absl::StatusOr<TleFileResult> ReadTleFile(const std::string& path,
                                          const TleParseOptions& options) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseTleText(ss.str(), path, options);
}

}  // namespace sstrack::astro
