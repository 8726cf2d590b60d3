// Copyright sstrack authors.
#include "astro/time/eop.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace sstrack::astro {
namespace {

constexpr double kArcsecToRad = M_PI / (180.0 * 3600.0);
constexpr double kMasToRad = kArcsecToRad * 1e-3;

// Fixed-column field, 1-based inclusive columns; empty → false.
bool Field(absl::string_view line, int first, int last, double* out) {
  if (static_cast<int>(line.size()) < first) return false;
  absl::string_view f = line.substr(first - 1, last - first + 1);
  f = absl::StripAsciiWhitespace(f);
  return !f.empty() && absl::SimpleAtod(f, out);
}

absl::Status Check(std::vector<EopTable::Node>& nodes, absl::string_view what) {
  if (nodes.size() < 4) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": fewer than 4 daily EOP values"));
  }
  for (size_t i = 1; i < nodes.size(); ++i) {
    if (std::abs(nodes[i].mjd - nodes[i - 1].mjd - 1.0) > 1e-9) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: EOP days not consecutive at MJD %.1f", what, nodes[i].mjd));
    }
  }
  return absl::OkStatus();
}

// The UTC day of a row's MJD with its TAI−UTC: the MJD must be a date from
// 1972 (where the leap-second table starts) to 2100. Errors name source:line.
absl::StatusOr<std::pair<int64_t, double>> RowDay(double mjd, const LeapSecondTable& ls,
                                                  absl::string_view source, int line_no) {
  constexpr double kMjd1972 = 41317.0, kMjd2100 = 88069.0;
  if (!(mjd >= kMjd1972 && mjd <= kMjd2100)) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s:%d: MJD %g is not a date from 1972 to 2100", source, line_no, mjd));
  }
  const int64_t day = static_cast<int64_t>(mjd);
  absl::StatusOr<double> dat = ls.TaiMinusUtcAtUtcMjd(day);
  if (!dat.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(source, ":", line_no, ": ", dat.status().message()));
  }
  return std::make_pair(day, *dat);
}

}  // namespace

absl::StatusOr<EopTable> EopTable::FromFinals2000AText(
    absl::string_view text, absl::string_view source,
    const LeapSecondTable& ls) {
  std::vector<Node> nodes;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    Node n{};
    double ut1_utc = 0.0;
    if (!Field(line, 8, 15, &n.mjd)) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ":", line_no, ": columns 8-15 (MJD) are not a number"));
    }
    // The predictions end where UT1−UTC ends.
    if (!Field(line, 59, 68, &ut1_utc)) break;
    double x = 0, y = 0, lod_ms = 0, dx = 0, dy = 0;
    if (!Field(line, 19, 27, &x) || !Field(line, 38, 46, &y)) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ":", line_no, ": polar motion (columns 19-27, 38-46) missing"));
    }
    Field(line, 80, 86, &lod_ms);
    Field(line, 98, 106, &dx);
    Field(line, 117, 125, &dy);
    absl::StatusOr<std::pair<int64_t, double>> day = RowDay(n.mjd, ls, source, line_no);
    if (!day.ok()) return day.status();
    n.x_p_rad = x * kArcsecToRad;
    n.y_p_rad = y * kArcsecToRad;
    n.ut1_minus_tai_s = ut1_utc - day->second;
    n.lod_s = lod_ms * 1e-3;
    n.dx_rad = dx * kMasToRad;
    n.dy_rad = dy * kMasToRad;
    nodes.push_back(n);
  }
  if (absl::Status s = Check(nodes, source); !s.ok()) return s;
  return EopTable(std::move(nodes), &ls);
}

absl::StatusOr<EopTable> EopTable::FromBulletinBText(
    const std::vector<std::pair<std::string, std::string>>& source_and_text,
    const LeapSecondTable& ls) {
  std::map<int64_t, Node> by_day;
  for (const auto& [source, text] : source_and_text) {
    bool in_section1 = false;
    int line_no = 0, rows = 0;
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      ++line_no;
      absl::string_view s = absl::StripAsciiWhitespace(line);
      if (absl::StartsWith(s, "1 - ")) {
        in_section1 = true;
        continue;
      }
      if (absl::StartsWith(s, "2 - ")) break;
      if (!in_section1 || s.empty() || !absl::ascii_isdigit(s[0])) continue;
      std::vector<absl::string_view> f =
          absl::StrSplit(s, absl::ByAnyChar(" \t"), absl::SkipEmpty());
      double v[9];
      bool ok = f.size() >= 9;
      for (int i = 0; ok && i < 9; ++i) ok = absl::SimpleAtod(f[i], &v[i]);
      if (!ok) {
        return absl::InvalidArgumentError(absl::StrCat(
            source, ":", line_no,
            ": expected 'YYYY M D MJD x y UT1-UTC dX dY', got '", s, "'"));
      }
      Node n{};
      n.mjd = v[3];
      absl::StatusOr<std::pair<int64_t, double>> day = RowDay(n.mjd, ls, source, line_no);
      if (!day.ok()) return day.status();
      n.x_p_rad = v[4] * kMasToRad;
      n.y_p_rad = v[5] * kMasToRad;
      n.ut1_minus_tai_s = v[6] * 1e-3 - day->second;
      n.dx_rad = v[7] * kMasToRad;
      n.dy_rad = v[8] * kMasToRad;
      by_day[day->first] = n;
      ++rows;
    }
    if (rows == 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          source, ": no section-1 daily values: not an IERS Bulletin B"));
    }
  }
  std::vector<Node> nodes;
  for (auto& [day, n] : by_day) nodes.push_back(n);
  std::vector<std::string> names;
  for (const auto& st : source_and_text) names.push_back(st.first);
  if (absl::Status s = Check(nodes, absl::StrCat("Bulletin B (", absl::StrJoin(names, ", "), ")"));
      !s.ok()) {
    return s;
  }
  // LOD = −d(UT1−TAI)/dt, central differences over the daily nodes.
  for (size_t i = 0; i < nodes.size(); ++i) {
    const size_t a = i == 0 ? 0 : i - 1;
    const size_t b = i + 1 == nodes.size() ? i : i + 1;
    nodes[i].lod_s = -(nodes[b].ut1_minus_tai_s - nodes[a].ut1_minus_tai_s) /
                     (nodes[b].mjd - nodes[a].mjd);
  }
  return EopTable(std::move(nodes), &ls);
}

absl::StatusOr<EopTable> EopTable::FromFiles(
    const std::vector<std::string>& paths, const LeapSecondTable& ls) {
  std::vector<std::pair<std::string, std::string>> texts;
  for (const std::string& p : paths) {
    std::ifstream in(p);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot open EOP file ", p));
    std::stringstream ss;
    ss << in.rdbuf();
    texts.emplace_back(p, ss.str());
  }
  if (texts.empty()) return absl::InvalidArgumentError("no EOP files given");
  if (absl::StrContains(texts[0].second, "BULLETIN B")) {
    return FromBulletinBText(texts, ls);
  }
  if (texts.size() != 1) {
    return absl::InvalidArgumentError("only one finals2000A file can be given");
  }
  return FromFinals2000AText(texts[0].second, texts[0].first, ls);
}

absl::StatusOr<EopSample> EopTable::At(const Epoch& t) const {
  absl::StatusOr<double> mjd = UtcMjd(t, *ls_);
  if (!mjd.ok()) return mjd.status();
  if (*mjd < first_mjd() || *mjd > last_mjd()) {
    return absl::OutOfRangeError(absl::StrFormat(
        "EOP requested for %s (MJD %.5f) outside the data's span MJD %.1f-%.1f",
        FormatIsoUtc(t, 3, *ls_), *mjd, first_mjd(), last_mjd()));
  }
  // Four nodes around the date (clamped at the ends).
  const int n = static_cast<int>(nodes_.size());
  int i0 = static_cast<int>(std::floor(*mjd - first_mjd())) - 1;
  i0 = std::clamp(i0, 0, n - 4);
  double w[4];
  for (int j = 0; j < 4; ++j) {
    w[j] = 1.0;
    for (int k = 0; k < 4; ++k) {
      if (k == j) continue;
      w[j] *= (*mjd - nodes_[i0 + k].mjd) / (nodes_[i0 + j].mjd - nodes_[i0 + k].mjd);
    }
  }
  EopSample s;
  double ut1_tai = 0.0;
  for (int j = 0; j < 4; ++j) {
    const Node& nd = nodes_[i0 + j];
    s.x_p_rad += w[j] * nd.x_p_rad;
    s.y_p_rad += w[j] * nd.y_p_rad;
    ut1_tai += w[j] * nd.ut1_minus_tai_s;
    s.lod_s += w[j] * nd.lod_s;
    s.dx_rad += w[j] * nd.dx_rad;
    s.dy_rad += w[j] * nd.dy_rad;
  }
  absl::StatusOr<double> dat = ls_->TaiMinusUtc(t);
  if (!dat.ok()) return dat.status();
  s.tai_minus_utc_s = *dat;
  s.ut1_minus_utc_s = ut1_tai + *dat;
  return s;
}

EopSample ZeroEop(const Epoch& t, const LeapSecondTable& ls) {
  EopSample s;
  absl::StatusOr<double> dat = ls.TaiMinusUtc(t);
  s.tai_minus_utc_s = dat.ok() ? *dat : 0.0;
  return s;
}

}  // namespace sstrack::astro
