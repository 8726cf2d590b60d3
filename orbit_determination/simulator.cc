// Copyright sstrack authors.
#include "orbit_determination/simulator.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "absl/strings/str_cat.h"
#include "astro/propagation/numerical/forces.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "astro/time/eop.h"
#include "orbit_determination/measurement_model.h"

namespace sstrack::od {

absl::StatusOr<std::vector<Measurement>> SimulateMeasurements(
    const astro::ForceModelOptions& truth_model, const astro::Epoch& epoch,
    const astro::CartesianState& truth, const std::map<std::string, Station>& stations,
    const SimulationOptions& o) {
  if (!(o.step_s > 0) || o.end < o.start || o.types.empty()) {
    return absl::InvalidArgumentError(
        "simulation: need step > 0, end >= start and at least one measurement type");
  }
  for (const auto& [type, sigma] : o.types) {
    if (!(sigma >= 0)) {
      return absl::InvalidArgumentError(
          absl::StrCat("simulation: sigma of ", MeasurementTypeName(type), " must be >= 0"));
    }
  }
  for (const auto& [name, dt] : o.time_offset_s) {
    if (!stations.count(name) || !std::isfinite(dt) || std::abs(dt) > 10) {
      return absl::InvalidArgumentError(absl::StrCat(
          "simulation: time_offset_s names '", name, "' (", dt,
          " s): must be a station and within ±10 s"));
    }
  }
  for (const auto& [name, by_type] : o.bias) {
    if (!stations.count(name)) {
      return absl::InvalidArgumentError(absl::StrCat("simulation: bias names '", name, "', not a station"));
    }
  }
  if (!std::isfinite(o.transponder_delay_s)) {
    return absl::InvalidArgumentError("simulation: transponder_delay_s is not finite");
  }
  for (const auto& [name, c] : o.station_corrections) {
    if (!stations.count(name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("simulation: station_corrections names '", name, "', not a station"));
    }
  }
  double max_offset = 0;
  for (const auto& [name, dt] : o.time_offset_s) max_offset = std::max(max_offset, std::abs(dt));
  const astro::Epoch first = std::min(epoch, o.start - max_offset),
                     last = std::max(epoch, o.end + max_offset);
  auto fm = astro::ForceModel::Create(truth_model, first, last);
  if (!fm.ok()) return fm.status();
  std::vector<astro::Epoch> times;
  for (double t = 0; o.start + t <= o.end; t += o.step_s) times.push_back(o.start + t);
  auto states = astro::PropagateNumerically(**fm, epoch, truth, times, {});
  if (!states.ok()) return states.status();
  // The truth at each offset station's true reception times.
  std::map<std::string, std::vector<astro::PropagatedState>> shifted;
  for (const auto& [name, dt] : o.time_offset_s) {
    if (dt == 0) continue;
    std::vector<astro::Epoch> true_times;
    for (const astro::Epoch& t : times) true_times.push_back(t - dt);
    auto s = astro::PropagateNumerically(**fm, epoch, truth, true_times, {});
    if (!s.ok()) return s.status();
    shifted[name] = std::move(*s);
  }
  std::mt19937_64 rng(o.seed);
  std::normal_distribution<double> gauss;
  std::vector<Measurement> out;
  int64_t id = 0;
  const StationCorrections global{o.atmosphere, o.weather, o.aberration};
  std::map<std::string, const StationCorrections*> corrections;
  for (const auto& [name, site] : stations) {
    const auto it = o.station_corrections.find(name);
    corrections[name] = it == o.station_corrections.end() ? &global : &it->second;
  }
  auto eop_at = [&](const astro::Epoch& t) {
    return truth_model.eop ? truth_model.eop->At(t).value_or(astro::ZeroEop(t)) : astro::ZeroEop(t);
  };
  for (size_t k = 0; k < states->size(); ++k) {
    const astro::PropagatedState& tagged = (*states)[k];
    const astro::EopSample eop = eop_at(tagged.epoch);
    for (const auto& [name, site] : stations) {
      const StationState st_tag = MakeStationState(site, tagged.epoch, eop);
      const Eigen::Vector3d enu = st_tag.gcrf_to_enu * (tagged.gcrf.position_m - st_tag.position_m);
      if (enu.z() < std::sin(o.min_elevation_rad) * enu.norm()) continue;
      const auto sh = shifted.find(name);
      const astro::PropagatedState& s = sh == shifted.end() ? tagged : sh->second[k];
      const StationState st = sh == shifted.end() ? st_tag : MakeStationState(site, s.epoch, eop_at(s.epoch));
      const auto by_type = o.bias.find(name);
      for (const auto& [type, sigma] : o.types) {
        Measurement m;
        m.id = ++id;
        m.epoch = tagged.epoch;
        m.type = type;
        m.station = name;
        m.sigma = sigma > 0 ? sigma : 1e-9;
        m.two_way = o.two_way;
        ApplyStationCorrections(*corrections.at(name), m);
        double bias = type == MeasurementType::kRange && o.range_bias_m.count(name)
                          ? o.range_bias_m.at(name)
                          : 0.0;
        if (by_type != o.bias.end()) {
          if (auto b = by_type->second.find(type); b != by_type->second.end()) bias += b->second;
        }
        if (type == MeasurementType::kRange && m.two_way) bias += 0.5 * astro::kSpeedOfLightMS * o.transponder_delay_s;
        m.value = ComputeModel(m, st, s.gcrf.position_m, s.gcrf.velocity_m_s).value + bias +
                  sigma * gauss(rng);
        if (type == MeasurementType::kAzimuth || type == MeasurementType::kRightAscension) {
          m.value = std::fmod(m.value + 2 * M_PI, 2 * M_PI);
        }
        out.push_back(m);
      }
    }
  }
  return out;
}

}  // namespace sstrack::od
