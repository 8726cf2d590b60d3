// Copyright sstrack authors.
#include "astro/formats/sinex.h"

#include <cmath>
#include <cstdint>
#include <map>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "astro/formats/record_fields.h"

namespace sstrack::astro {
namespace {

constexpr double kSecondsPerJulianYear = 365.25 * 86400.0;
constexpr double kFirstLeapSecondTableMjd = 41317.0;  // 1972-01-01

using Key =
    std::tuple<std::string, std::string, std::string>;  // code, pt, soln

// "DDD MM SS.S" with a '-' on any part meaning negative.
bool ParseAngle(absl::string_view d, absl::string_view m, absl::string_view s,
                double* deg) {
  double dv = 0, mv = 0, sv = 0;
  if (!absl::SimpleAtod(d, &dv) || !absl::SimpleAtod(m, &mv) ||
      !absl::SimpleAtod(s, &sv)) {
    return false;
  }
  const bool negative = absl::StrContains(absl::StrCat(d, m, s), "-");
  *deg = std::abs(dv) + std::abs(mv) / 60.0 + std::abs(sv) / 3600.0;
  if (negative) *deg = -*deg;
  return true;
}

class SinexReader {
 public:
  SinexReader(absl::string_view source, const LeapSecondTable& ls) : ls_(ls) {
    file_.source = std::string(source);
  }
  absl::Status Line(int line_no, absl::string_view line);
  absl::StatusOr<SinexFile> Finish();

 private:
  absl::Status SiteId(const RecordFields& f, absl::string_view line);
  absl::Status Epochs(const RecordFields& f);
  absl::Status Estimate(const RecordFields& f);
  absl::Status Eccentricity(const RecordFields& f, absl::string_view line);
  absl::StatusOr<std::optional<Epoch>> EpochField(const RecordFields& f,
                                                  size_t i,
                                                  absl::string_view name) const;

  const LeapSecondTable& ls_;
  SinexFile file_;
  std::string block_;
  bool ended_ = false;
  std::map<Key, SinexInterval> epochs_;
  std::map<Key, size_t> solution_index_;
  std::map<size_t, unsigned> parameter_bits_;  // STAX..VELZ seen, per solution
  std::map<std::pair<std::string, std::string>, bool> seen_sites_;
};

absl::StatusOr<std::optional<Epoch>> SinexReader::EpochField(
    const RecordFields& f, size_t i, absl::string_view name) const {
  absl::StatusOr<std::string> text = f.Text(i, name);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::optional<Epoch>> t = ParseSinexEpoch(*text, ls_);
  if (!t.ok()) return f.FieldError(i, name, t.status().message());
  return t;
}

absl::Status SinexReader::Line(int line_no, absl::string_view line) {
  line = absl::StripTrailingAsciiWhitespace(line);
  RecordFields f(file_.source, line_no, line);
  if (line_no == 1) {
    if (!absl::StartsWith(line, "%=SNX")) {
      f.set_label("header");
      return f.Error("not a SINEX file (expected '%=SNX')");
    }
    return absl::OkStatus();
  }
  if (line.empty() || line[0] == '*' || ended_) return absl::OkStatus();
  if (absl::StartsWith(line, "%ENDSNX")) {
    ended_ = true;
    return absl::OkStatus();
  }
  const std::string name(absl::StripAsciiWhitespace(line.substr(1)));
  if (line[0] == '+') {
    f.set_label(absl::StrCat("+", name));
    if (!block_.empty())
      return f.Error(absl::StrCat("block +", block_, " is not closed"));
    block_ = name;
    return absl::OkStatus();
  }
  if (line[0] == '-') {
    f.set_label(absl::StrCat("-", name));
    if (name != block_)
      return f.Error(absl::StrCat("closes a block that is not open (open: '",
                                  block_, "')"));
    block_.clear();
    return absl::OkStatus();
  }
  f.set_label(block_.empty() ? std::string("data line") : block_);
  if (line[0] != ' ') return f.Error("expected a blank in column 1");
  if (block_.empty()) return f.Error("data line outside a block");
  if (block_ == "SITE/ID") return SiteId(f, line);
  if (block_ == "SOLUTION/EPOCHS") return Epochs(f);
  if (block_ == "SOLUTION/ESTIMATE") return Estimate(f);
  if (block_ == "SITE/ECCENTRICITY") return Eccentricity(f, line);
  return absl::OkStatus();
}

absl::Status SinexReader::SiteId(const RecordFields& f,
                                 absl::string_view line) {
  if (line.size() < 75)
    return f.Error(absl::StrCat("line has ", line.size(),
                                " columns, expected at least 75"));
  auto col = [&](size_t first, size_t last) {  // 1-based, inclusive
    return absl::StripAsciiWhitespace(line.substr(first - 1, last - first + 1));
  };
  SinexSite s;
  s.line = f.line_no();
  s.code = std::string(col(2, 5));
  s.point = std::string(col(7, 8));
  s.domes = std::string(col(10, 18));
  s.technique = line[19];
  s.description = std::string(col(22, 43));
  if (!ParseAngle(col(45, 47), col(48, 50), col(51, 55),
                  &s.approx_longitude_deg)) {
    return f.Error(absl::StrCat("columns 45-55 (approximate longitude): '",
                                col(45, 55), "' is not DDD MM SS.S"));
  }
  if (!ParseAngle(col(57, 59), col(60, 62), col(63, 67),
                  &s.approx_latitude_deg)) {
    return f.Error(absl::StrCat("columns 57-67 (approximate latitude): '",
                                col(57, 67), "' is not DDD MM SS.S"));
  }
  if (!absl::SimpleAtod(col(69, 75), &s.approx_height_m)) {
    return f.Error(absl::StrCat("columns 69-75 (approximate height): '",
                                col(69, 75), "' is not a number"));
  }
  if (!seen_sites_[{s.code, s.point}]) {
    seen_sites_[{s.code, s.point}] = true;
    file_.sites.push_back(std::move(s));
  }
  return absl::OkStatus();
}

absl::Status SinexReader::Epochs(const RecordFields& f) {
  Key key;
  SSTRACK_ASSIGN_OR_RETURN(std::get<0>(key), f.Text(0, "site code"));
  SSTRACK_ASSIGN_OR_RETURN(std::get<1>(key), f.Text(1, "point code"));
  SSTRACK_ASSIGN_OR_RETURN(std::get<2>(key), f.Text(2, "solution id"));
  SinexInterval v;
  SSTRACK_ASSIGN_OR_RETURN(v.start, EpochField(f, 4, "data start"));
  SSTRACK_ASSIGN_OR_RETURN(v.end, EpochField(f, 5, "data end"));
  if (v.start && v.end && *v.end < *v.start)
    return f.Error("data end before data start");
  if (!epochs_.emplace(key, v).second) return f.Error("solution listed twice");
  return absl::OkStatus();
}

absl::Status SinexReader::Estimate(const RecordFields& f) {
  std::string type, unit;
  SSTRACK_ASSIGN_OR_RETURN(type, f.Text(1, "parameter type"));
  static const std::map<std::string, int> kTypes = {{"STAX", 0}, {"STAY", 1},
                                                    {"STAZ", 2}, {"VELX", 3},
                                                    {"VELY", 4}, {"VELZ", 5}};
  auto it = kTypes.find(type);
  if (it == kTypes.end()) return absl::OkStatus();
  const int axis = it->second % 3;
  const bool velocity = it->second >= 3;
  Key key;
  SSTRACK_ASSIGN_OR_RETURN(std::get<0>(key), f.Text(2, "site code"));
  SSTRACK_ASSIGN_OR_RETURN(std::get<1>(key), f.Text(3, "point code"));
  SSTRACK_ASSIGN_OR_RETURN(std::get<2>(key), f.Text(4, "solution id"));
  std::optional<Epoch> ref;
  SSTRACK_ASSIGN_OR_RETURN(ref, EpochField(f, 5, "reference epoch"));
  if (!ref)
    return f.FieldError(5, "reference epoch", "must not be 00:000:00000");
  SSTRACK_ASSIGN_OR_RETURN(unit, f.Text(6, "unit"));
  const char* expected_unit = velocity ? "m/y" : "m";
  if (unit != expected_unit) {
    return f.FieldError(6, "unit",
                        absl::StrCat("'", unit, "', expected '", expected_unit,
                                     "' for ", type));
  }
  double value = 0, sigma = 0;
  SSTRACK_ASSIGN_OR_RETURN(value, f.Double(8, "estimated value"));
  SSTRACK_ASSIGN_OR_RETURN(sigma, f.Double(9, "standard deviation"));

  auto [slot, added] = solution_index_.emplace(key, file_.solutions.size());
  if (added) {
    SinexStationSolution s;
    std::tie(s.code, s.point, s.solution) = key;
    s.reference_epoch = *ref;
    s.line = f.line_no();
    s.num_parameters = 0;
    file_.solutions.push_back(std::move(s));
  }
  SinexStationSolution& s = file_.solutions[slot->second];
  if (*ref != s.reference_epoch) {
    return f.FieldError(5, "reference epoch",
                        absl::StrCat("differs from the one on line ", s.line,
                                     " for this solution"));
  }
  unsigned& bits = parameter_bits_[slot->second];
  if (bits & (1u << it->second)) {
    return f.Error(absl::StrCat(type, " given twice for site ", s.code,
                                " solution ", s.solution));
  }
  bits |= 1u << it->second;
  if (velocity) {
    s.velocity_itrf_m_per_s[axis] = value / kSecondsPerJulianYear;
    s.velocity_sigma_m_per_s[axis] = sigma / kSecondsPerJulianYear;
  } else {
    s.position_itrf_m[axis] = value;
    s.position_sigma_m[axis] = sigma;
  }
  ++s.num_parameters;
  return absl::OkStatus();
}

absl::Status SinexReader::Eccentricity(const RecordFields& f,
                                       absl::string_view line) {
  // Fixed columns: the offsets are written F9.4 back to back (the ILRS file
  // has "-0.6140-516.4230-565.4650"), so blanks do not separate them.
  if (line.size() < 72) {
    return f.Error(absl::StrCat("line has ", line.size(),
                                " columns, expected at least 72"));
  }
  auto col = [&](size_t first, size_t last) {  // 1-based, inclusive
    return absl::StripAsciiWhitespace(line.substr(first - 1, last - first + 1));
  };
  SinexEccentricity e;
  e.line = f.line_no();
  e.code = std::string(col(2, 5));
  e.point = std::string(col(7, 8));
  e.solution = std::string(col(10, 13));
  auto epoch =
      [&](size_t first,
          absl::string_view name) -> absl::StatusOr<std::optional<Epoch>> {
    absl::StatusOr<std::optional<Epoch>> t =
        ParseSinexEpoch(col(first, first + 11), ls_);
    if (!t.ok()) {
      return f.Error(absl::StrCat("columns ", first, "-", first + 11, " (",
                                  name, "): ", t.status().message()));
    }
    return t;
  };
  SSTRACK_ASSIGN_OR_RETURN(e.validity.start, epoch(17, "start"));
  SSTRACK_ASSIGN_OR_RETURN(e.validity.end, epoch(30, "end"));
  e.reference_system = std::string(col(43, 45));
  if (e.reference_system != "UNE" && e.reference_system != "XYZ") {
    return f.Error(absl::StrCat("columns 43-45 (reference system): '",
                                e.reference_system, "', expected UNE or XYZ"));
  }
  for (int i = 0; i < 3; ++i) {
    const size_t first = 46 + 9 * i;
    if (!absl::SimpleAtod(col(first, first + 8), &e.offset_m[i])) {
      return f.Error(absl::StrCat("columns ", first, "-", first + 8,
                                  " (eccentricity ", i + 1, "): '",
                                  col(first, first + 8), "' is not a number"));
    }
  }
  file_.eccentricities.push_back(std::move(e));
  return absl::OkStatus();
}

absl::StatusOr<SinexFile> SinexReader::Finish() {
  if (!block_.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(file_.source, ": block +", block_, " is not closed"));
  }
  for (size_t i = 0; i < file_.solutions.size(); ++i) {
    SinexStationSolution& s = file_.solutions[i];
    auto it = epochs_.find({s.code, s.point, s.solution});
    if (it != epochs_.end()) s.validity = it->second;
    const unsigned bits = parameter_bits_[i];
    if (bits != 07 && bits != 077) {
      return absl::InvalidArgumentError(absl::StrCat(
          file_.source, ":", s.line, ": SOLUTION/ESTIMATE: site ", s.code,
          " solution ", s.solution, " has ", s.num_parameters,
          " of STAX..VELZ; expected the three positions, with or without the "
          "three velocities"));
    }
  }
  return std::move(file_);
}

}  // namespace

absl::StatusOr<std::optional<Epoch>> ParseSinexEpoch(
    absl::string_view text, const LeapSecondTable& ls) {
  std::vector<absl::string_view> p = absl::StrSplit(text, ':');
  int yy = 0, ddd = 0, sssss = 0;
  if (p.size() != 3 || p[0].size() != 2 || p[1].size() != 3 ||
      p[2].size() != 5 || !absl::SimpleAtoi(p[0], &yy) ||
      !absl::SimpleAtoi(p[1], &ddd) || !absl::SimpleAtoi(p[2], &sssss) ||
      yy < 0 || ddd < 0 || ddd > 366 || sssss < 0 || sssss > 86400) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", text, "' is not YY:DDD:SSSSS"));
  }
  if (yy == 0 && ddd == 0 && sssss == 0) return std::optional<Epoch>();
  const int year = yy <= 50 ? 2000 + yy : 1900 + yy;
  absl::StatusOr<int64_t> jan1 = MjdFromCalendarDate(year, 1, 1);
  if (!jan1.ok()) return jan1.status();
  const double mjd = static_cast<double>(*jan1 + ddd - 1);
  if (mjd < kFirstLeapSecondTableMjd) {
    // No integer TAI−UTC before 1972; 10 s (its 1972 value) is within a
    // second of the truth then, plenty for the validity intervals found there.
    return std::optional<Epoch>(Epoch::FromTai(2400000.5, mjd) + 10.0 +
                                static_cast<double>(sssss));
  }
  absl::StatusOr<Epoch> day = EpochFromUtcMjd(mjd, ls);
  if (!day.ok()) return day.status();
  return std::optional<Epoch>(*day + static_cast<double>(sssss));
}

absl::StatusOr<SinexFile> ParseSinexText(absl::string_view text,
                                         absl::string_view source,
                                         const LeapSecondTable& leap_seconds) {
  SinexReader reader(source, leap_seconds);
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::Status st = reader.Line(++line_no, line); !st.ok()) return st;
  }
  return reader.Finish();
}

absl::StatusOr<SinexFile> ReadSinexFile(const std::string& path,
                                        const LeapSecondTable& leap_seconds) {
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return ParseSinexText(*text, path, leap_seconds);
}

}  // namespace sstrack::astro
