// Copyright sstrack authors.
//
// The TDM KVN writer: every value as the shortest decimal in the file unit
// that the reader converts back to the same double.
#include <cmath>
#include <limits>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "astro/formats/ccsds_time.h"
#include "astro/formats/tdm.h"
#include "astro/formats/tdm_internal.h"

namespace sstrack::astro {
namespace {

// The decimal v (in the file unit) for which the reader's `v * scale` is x.
// The shortest such text of the nearest candidate x / scale first; then the
// neighbouring doubles; when no double maps to x exactly (possible for
// scales that are not powers of ten), the nearest one.
std::string ScaledDecimal(double x, double scale) {
  const double y0 = x / scale;
  for (int digits = 1; digits <= 17; ++digits) {
    std::string s = absl::StrFormat("%.*g", digits, y0);
    double v = 0.0;
    if (!tdm_internal::ParseNumber(s, &v) || v * scale != x) continue;
    // %g writes whole numbers with fewer digits than their size as "1e+01";
    // below 1e15 the plain integer is exact and easier to read.
    if (absl::StrContains(s, 'e') && std::abs(v) >= 1.0 && std::abs(v) < 1e15) {
      s = absl::StrFormat("%.0f", v);
    }
    return s;
  }
  double below = y0, above = y0;
  for (int k = 0; k < 8; ++k) {
    below = std::nextafter(below, -std::numeric_limits<double>::infinity());
    above = std::nextafter(above, std::numeric_limits<double>::infinity());
    if (below * scale == x) return absl::StrFormat("%.17g", below);
    if (above * scale == x) return absl::StrFormat("%.17g", above);
  }
  return absl::StrFormat("%.17g", y0);
}

class Writer {
 public:
  void Line(absl::string_view keyword, absl::string_view value) {
    if (!CheckText(keyword, value)) return;
    absl::StrAppend(&out_, keyword, " = ", value, "\n");
  }
  void Comments(const std::vector<std::string>& comments) {
    for (const std::string& c : comments) {
      if (!CheckText("COMMENT", c)) return;
      absl::StrAppend(&out_, c.empty() ? "COMMENT" : "COMMENT ", c, "\n");
    }
  }
  void Marker(absl::string_view marker) {
    absl::StrAppend(&out_, marker, "\n");
  }
  void Number(absl::string_view keyword, const std::optional<double>& x,
              double scale = 1.0) {
    if (!x.has_value()) return;
    if (!std::isfinite(*x)) {
      Fail(absl::StrCat(keyword, ": value is not finite"));
      return;
    }
    Line(keyword, ScaledDecimal(*x, scale));
  }
  void Time(absl::string_view keyword, const std::optional<Epoch>& t,
            TimeScale scale) {
    if (!t.has_value()) return;
    absl::StatusOr<std::string> s = FormatCcsdsTime(*t, scale, 9);
    if (!s.ok()) {
      Fail(absl::StrCat(keyword, ": ", s.status().message()));
      return;
    }
    Line(keyword, *s);
  }
  void Fail(std::string what) {
    if (status_.ok()) {
      status_ = absl::InvalidArgumentError(absl::StrCat(context_, what));
    }
  }
  void set_context(std::string context) { context_ = std::move(context); }
  absl::StatusOr<std::string> Result() {
    if (!status_.ok()) return status_;
    return std::move(out_);
  }

 private:
  // Values are single lines; KVN has no escape for a newline.
  bool CheckText(absl::string_view keyword, absl::string_view value) {
    if (absl::StrContains(value, '\n') || absl::StrContains(value, '\r')) {
      Fail(absl::StrCat(keyword, ": value has a line break"));
      return false;
    }
    return true;
  }
  std::string out_;
  std::string context_;
  absl::Status status_;
};

void WriteMeta(const TdmSegmentMeta& m, Writer* w) {
  const TimeScale ts = m.time_system;
  w->Comments(m.comments);
  if (!IsCcsdsTimeScaleSupported(ts)) {
    w->Fail(absl::StrCat("TIME_SYSTEM: ", TimeScaleName(ts),
                         " not supported (UTC, TAI, TT, GPS)"));
  }
  w->Line("TIME_SYSTEM", TimeScaleName(ts));
  w->Time("START_TIME", m.start_time, ts);
  w->Time("STOP_TIME", m.stop_time, ts);
  if (m.participants.empty() || m.participants.size() > 5) {
    w->Fail("PARTICIPANT_n: 1 to 5 participants needed");
  }
  for (size_t i = 0; i < m.participants.size(); ++i) {
    w->Line(absl::StrCat("PARTICIPANT_", i + 1), m.participants[i]);
  }
  if (!m.mode.empty()) w->Line("MODE", m.mode);
  if (!m.path.empty()) {
    for (int p : m.path) {
      if (p < 1 || p > static_cast<int>(m.participants.size())) {
        w->Fail(absl::StrCat("PATH: participant ", p, " not given"));
      }
    }
    w->Line("PATH", absl::StrJoin(m.path, ","));
  }
  if (m.timetag_ref.has_value()) {
    w->Line("TIMETAG_REF",
            *m.timetag_ref == TdmTimetagRef::kReceive ? "RECEIVE" : "TRANSMIT");
  }
  w->Number("INTEGRATION_INTERVAL", m.integration_interval_s);
  if (m.integration_ref.has_value()) {
    constexpr absl::string_view kRef[] = {"START", "MIDDLE", "END"};
    w->Line("INTEGRATION_REF", kRef[static_cast<int>(*m.integration_ref)]);
  }
  if (!m.range_mode.empty()) w->Line("RANGE_MODE", m.range_mode);
  absl::StatusOr<double> range_scale = TdmRangeScale(m);
  if (!range_scale.ok() &&
      (m.range_modulus_m.has_value() || m.correction_range_m.has_value())) {
    w->Fail(absl::StrCat("RANGE_UNITS: ", range_scale.status().message()));
  }
  const double rs = range_scale.value_or(1.0);
  w->Number("RANGE_MODULUS", m.range_modulus_m, rs);
  if (m.range_units.has_value()) {
    w->Line("RANGE_UNITS", *m.range_units == TdmRangeUnits::kKm ? "km" : "s");
  }
  if (m.angle_type != TdmAngleType::kNone) {
    w->Line("ANGLE_TYPE",
            m.angle_type == TdmAngleType::kAzEl ? "AZEL" : "RADEC");
  }
  if (!m.reference_frame.empty()) w->Line("REFERENCE_FRAME", m.reference_frame);
  for (const auto& [n, delay] : m.transmit_delay_s) {
    w->Number(absl::StrCat("TRANSMIT_DELAY_", n), delay);
  }
  for (const auto& [n, delay] : m.receive_delay_s) {
    w->Number(absl::StrCat("RECEIVE_DELAY_", n), delay);
  }
  if (!m.data_quality.empty()) w->Line("DATA_QUALITY", m.data_quality);
  const double deg = tdm_internal::kRadPerDeg;
  w->Number("CORRECTION_ANGLE_1", m.correction_angle_1_rad, deg);
  w->Number("CORRECTION_ANGLE_2", m.correction_angle_2_rad, deg);
  w->Number("CORRECTION_DOPPLER", m.correction_doppler_m_per_s,
            tdm_internal::kMPerKm);
  w->Number("CORRECTION_RANGE", m.correction_range_m, rs);
  w->Number("CORRECTION_ABERRATION_YEARLY", m.correction_aberration_yearly_rad,
            deg);
  w->Number("CORRECTION_ABERRATION_DIURNAL",
            m.correction_aberration_diurnal_rad, deg);
  if (m.corrections_applied.has_value()) {
    w->Line("CORRECTIONS_APPLIED", *m.corrections_applied ? "YES" : "NO");
  }
}

void WriteObservation(const TdmSegmentMeta& m, const TdmObservation& o,
                      Writer* w) {
  const bool azel = m.angle_type == TdmAngleType::kAzEl;
  const bool radec = m.angle_type == TdmAngleType::kRaDec;
  absl::string_view keyword;
  double scale = tdm_internal::kRadPerDeg;
  std::string misfit;  // why the observable does not fit the metadata
  switch (o.type) {
    case TdmObservable::kRange: {
      keyword = "RANGE";
      absl::StatusOr<double> s = TdmRangeScale(m);
      if (!s.ok()) misfit = std::string(s.status().message());
      scale = s.value_or(1.0);
      break;
    }
    case TdmObservable::kRangeRate:
    case TdmObservable::kRangeRateIntegrated:
      keyword = o.type == TdmObservable::kRangeRate ? "DOPPLER_INSTANTANEOUS"
                                                    : "DOPPLER_INTEGRATED";
      scale = tdm_internal::kMPerKm;
      break;
    case TdmObservable::kAzimuth:
    case TdmObservable::kElevation:
      keyword = o.type == TdmObservable::kAzimuth ? "ANGLE_1" : "ANGLE_2";
      if (!azel) misfit = "needs ANGLE_TYPE = AZEL";
      break;
    case TdmObservable::kRightAscension:
    case TdmObservable::kDeclination:
      keyword =
          o.type == TdmObservable::kRightAscension ? "ANGLE_1" : "ANGLE_2";
      if (!radec) misfit = "needs ANGLE_TYPE = RADEC";
      break;
  }
  if (!misfit.empty()) {
    w->Fail(
        absl::StrCat(keyword, ": ", TdmObservableName(o.type), " ", misfit));
    return;
  }
  if (!std::isfinite(o.value)) {
    w->Fail(absl::StrCat(keyword, ": value is not finite"));
    return;
  }
  absl::StatusOr<std::string> t = FormatCcsdsTime(o.epoch, m.time_system, 9);
  if (!t.ok()) {
    w->Fail(absl::StrCat(keyword, ": ", t.status().message()));
    return;
  }
  const std::string value = ScaledDecimal(o.value, scale);
  double v = 0.0;
  tdm_internal::ParseNumber(value, &v);
  if ((keyword == "ANGLE_1" && !(v >= -180.0 && v < 360.0)) ||
      (keyword == "ANGLE_2" && !(v >= -90.0 && v <= 90.0))) {
    w->Fail(absl::StrCat(keyword, ": ", value, " deg outside the TDM range"));
    return;
  }
  w->Line(keyword, absl::StrCat(*t, " ", value));
}

}  // namespace

absl::StatusOr<std::string> FormatTdmKvn(const TdmFile& file) {
  Writer w;
  const TdmHeader& h = file.header;
  if (h.version != "1.0" && h.version != "2.0") {
    return absl::InvalidArgumentError(absl::StrCat(
        "CCSDS_TDM_VERS: version '", h.version, "' not supported (1.0, 2.0)"));
  }
  w.Line("CCSDS_TDM_VERS", h.version);
  w.Comments(h.comments);
  w.Time("CREATION_DATE", h.creation_date, TimeScale::kUtc);
  w.Line("ORIGINATOR", h.originator);
  if (!h.message_id.empty()) w.Line("MESSAGE_ID", h.message_id);
  for (size_t i = 0; i < file.segments.size(); ++i) {
    const TdmSegment& s = file.segments[i];
    w.set_context(absl::StrCat("segment ", i, ": "));
    w.Marker("");
    w.Marker("META_START");
    WriteMeta(s.meta, &w);
    w.Marker("META_STOP");
    w.Marker("DATA_START");
    w.Comments(s.data_comments);
    for (const TdmObservation& o : s.observations) {
      WriteObservation(s.meta, o, &w);
    }
    w.Marker("DATA_STOP");
  }
  return w.Result();
}

}  // namespace sstrack::astro
