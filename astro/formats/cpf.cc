// Copyright sstrack authors.
#include "astro/formats/cpf.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "astro/formats/record_fields.h"

namespace sstrack::astro {
namespace {

// "year month day hour minute second" from field i on.

absl::Status H1(const RecordFields& f, CpfHeader& h) {
  absl::StatusOr<std::string> name = f.Text(1, "format name");
  if (!name.ok()) return name.status();
  if (absl::AsciiStrToUpper(*name) != "CPF") {
    return f.FieldError(1, "format name",
                        absl::StrCat("'", *name, "', expected CPF"));
  }
  SSTRACK_ASSIGN_OR_RETURN(h.format_version,
                           f.IntIn(2, "format version", 1, 1));
  SSTRACK_ASSIGN_OR_RETURN(h.ephemeris_source, f.Text(3, "ephemeris source"));
  SSTRACK_ASSIGN_OR_RETURN(h.production_year, f.Int(4, "production year"));
  SSTRACK_ASSIGN_OR_RETURN(h.production_month,
                           f.IntIn(5, "production month", 1, 12));
  SSTRACK_ASSIGN_OR_RETURN(h.production_day,
                           f.IntIn(6, "production day", 1, 31));
  SSTRACK_ASSIGN_OR_RETURN(h.production_hour,
                           f.IntIn(7, "production hour", 0, 23));
  SSTRACK_ASSIGN_OR_RETURN(h.sequence_number,
                           f.Int(8, "ephemeris sequence number"));
  SSTRACK_ASSIGN_OR_RETURN(h.target_name, f.Text(9, "target name"));
  return absl::OkStatus();
}

absl::Status H2(const RecordFields& f, const LeapSecondTable& ls,
                CpfHeader& h) {
  SSTRACK_ASSIGN_OR_RETURN(h.ilrs_id, f.Text(1, "ILRS satellite id"));
  SSTRACK_ASSIGN_OR_RETURN(h.sic, f.Int(2, "SIC"));
  SSTRACK_ASSIGN_OR_RETURN(h.norad_id, f.Int(3, "NORAD id"));
  if (h.norad_id <= 0) h.norad_id = -1;
  SSTRACK_ASSIGN_OR_RETURN(h.start, RecordDateTimeAt(f, 4, "start", ls));
  SSTRACK_ASSIGN_OR_RETURN(h.end, RecordDateTimeAt(f, 10, "end", ls));
  if (h.end < h.start) return f.Error("end date-time before start date-time");
  SSTRACK_ASSIGN_OR_RETURN(h.step_s, f.Int(16, "time between entries"));
  SSTRACK_ASSIGN_OR_RETURN(h.tiv_compatibility,
                           f.IntIn(17, "TIV compatibility", 0, 1));
  SSTRACK_ASSIGN_OR_RETURN(h.target_class, f.Int(18, "target class"));
  SSTRACK_ASSIGN_OR_RETURN(h.reference_frame,
                           f.IntIn(19, "reference frame", 0, 2));
  SSTRACK_ASSIGN_OR_RETURN(h.rotation_angle_type,
                           f.Int(20, "rotation angle type"));
  int com = 0;
  SSTRACK_ASSIGN_OR_RETURN(com, f.IntIn(21, "center of mass correction", 0, 1));
  h.center_of_mass_applied = com == 1;
  if (h.reference_frame != 0) {
    return absl::UnimplementedError(
        f.FieldError(19, "reference frame",
                     absl::StrCat(
                         h.reference_frame,
                         ": only 0 (geocentric true body-fixed, ITRF) is read"))
            .message());
  }
  return absl::OkStatus();
}

absl::Status Position(const RecordFields& f, const LeapSecondTable& ls,
                      CpfFile& file) {
  int direction = 0, mjd = 0;
  SSTRACK_ASSIGN_OR_RETURN(direction, f.IntIn(1, "direction flag", 0, 2));
  if (direction != 0) {
    ++file.num_other_direction_records;
    return absl::OkStatus();
  }
  CpfPosition p;
  p.line = f.line_no();
  SSTRACK_ASSIGN_OR_RETURN(mjd, f.IntIn(2, "MJD", 41317, 99999));
  SplitSeconds sod;
  SSTRACK_ASSIGN_OR_RETURN(sod, f.Seconds(3, "seconds of day"));
  if (sod.whole_s > 86400)
    return f.FieldError(3, "seconds of day", "not in [0, 86401)");
  SSTRACK_ASSIGN_OR_RETURN(p.leap_second_flag, f.Int(4, "leap second flag"));
  static constexpr const char* kAxes[] = {"geocentric X", "geocentric Y",
                                          "geocentric Z"};
  for (int i = 0; i < 3; ++i) {
    SSTRACK_ASSIGN_OR_RETURN(p.position_itrf_m[i], f.Double(5 + i, kAxes[i]));
  }
  absl::StatusOr<Epoch> midnight = EpochFromUtcMjd(mjd, ls);
  if (!midnight.ok())
    return f.FieldError(2, "MJD", midnight.status().message());
  p.epoch = *midnight + static_cast<double>(sod.whole_s) + sod.fraction_s;
  if (!file.positions.empty() && !(file.positions.back().epoch < p.epoch)) {
    return f.Error(absl::StrCat("epoch not after the record on line ",
                                file.positions.back().line));
  }
  file.positions.push_back(p);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CpfFile> ParseCpfText(absl::string_view text,
                                     absl::string_view source,
                                     const LeapSecondTable& leap_seconds) {
  CpfFile file;
  bool have_h1 = false, have_h2 = false, header_done = false;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    RecordFields f(source, ++line_no, line);
    if (f.size() == 0) continue;
    const std::string& type = f.type();
    absl::Status st;
    if (type == "00") continue;
    if (type == "99") break;
    if (type[0] == 'H') {
      if (header_done) return f.Error("header record after H9");
      if (type != "H1" && !have_h1) return f.Error("header record before H1");
      if (type == "H1") {
        st = H1(f, file.header);
        have_h1 = true;
      } else if (type == "H2") {
        st = H2(f, leap_seconds, file.header);
        have_h2 = true;
      } else if (type == "H5") {
        absl::StatusOr<double> com = f.Double(1, "center of mass correction");
        st = com.status();
        if (com.ok()) file.header.center_of_mass_correction_m = *com;
      } else if (type == "H9") {
        if (!have_h2) return f.Error("H9 before H2");
        header_done = true;
      } else if (type != "H3" && type != "H4") {
        return f.Error("unknown header record");
      }
    } else if (!header_done) {
      return f.Error("data record before the H9 end of header");
    } else if (type == "10") {
      st = Position(f, leap_seconds, file);
    } else if (type == "20" || type == "30" || type == "40" || type == "50" ||
               type == "60" || type == "70") {
      ++file.num_skipped_records;
    } else {
      return f.Error("unknown record type");
    }
    if (!st.ok()) return st;
  }
  if (!header_done) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": no H9 end of header"));
  }
  return file;
}

absl::StatusOr<CpfFile> ReadCpfFile(const std::string& path,
                                    const LeapSecondTable& leap_seconds) {
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return ParseCpfText(*text, path, leap_seconds);
}

absl::StatusOr<Eigen::Vector3d> CpfPositionAt(const CpfFile& cpf,
                                              const Epoch& t, int num_points) {
  if (num_points < 2 || num_points > 16) {
    return absl::InvalidArgumentError(
        absl::StrCat("num_points ", num_points, " not in [2, 16]"));
  }
  const std::vector<CpfPosition>& p = cpf.positions;
  const int n = static_cast<int>(p.size());
  if (n < num_points) {
    return absl::FailedPreconditionError(
        absl::StrCat("the prediction has ", n, " positions, fewer than the ",
                     num_points, " interpolation points"));
  }
  if (t < p.front().epoch || p.back().epoch < t) {
    return absl::OutOfRangeError(
        absl::StrCat(FormatIsoUtc(t, 3), " is outside the prediction's span ",
                     FormatIsoUtc(p.front().epoch, 0), " to ",
                     FormatIsoUtc(p.back().epoch, 0)));
  }
  // First node after t, then a window of num_points around it.
  const int after = static_cast<int>(
      std::upper_bound(
          p.begin(), p.end(), t,
          [](const Epoch& e, const CpfPosition& q) { return e < q.epoch; }) -
      p.begin());
  const int first = std::clamp(after - num_points / 2, 0, n - num_points);
  double dt[16];
  for (int j = 0; j < num_points; ++j) dt[j] = p[first + j].epoch - t;
  Eigen::Vector3d r = Eigen::Vector3d::Zero();
  for (int j = 0; j < num_points; ++j) {
    double w = 1.0;
    for (int k = 0; k < num_points; ++k) {
      if (k != j) w *= dt[k] / (dt[k] - dt[j]);
    }
    r += w * p[first + j].position_itrf_m;
  }
  return r;
}

}  // namespace sstrack::astro
