// Copyright sstrack authors.
//
// `sstrack od simulate`: measurements of a known orbit, written as a CCSDS
// TDM file (one segment per station and measurement family).
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "astro/formats/tdm.h"
#include "cli/od_command.h"
#include "cli/od_support.h"
#include "orbit_determination/simulator.h"

namespace sstrack::cli {

absl::Status RunOdSimulate(const OdSimulateOptions& o, std::FILE* out, std::FILE* err) {
  auto truth = ParseStateSpec("--state", o.state);
  if (!truth.ok()) return truth.status();
  if (o.sites_file.empty() && o.config.empty()) {
    return absl::InvalidArgumentError("od simulate: give --sites FILE and/or --config FILE");
  }
  auto stations = LoadStations(o.sites_file, o.config);
  if (!stations.ok()) return stations.status();
  const std::map<std::string, od::Station>* sites = &stations->stations;
  auto start = astro::ParseIsoUtc(o.start_iso);
  auto end = astro::ParseIsoUtc(o.end_iso);
  if (!start.ok() || !end.ok()) return absl::InvalidArgumentError("--start/--end: not ISO-8601 UTC");
  if (o.out.empty()) return absl::InvalidArgumentError("--out FILE.tdm is required");
  od::SimulationOptions so;
  so.start = *start;
  so.end = *end;
  so.step_s = o.step_s;
  so.seed = o.seed;
  so.min_elevation_rad = o.min_elevation_deg * M_PI / 180;
  // Each station's values contain what it declares (CSV column, sensor
  // config), as `od run` with the same stations assumes.
  so.station_corrections = stations->corrections;
  const double angle = o.sigma_angle_arcsec / 3600.0 * M_PI / 180;
  bool range = false, rate = false, azel = false, radec = false;
  for (absl::string_view t : absl::StrSplit(o.types, ',', absl::SkipEmpty())) {
    if (t == "range") range = true;
    else if (t == "range-rate") rate = true;
    else if (t == "azel") azel = true;
    else if (t == "radec") radec = true;
    else return absl::InvalidArgumentError(absl::StrCat("--types: unknown '", t, "' (range, range-rate, azel, radec)"));
  }
  auto eop = LoadEop(o.eop_files, err);
  if (!eop.ok()) return eop.status();
  auto fo = BuildForceModelOptions(o.force);
  if (!fo.ok()) return fo.status();
  fo->eop = *eop;
  astro::TdmFile file;
  file.header.creation_date = *start;
  file.header.originator = "SSTRACK";
  file.header.comments.push_back(absl::StrCat("simulated by sstrack od simulate, seed ", o.seed));
  size_t total = 0;
  auto add_family = [&](std::vector<std::pair<od::MeasurementType, double>> types,
                        astro::TdmAngleType angle_type) -> absl::Status {
    so.types = std::move(types);
    auto meas = od::SimulateMeasurements(*fo, truth->epoch, truth->gcrf, *sites, so);
    if (!meas.ok()) return meas.status();
    for (const auto& [name, site] : *sites) {
      astro::TdmSegment seg;
      seg.meta.time_system = astro::TimeScale::kUtc;
      seg.meta.participants = {name, o.object};
      seg.meta.path = angle_type == astro::TdmAngleType::kNone ? std::vector<int>{1, 2, 1}
                                                               : std::vector<int>{2, 1};
      seg.meta.angle_type = angle_type;
      if (angle_type == astro::TdmAngleType::kRaDec) seg.meta.reference_frame = "ICRF";
      for (const od::Measurement& m : *meas) {
        if (m.station != name) continue;
        astro::TdmObservation ob;
        ob.epoch = m.epoch;
        ob.value = m.value;
        switch (m.type) {
          case od::MeasurementType::kRange: ob.type = astro::TdmObservable::kRange; break;
          case od::MeasurementType::kRangeRate: ob.type = astro::TdmObservable::kRangeRate; break;
          case od::MeasurementType::kAzimuth: ob.type = astro::TdmObservable::kAzimuth; break;
          case od::MeasurementType::kElevation: ob.type = astro::TdmObservable::kElevation; break;
          case od::MeasurementType::kRightAscension: ob.type = astro::TdmObservable::kRightAscension; break;
          case od::MeasurementType::kDeclination: ob.type = astro::TdmObservable::kDeclination; break;
        }
        seg.observations.push_back(ob);
      }
      if (seg.observations.empty()) continue;
      seg.meta.start_time = seg.observations.front().epoch;
      seg.meta.stop_time = seg.observations.back().epoch;
      total += seg.observations.size();
      file.segments.push_back(std::move(seg));
    }
    return absl::OkStatus();
  };
  if (range || rate) {
    std::vector<std::pair<od::MeasurementType, double>> t;
    if (range) t.push_back({od::MeasurementType::kRange, o.sigma_range_m});
    if (rate) t.push_back({od::MeasurementType::kRangeRate, o.sigma_range_rate_m_s});
    if (absl::Status s = add_family(t, astro::TdmAngleType::kNone); !s.ok()) return s;
  }
  if (azel) {
    if (absl::Status s = add_family({{od::MeasurementType::kAzimuth, angle},
                                     {od::MeasurementType::kElevation, angle}},
                                    astro::TdmAngleType::kAzEl);
        !s.ok()) {
      return s;
    }
  }
  if (radec) {
    if (absl::Status s = add_family({{od::MeasurementType::kRightAscension, angle},
                                     {od::MeasurementType::kDeclination, angle}},
                                    astro::TdmAngleType::kRaDec);
        !s.ok()) {
      return s;
    }
  }
  auto text = astro::FormatTdmKvn(file);
  if (!text.ok()) return text.status();
  std::ofstream f(o.out);
  f << *text;
  if (!f) return absl::UnavailableError(absl::StrCat("--out ", o.out, ": cannot write"));
  std::fprintf(out, "wrote %zu observations in %zu segments to %s\n", total, file.segments.size(),
               o.out.c_str());
  return absl::OkStatus();
}

}  // namespace sstrack::cli
