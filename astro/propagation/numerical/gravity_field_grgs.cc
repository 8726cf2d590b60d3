// Copyright sstrack authors.
//
// astro/propagation/numerical/gravity_field_grgs.cc — GravityField::ParseGrgs,
// the reader of GRGS-format gravity fields (the format is described in
// gravity_field.h).
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "astro/propagation/numerical/gravity_field.h"
#include "erfa.h"

namespace sstrack::astro {
namespace {

constexpr double kSecondsPerJulianYear = 365.25 * 86400.0;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Scans one Fortran real, [+-]d*.d*[EeDd][+-]dd (the exponent required for
// E format, absent for F format), after blanks at the start of `*s`, and
// advances `*s` past it. E-format fields may touch ("0.6378E+070.2982E+03"):
// the two-digit exponent ends a number, and only then may the next one
// follow without a blank.
bool ScanReal(absl::string_view* s, bool e_format, double* out) {
  const absl::string_view t = absl::StripLeadingAsciiWhitespace(*s);
  size_t i = 0, digits = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  while (i < t.size() && IsDigit(t[i])) ++i, ++digits;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && IsDigit(t[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  std::string number(t.substr(t[0] == '+' ? 1 : 0, t[0] == '+' ? i - 1 : i));
  const bool has_exponent =
      i < t.size() && (t[i] == 'E' || t[i] == 'e' || t[i] == 'D' || t[i] == 'd');
  if (has_exponent) {
    if (i + 3 >= t.size() || !(t[i + 1] == '+' || t[i + 1] == '-') || !IsDigit(t[i + 2]) ||
        !IsDigit(t[i + 3])) {
      return false;
    }
    absl::StrAppend(&number, "e", t.substr(i + 1, 3));
    i += 4;
  }
  if (has_exponent != e_format) return false;
  if (i < t.size()) {
    const char next = t[i];
    const bool blank = absl::ascii_isspace(static_cast<unsigned char>(next));
    const bool starts_number = next == '+' || next == '-' || next == '.' || IsDigit(next);
    if (!blank && !(has_exponent && starts_number)) return false;
  }
  if (!absl::SimpleAtod(number, out) || !std::isfinite(*out)) return false;
  *s = t.substr(i);
  return true;
}

// The text at the start of `s` up to the next blank, for error messages.
std::string Token(absl::string_view s) {
  s = absl::StripLeadingAsciiWhitespace(s);
  return std::string(s.substr(0, std::min<size_t>(s.find_first_of(" \t"), 24)));
}

// A right-justified I3-style integer field: digits after optional blanks.
bool ParseField(absl::string_view s, int* out) {
  s = absl::StripAsciiWhitespace(s);
  if (s.empty() || !std::all_of(s.begin(), s.end(), IsDigit)) return false;
  return absl::SimpleAtoi(s, out);
}

std::vector<std::string> Words(absl::string_view s) {
  return absl::StrSplit(s, absl::ByAnyChar(" \t"), absl::SkipEmpty());
}

}  // namespace

absl::StatusOr<GravityField> GravityField::ParseGrgs(const std::string& text,
                                                     const std::string& source, int max_degree) {
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  for (absl::string_view& l : lines) {
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  }
  // A final newline leaves an empty last piece, which is no line.
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  const int line_count = static_cast<int>(lines.size());
  auto err = [&](int line, const std::string& what) {
    return absl::InvalidArgumentError(absl::StrCat(source, ":", line, ": ", what));
  };
  // Header line `i` (1-based), or an error saying what was expected there.
  auto header = [&](int i, const char* expected, absl::string_view* out) -> absl::Status {
    if (i > line_count) {
      return err(i, absl::StrCat("missing header line: expected ", expected,
                                 ", but the file ends at line ", line_count));
    }
    *out = lines[i - 1];
    return absl::OkStatus();
  };
  auto bad_header = [&](int i, const char* expected) {
    return err(i, absl::StrCat("expected ", expected, ", found '",
                               absl::StripAsciiWhitespace(lines[i - 1]), "'"));
  };

  GravityField f;
  absl::string_view l;
  // Line 1: FIELD - <name>.
  constexpr char kField[] = "'FIELD - <model name>' (GRGS format)";
  if (absl::Status st = header(1, kField, &l); !st.ok()) return st;
  l = absl::StripAsciiWhitespace(l);
  if (!absl::ConsumePrefix(&l, "FIELD -")) return bad_header(1, kField);
  const std::string name(absl::StripAsciiWhitespace(l));
  f.model_name_ = name.empty() ? source : name;
  f.tide_system_ = "unknown";  // the format does not say

  // Lines 2 and 3: AE 1/F GM OMEGA, titles and values.
  constexpr char kTitles[] = "column titles 'AE 1/F GM OMEGA'";
  if (absl::Status st = header(2, kTitles, &l); !st.ok()) return st;
  if (Words(l) != std::vector<std::string>{"AE", "1/F", "GM", "OMEGA"}) {
    return bad_header(2, kTitles);
  }
  constexpr char kValues[] = "four numbers AE (m), 1/F, GM (m^3/s^2), OMEGA (rad/s)";
  if (absl::Status st = header(3, kValues, &l); !st.ok()) return st;
  double earth[4];
  for (int k = 0; k < 4; ++k) {
    const absl::string_view before = l;
    if (!ScanReal(&l, /*e_format=*/true, &earth[k])) {
      return err(
          3, absl::StrCat("bad number '", Token(before), "' at column ",
                          lines[2].size() - absl::StripLeadingAsciiWhitespace(before).size() + 1,
                          ": expected ", kValues));
    }
  }
  if (!absl::StripAsciiWhitespace(l).empty()) {
    return err(3, absl::StrCat("unexpected text '", Token(l), "' after ", kValues));
  }
  f.radius_ = earth[0];
  f.gm_ = earth[2];
  if (!(f.radius_ > 0) || !(f.gm_ > 0)) {
    return err(3, absl::StrCat("AE ", f.radius_, " m and GM ", f.gm_, " m^3/s^2 must be positive"));
  }

  // Line 4: REFERENCE DATE : yyyy.yy (decimal year).
  constexpr char kDate[] = "'REFERENCE DATE : yyyy.yy'";
  if (absl::Status st = header(4, kDate, &l); !st.ok()) return st;
  l = absl::StripAsciiWhitespace(l);
  double ref_year = 0;
  if (!absl::ConsumePrefix(&l, "REFERENCE DATE")) return bad_header(4, kDate);
  l = absl::StripLeadingAsciiWhitespace(l);
  if (!absl::ConsumePrefix(&l, ":") || !ScanReal(&l, /*e_format=*/false, &ref_year) ||
      !absl::StripAsciiWhitespace(l).empty() || !(ref_year >= 1000 && ref_year < 10000)) {
    return bad_header(4, kDate);
  }
  const int year = static_cast<int>(std::floor(ref_year));
  double jd0 = 0, jd1 = 0;
  if (eraCal2jd(year, 1, 1, &jd0, &jd1) != 0) return bad_header(4, kDate);
  // 12:00 TT on 1 January, as Orekit reads these files, plus the fraction.
  f.t0_tt_s_ = (Epoch::FromTt(jd0, jd1 + 0.5) - Epoch::FromTt(kJ2000Jd, 0.0)) +
               (ref_year - year) * kSecondsPerJulianYear;

  // Line 5: MAXIMAL DEGREE : n [free text].
  constexpr char kMaxDegree[] = "'MAXIMAL DEGREE : n'";
  if (absl::Status st = header(5, kMaxDegree, &l); !st.ok()) return st;
  l = absl::StripAsciiWhitespace(l);
  int file_degree = -1;
  if (!absl::ConsumePrefix(&l, "MAXIMAL DEGREE")) return bad_header(5, kMaxDegree);
  l = absl::StripLeadingAsciiWhitespace(l);
  if (!absl::ConsumePrefix(&l, ":") || Words(l).empty() || !ParseField(Words(l)[0], &file_degree)) {
    return bad_header(5, kMaxDegree);
  }
  if (file_degree > kMaxFileDegree) {
    return err(5, absl::StrCat("MAXIMAL DEGREE ", file_degree, " exceeds the supported ",
                               kMaxFileDegree));
  }

  // Line 6: column titles.
  constexpr char kColumns[] = "column titles 'L M DOT CBAR SBAR SIGMA C SIGMA S'";
  if (absl::Status st = header(6, kColumns, &l); !st.ok()) return st;
  const std::vector<std::string> columns = Words(l);
  if (columns.size() < 5 ||
      !std::equal(columns.begin(), columns.begin() + 5,
                  std::vector<std::string>{"L", "M", "DOT", "CBAR", "SBAR"}.begin())) {
    return bad_header(6, kColumns);
  }

  const int degree = max_degree >= 0 ? std::min(file_degree, max_degree) : file_degree;
  if (degree > kMaxHeldDegree) {
    return err(5, absl::StrCat("MAXIMAL DEGREE ", file_degree, ": a field holds at most degree ",
                               kMaxHeldDegree, "; read it with a maximum degree"));
  }
  f.Resize(degree);
  std::vector<bool> present(f.c_.size(), false);
  std::map<std::tuple<int, int, std::string>, int> first_line;  // (n, m, code) → line
  for (int i = 6; i < line_count; ++i) {
    const int line_no = i + 1;
    const absl::string_view line = lines[i];
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    int n = 0, m = 0;
    if (line.size() < 9 || !ParseField(line.substr(0, 3), &n) ||
        !ParseField(line.substr(3, 3), &m)) {
      return err(line_no, absl::StrCat("bad degree/order '", line.substr(0, 6),
                                       "': expected L and M in columns 1-3 and 4-6 (2I3), then "
                                       "a term code, C, S, sigma C, sigma S"));
    }
    const std::string code(absl::StripAsciiWhitespace(line.substr(6, 3)));
    TimeTerm term{0, TimeTerm::kTrend, 0.0, 0.0, 0.0};  // "DOT": drift per year
    if (code == "C1A") term = {0, TimeTerm::kCos, 0.0, 0.0, 1.0};
    if (code == "S1A") term = {0, TimeTerm::kSin, 0.0, 0.0, 1.0};
    if (code == "C2A") term = {0, TimeTerm::kCos, 0.0, 0.0, 0.5};
    if (code == "S2A") term = {0, TimeTerm::kSin, 0.0, 0.0, 0.5};
    if (!code.empty() && code != "DOT" && term.period_years == 0.0) {
      return err(line_no, absl::StrCat("unknown term code '", code,
                                       "' in columns 7-9 (expected blank, DOT, C1A, S1A, C2A or "
                                       "S2A)"));
    }
    absl::string_view rest = line.substr(9);
    double value[4];
    static constexpr const char* kNames[4] = {"C", "S", "sigma C", "sigma S"};
    for (int k = 0; k < 4; ++k) {
      const absl::string_view before = rest;
      if (absl::StripAsciiWhitespace(rest).empty()) {
        return err(line_no, absl::StrCat("missing ", kNames[k], " of (", n, ",", m,
                                         "): the line ends at column ", line.size()));
      }
      if (!ScanReal(&rest, /*e_format=*/true, &value[k])) {
        return err(line_no, absl::StrCat("bad number '", Token(before), "' for ", kNames[k],
                                         " of (", n, ",", m, ") at column ",
                                         line.size() -
                                             absl::StripLeadingAsciiWhitespace(before).size() + 1));
      }
    }
    rest = absl::StripAsciiWhitespace(rest);
    int unused = 0;
    if (!rest.empty() && !ParseField(rest, &unused)) {
      return err(line_no, absl::StrCat("unexpected text '", Token(rest), "' after sigma S of (", n,
                                       ",", m, ")"));
    }
    if (n > file_degree) {
      return err(line_no, absl::StrCat("degree ", n, " out of range: MAXIMAL DEGREE is ",
                                       file_degree, " (line 5)"));
    }
    if (m > n) return err(line_no, absl::StrCat("order ", m, " > degree ", n));
    auto [it, inserted] = first_line.try_emplace({n, m, code}, line_no);
    if (!inserted) {
      return err(line_no,
                 absl::StrCat("duplicate ", code.empty() ? "static" : code, " coefficient (", n,
                              ",", m, "), first at line ", it->second));
    }
    if (n > degree) continue;
    const int idx = Index(n, m);
    if (code.empty()) {
      f.c_[idx] = value[0];
      f.s_[idx] = value[1];
      present[idx] = true;
    } else {
      term.index = idx;
      term.c = value[0];
      term.s = value[1];
      f.time_terms_.push_back(term);
    }
  }

  // Degrees 0 and 1 and (2,1) are fixed by the frame's definition and may be
  // omitted; every other coefficient up to `degree` must be in the file.
  if (!present[0]) f.c_[0] = 1.0;
  int missing = 0, first_n = 0, first_m = 0;
  for (int n = 2; n <= degree; ++n) {
    for (int m = 0; m <= n; ++m) {
      if (present[Index(n, m)] || (n == 2 && m == 1)) continue;
      if (missing++ == 0) first_n = n, first_m = m;
    }
  }
  if (missing > 0) {
    return err(line_count,
               absl::StrCat("file ends without a coefficient line for (", first_n, ",", first_m,
                            ")", missing > 1 ? absl::StrCat(" and ", missing - 1, " more") : "",
                            " of the ", degree, "x", degree, " field read (MAXIMAL DEGREE ",
                            file_degree, "): truncated file?"));
  }
  f.PrepareRecursion();
  return f;
}

}  // namespace sstrack::astro
