// Copyright sstrack authors.
#include "orbit_determination/tdm_measurements.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sstrack::od {

TdmConversion MeasurementsFromTdm(const astro::TdmFile& file, const std::string& source,
                                  const std::map<std::string, Station>& stations,
                                  const MeasurementSigmas& sigmas,
                                  const TdmCorrections& corrections) {
  TdmConversion out;
  for (const astro::TdmSegment& seg : file.segments) {
    const astro::TdmSegmentMeta& meta = seg.meta;
    const std::string where = absl::StrCat(source, ":", meta.line, ": segment: ");
    std::string station;
    for (const std::string& p : meta.participants) {
      if (stations.count(p)) {
        if (station.empty()) station = p;
      } else if (std::find(out.objects.begin(), out.objects.end(), p) == out.objects.end()) {
        out.objects.push_back(p);
      }
    }
    if (station.empty()) {
      out.notes.push_back(absl::StrCat(where, "no participant (", absl::StrJoin(meta.participants, ", "),
                                       ") is a known station; give it in --sites — skipped"));
      continue;
    }
    if (meta.timetag_ref && *meta.timetag_ref == astro::TdmTimetagRef::kTransmit) {
      out.notes.push_back(absl::StrCat(where, "TIMETAG_REF = TRANSMIT is not supported — skipped"));
      continue;
    }
    const bool two_way = meta.path.size() >= 3 && meta.path.front() == meta.path.back();
    const bool add_corrections = meta.corrections_applied.has_value() && !*meta.corrections_applied;
    const bool applied = meta.corrections_applied.value_or(false);
    const auto band = corrections.atmosphere.find(station);
    const Atmosphere atmosphere =
        band == corrections.atmosphere.end() ? Atmosphere::kNone : band->second;
    const auto declared = corrections.radec_aberration.find(station);
    RaDecAberration aberration = declared == corrections.radec_aberration.end()
                                     ? corrections.default_radec_aberration
                                     : declared->second;
    const bool yearly = meta.correction_aberration_yearly_rad.has_value();
    const bool diurnal = meta.correction_aberration_diurnal_rad.has_value();
    if (yearly) aberration.annual = !applied;
    if (diurnal) aberration.diurnal = !applied;
    if (!applied && (yearly || diurnal)) {
      out.notes.push_back(absl::StrCat(
          where, "CORRECTION_ABERRATION_* not applied: the aberration is modelled per observation, "
                 "the scalar value is not added"));
    }
    for (const astro::TdmObservation& o : seg.observations) {
      Measurement m;
      m.id = o.line;
      m.source = source;
      m.epoch = o.epoch;
      m.station = station;
      m.two_way = two_way;
      m.value = o.value;
      m.atmosphere = atmosphere;
      switch (o.type) {
        case astro::TdmObservable::kRange:
          m.type = MeasurementType::kRange;
          m.sigma = sigmas.range_m;
          if (add_corrections && meta.correction_range_m) m.value += *meta.correction_range_m;
          break;
        case astro::TdmObservable::kRangeRate:
          m.type = MeasurementType::kRangeRate;
          m.sigma = sigmas.range_rate_m_s;
          if (add_corrections && meta.correction_doppler_m_per_s)
            m.value += *meta.correction_doppler_m_per_s;
          break;
        case astro::TdmObservable::kRangeRateIntegrated:
          out.notes.push_back(absl::StrCat(source, ":", o.line,
                                           ": DOPPLER_INTEGRATED is not modelled — skipped"));
          continue;
        case astro::TdmObservable::kAzimuth:
        case astro::TdmObservable::kRightAscension:
          m.type = o.type == astro::TdmObservable::kAzimuth ? MeasurementType::kAzimuth
                                                            : MeasurementType::kRightAscension;
          m.sigma = sigmas.angle_rad;
          if (add_corrections && meta.correction_angle_1_rad) m.value += *meta.correction_angle_1_rad;
          if (m.type == MeasurementType::kRightAscension) m.aberration = aberration;
          break;
        case astro::TdmObservable::kElevation:
        case astro::TdmObservable::kDeclination:
          m.type = o.type == astro::TdmObservable::kElevation ? MeasurementType::kElevation
                                                              : MeasurementType::kDeclination;
          m.sigma = sigmas.angle_rad;
          if (add_corrections && meta.correction_angle_2_rad) m.value += *meta.correction_angle_2_rad;
          if (m.type == MeasurementType::kDeclination) m.aberration = aberration;
          break;
      }
      out.measurements.push_back(m);
    }
  }
  return out;
}

}  // namespace sstrack::od
