// Copyright sstrack authors.
#include "astro/formats/crd.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "astro/formats/record_fields.h"

namespace sstrack::astro {
namespace {

constexpr double kPicosecond = 1e-12;
constexpr double kPascalPerHectopascal = 100.0;


class CrdReader {
 public:
  CrdReader(absl::string_view source, const LeapSecondTable& ls)
      : source_(source), ls_(ls) {}

  absl::Status Line(int line_no, absl::string_view line);
  bool done() const { return done_; }
  absl::StatusOr<CrdFile> Finish();

 private:
  absl::Status H1(const RecordFields& f);
  absl::Status H2(const RecordFields& f);
  absl::Status H3(const RecordFields& f);
  absl::Status H4(const RecordFields& f);
  absl::Status NormalPoint(const RecordFields& f);
  absl::Status Meteo(const RecordFields& f);
  absl::Status Calibration(const RecordFields& f);
  absl::StatusOr<Epoch> TimeTag(const RecordFields& f, size_t i) const;
  void CloseSession();

  std::string source_;
  const LeapSecondTable& ls_;
  CrdFile file_;
  std::optional<CrdSession> session_;
  bool have_h4_ = false;
  double start_mjd_ = 0.0;        // UTC MJD of the H4 start day
  double middle_of_day_s_ = 0.0;  // H4 middle, seconds after that midnight
  bool done_ = false;
};

absl::Status CrdReader::Line(int line_no, absl::string_view line) {
  RecordFields f(source_, line_no, line);
  if (f.size() == 0) return absl::OkStatus();
  const std::string& type = f.type();
  if (type == "H1") return H1(f);
  if (type == "H9") {
    CloseSession();
    done_ = true;
    return absl::OkStatus();
  }
  if (type == "00") return absl::OkStatus();
  if (!session_) return f.Error("outside a session (no H1 before it)");
  if (type == "H2") return H2(f);
  if (type == "H3") return H3(f);
  if (type == "H4") return H4(f);
  if (type == "H8") {
    CloseSession();
    return absl::OkStatus();
  }
  if (type.size() == 2 && type[0] == 'C' && type[1] >= '0' && type[1] <= '7') {
    return absl::OkStatus();  // configuration records
  }
  static constexpr absl::string_view kSkipped[] = {"12", "21", "30", "41",
                                                   "42", "50", "60"};
  const bool data = type == "10" || type == "11" || type == "20" ||
                    type == "40" ||
                    std::find(std::begin(kSkipped), std::end(kSkipped), type) !=
                        std::end(kSkipped) ||
                    (type.size() == 2 && type[0] == '9');
  if (!data) return f.Error("unknown record type");
  if (!have_h4_) return f.Error("data record before the session's H4");
  if (type == "10") {
    ++session_->num_full_rate_records;
    return absl::OkStatus();
  }
  if (type == "11") return NormalPoint(f);
  if (type == "20") return Meteo(f);
  if (type == "40") return Calibration(f);
  return absl::OkStatus();
}

absl::Status CrdReader::H1(const RecordFields& f) {
  CloseSession();  // a missing H8 is tolerated
  session_.emplace();
  have_h4_ = false;
  session_->first_line = f.line_no();
  absl::StatusOr<std::string> name = f.Text(1, "format name");
  if (!name.ok()) return name.status();
  if (absl::AsciiStrToUpper(*name) != "CRD") {
    return f.FieldError(1, "format name",
                        absl::StrCat("'", *name, "', expected CRD"));
  }
  SSTRACK_ASSIGN_OR_RETURN(session_->format_version,
                           f.IntIn(2, "format version", 1, 1));
  return absl::OkStatus();
}

absl::Status CrdReader::H2(const RecordFields& f) {
  // Name (A10, may hold blanks), then four integers.
  if (f.size() < 5)
    return f.Error("expected name, pad id, system, occupancy, time scale");
  const size_t n = f.size() - 4;
  std::vector<std::string> name;
  for (size_t i = 1; i < n; ++i) name.push_back(*f.Text(i, "station name"));
  session_->station_name = absl::StrJoin(name, " ");
  SSTRACK_ASSIGN_OR_RETURN(session_->station_id,
                           f.IntIn(n, "CDP pad identifier", 0, 9999));
  SSTRACK_ASSIGN_OR_RETURN(session_->system_number,
                           f.Int(n + 1, "CDP system number"));
  SSTRACK_ASSIGN_OR_RETURN(session_->occupancy_number,
                           f.Int(n + 2, "CDP occupancy number"));
  SSTRACK_ASSIGN_OR_RETURN(session_->station_time_scale,
                           f.Int(n + 3, "station time scale"));
  const int ts = session_->station_time_scale;
  if (ts != 3 && ts != 4 && ts != 7 && ts != 10) {
    return f.FieldError(n + 3, "station time scale",
                        absl::StrCat(ts, ", expected 3, 4, 7 or 10 (UTC)"));
  }
  return absl::OkStatus();
}

absl::Status CrdReader::H3(const RecordFields& f) {
  if (f.size() < 6)
    return f.Error("expected name, ILRS id, SIC, NORAD, time scale, type");
  const size_t n = f.size() - 5;
  std::vector<std::string> name;
  for (size_t i = 1; i < n; ++i) name.push_back(*f.Text(i, "target name"));
  session_->target_name = absl::StrJoin(name, " ");
  SSTRACK_ASSIGN_OR_RETURN(session_->ilrs_id, f.Text(n, "ILRS satellite id"));
  SSTRACK_ASSIGN_OR_RETURN(session_->sic, f.Int(n + 1, "SIC"));
  SSTRACK_ASSIGN_OR_RETURN(session_->norad_id, f.Int(n + 2, "NORAD id"));
  if (session_->norad_id <= 0) session_->norad_id = -1;
  SSTRACK_ASSIGN_OR_RETURN(session_->spacecraft_time_scale,
                           f.Int(n + 3, "spacecraft time scale"));
  SSTRACK_ASSIGN_OR_RETURN(session_->target_type, f.Int(n + 4, "target type"));
  return absl::OkStatus();
}

absl::Status CrdReader::H4(const RecordFields& f) {
  CrdSession& s = *session_;
  SSTRACK_ASSIGN_OR_RETURN(s.data_type, f.IntIn(1, "data type", 0, 2));
  SSTRACK_ASSIGN_OR_RETURN(s.start, RecordDateTimeAt(f, 2, "start", ls_));
  SSTRACK_ASSIGN_OR_RETURN(s.end, RecordDateTimeAt(f, 8, "end", ls_));
  if (s.end < s.start) return f.Error("end date-time before start date-time");
  SSTRACK_ASSIGN_OR_RETURN(s.data_release, f.Int(14, "data release"));
  int flag = 0;
  SSTRACK_ASSIGN_OR_RETURN(
      flag, f.IntIn(15, "tropospheric correction applied", 0, 1));
  s.troposphere_corrected = flag == 1;
  SSTRACK_ASSIGN_OR_RETURN(
      flag, f.IntIn(16, "center of mass correction applied", 0, 1));
  s.center_of_mass_corrected = flag == 1;
  SSTRACK_ASSIGN_OR_RETURN(
      flag, f.IntIn(17, "receive amplitude correction applied", 0, 1));
  s.amplitude_corrected = flag == 1;
  SSTRACK_ASSIGN_OR_RETURN(flag,
                           f.IntIn(18, "station system delay applied", 0, 1));
  s.station_delay_applied = flag == 1;
  SSTRACK_ASSIGN_OR_RETURN(
      flag, f.IntIn(19, "spacecraft system delay applied", 0, 1));
  s.spacecraft_delay_applied = flag == 1;
  SSTRACK_ASSIGN_OR_RETURN(s.range_type,
                           f.IntIn(20, "range type indicator", 0, 4));
  SSTRACK_ASSIGN_OR_RETURN(s.data_quality_alert,
                           f.IntIn(21, "data quality alert", 0, 9));
  // The day grid the time tags are placed on (see the header).
  absl::StatusOr<UtcCalendar> c = UtcFromEpoch(s.start, ls_);
  if (!c.ok()) return f.Error(c.status().message());
  UtcCalendar midnight = *c;
  midnight.hour = midnight.minute = 0;
  midnight.second = 0.0;
  absl::StatusOr<Epoch> m = EpochFromUtc(midnight, ls_);
  absl::StatusOr<double> mjd = m.ok() ? UtcMjd(*m, ls_) : m.status();
  if (!mjd.ok()) return f.Error(mjd.status().message());
  start_mjd_ = std::round(*mjd);
  middle_of_day_s_ = (s.start - *m) + 0.5 * (s.end - s.start);
  have_h4_ = true;
  return absl::OkStatus();
}

absl::StatusOr<Epoch> CrdReader::TimeTag(const RecordFields& f,
                                         size_t i) const {
  absl::StatusOr<SplitSeconds> sod = f.Seconds(i, "seconds of day");
  if (!sod.ok()) return sod.status();
  const double seconds = static_cast<double>(sod->whole_s) + sod->fraction_s;
  if (seconds >= 86401.0) {
    return f.FieldError(i, "seconds of day",
                        absl::StrCat(seconds, " not in [0, 86401)"));
  }
  const double k = std::clamp(
      std::round((middle_of_day_s_ - seconds) / kSecondsPerDay), -1.0, 2.0);
  absl::StatusOr<Epoch> midnight = EpochFromUtcMjd(start_mjd_ + k, ls_);
  if (!midnight.ok())
    return f.FieldError(i, "seconds of day", midnight.status().message());
  return *midnight + static_cast<double>(sod->whole_s) + sod->fraction_s;
}

absl::Status CrdReader::NormalPoint(const RecordFields& f) {
  CrdNormalPoint np;
  np.line = f.line_no();
  SSTRACK_ASSIGN_OR_RETURN(np.epoch, TimeTag(f, 1));
  SSTRACK_ASSIGN_OR_RETURN(np.two_way_time_of_flight_s,
                           f.Double(2, "time of flight"));
  if (np.two_way_time_of_flight_s < 0.0) {
    return f.FieldError(2, "time of flight", "negative");
  }
  SSTRACK_ASSIGN_OR_RETURN(np.system_configuration_id,
                           f.Text(3, "system configuration id"));
  SSTRACK_ASSIGN_OR_RETURN(np.epoch_event, f.IntIn(4, "epoch event", 0, 6));
  SSTRACK_ASSIGN_OR_RETURN(np.window_length_s,
                           f.Double(5, "normal point window length"));
  SSTRACK_ASSIGN_OR_RETURN(np.num_ranges, f.Int(6, "number of raw ranges"));
  double rms_ps = 0.0;
  SSTRACK_ASSIGN_OR_RETURN(rms_ps, f.Double(7, "bin RMS"));
  np.bin_rms_s = rms_ps * kPicosecond;
  if (f.size() > 11)
    SSTRACK_ASSIGN_OR_RETURN(np.return_rate_percent,
                             f.Double(11, "return rate"));
  session_->normal_points.push_back(std::move(np));
  return absl::OkStatus();
}

absl::Status CrdReader::Meteo(const RecordFields& f) {
  CrdMeteo m;
  m.line = f.line_no();
  SSTRACK_ASSIGN_OR_RETURN(m.epoch, TimeTag(f, 1));
  double hpa = 0.0;
  SSTRACK_ASSIGN_OR_RETURN(hpa, f.Double(2, "surface pressure"));
  if (hpa <= 0.0)
    return f.FieldError(2, "surface pressure", "not positive (hPa)");
  m.pressure_pa = hpa * kPascalPerHectopascal;
  SSTRACK_ASSIGN_OR_RETURN(m.temperature_k, f.Double(3, "surface temperature"));
  if (m.temperature_k <= 0.0)
    return f.FieldError(3, "surface temperature", "not positive (K)");
  SSTRACK_ASSIGN_OR_RETURN(m.relative_humidity_percent,
                           f.Double(4, "relative humidity"));
  SSTRACK_ASSIGN_OR_RETURN(m.origin, f.IntIn(5, "origin of values", 0, 1));
  session_->meteo.push_back(m);
  return absl::OkStatus();
}

absl::Status CrdReader::Calibration(const RecordFields& f) {
  CrdCalibration c;
  c.line = f.line_no();
  SSTRACK_ASSIGN_OR_RETURN(c.epoch, TimeTag(f, 1));
  SSTRACK_ASSIGN_OR_RETURN(c.data_type, f.IntIn(2, "type of data", 0, 6));
  SSTRACK_ASSIGN_OR_RETURN(c.system_configuration_id,
                           f.Text(3, "system configuration id"));
  SSTRACK_ASSIGN_OR_RETURN(c.num_points_recorded,
                           f.Int(4, "number of points recorded"));
  SSTRACK_ASSIGN_OR_RETURN(c.num_points_used,
                           f.Int(5, "number of points used"));
  SSTRACK_ASSIGN_OR_RETURN(c.target_distance_one_way_m,
                           f.Double(6, "one-way target distance"));
  double ps = 0.0;
  SSTRACK_ASSIGN_OR_RETURN(ps, f.Double(7, "calibration system delay"));
  c.system_delay_s = ps * kPicosecond;
  SSTRACK_ASSIGN_OR_RETURN(ps, f.Double(8, "calibration delay shift"));
  c.delay_shift_s = ps * kPicosecond;
  SSTRACK_ASSIGN_OR_RETURN(ps, f.Double(9, "RMS of raw system delay"));
  c.rms_s = ps * kPicosecond;
  SSTRACK_ASSIGN_OR_RETURN(c.calibration_type,
                           f.IntIn(13, "calibration type indicator", 0, 6));
  SSTRACK_ASSIGN_OR_RETURN(
      c.shift_type, f.IntIn(14, "calibration shift type indicator", 0, 6));
  session_->calibrations.push_back(std::move(c));
  return absl::OkStatus();
}

void CrdReader::CloseSession() {
  if (!session_) return;
  CrdSession& s = *session_;
  std::stable_sort(
      s.meteo.begin(), s.meteo.end(),
      [](const CrdMeteo& a, const CrdMeteo& b) { return a.epoch < b.epoch; });
  if (!s.normal_points.empty()) {
    s.epoch_event = s.normal_points.front().epoch_event;
    for (const CrdNormalPoint& np : s.normal_points) {
      if (np.epoch_event != s.epoch_event) s.epoch_event = -1;
    }
  }
  file_.sessions.push_back(std::move(s));
  session_.reset();
  have_h4_ = false;
}

absl::StatusOr<CrdFile> CrdReader::Finish() {
  CloseSession();  // a missing H8/H9 at the end is tolerated
  return std::move(file_);
}

}  // namespace

absl::StatusOr<CrdFile> ParseCrdText(absl::string_view text,
                                     absl::string_view source,
                                     const LeapSecondTable& leap_seconds) {
  CrdReader reader(source, leap_seconds);
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    if (absl::Status st = reader.Line(line_no, line); !st.ok()) return st;
    if (reader.done()) break;
  }
  return reader.Finish();
}

absl::StatusOr<CrdFile> ReadCrdFile(const std::string& path,
                                    const LeapSecondTable& leap_seconds) {
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  return ParseCrdText(*text, path, leap_seconds);
}

absl::StatusOr<CrdMeteo> MeteoAt(const CrdSession& session, const Epoch& t) {
  const std::vector<CrdMeteo>& m = session.meteo;
  if (m.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("session of station ", session.station_id, " (line ",
                     session.first_line, ") has no meteorological record"));
  }
  auto after = std::lower_bound(
      m.begin(), m.end(), t,
      [](const CrdMeteo& r, const Epoch& e) { return r.epoch < e; });
  CrdMeteo out;
  if (after != m.end() && after->epoch == t) {
    out = *after;
  } else if (after == m.begin() || after == m.end()) {
    out = after == m.begin() ? m.front() : m.back();
    out.origin = 1;
  } else {
    const CrdMeteo& a = *(after - 1);
    const CrdMeteo& b = *after;
    const double w = (t - a.epoch) / (b.epoch - a.epoch);
    out.pressure_pa = a.pressure_pa + w * (b.pressure_pa - a.pressure_pa);
    out.temperature_k =
        a.temperature_k + w * (b.temperature_k - a.temperature_k);
    out.relative_humidity_percent =
        a.relative_humidity_percent +
        w * (b.relative_humidity_percent - a.relative_humidity_percent);
    out.origin = 1;
    out.line = 0;
  }
  out.epoch = t;
  return out;
}

}  // namespace sstrack::astro
