// Copyright sstrack authors.
#include "orbit_determination/simulator.h"

#include <cmath>
#include <random>

#include "absl/strings/str_cat.h"
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
  for (const auto& [name, c] : o.station_corrections) {
    if (!stations.count(name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("simulation: station_corrections names '", name, "', not a station"));
    }
  }
  const astro::Epoch first = std::min(epoch, o.start), last = std::max(epoch, o.end);
  auto fm = astro::ForceModel::Create(truth_model, first, last);
  if (!fm.ok()) return fm.status();
  std::vector<astro::Epoch> times;
  for (double t = 0; o.start + t <= o.end; t += o.step_s) times.push_back(o.start + t);
  auto states = astro::PropagateNumerically(**fm, epoch, truth, times, {});
  if (!states.ok()) return states.status();
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
  for (const astro::PropagatedState& s : *states) {
    const astro::EopSample eop = truth_model.eop
                                     ? truth_model.eop->At(s.epoch).value_or(astro::ZeroEop(s.epoch))
                                     : astro::ZeroEop(s.epoch);
    for (const auto& [name, site] : stations) {
      const StationState st = MakeStationState(site, s.epoch, eop);
      const Eigen::Vector3d enu = st.gcrf_to_enu * (s.gcrf.position_m - st.position_m);
      if (enu.z() < std::sin(o.min_elevation_rad) * enu.norm()) continue;
      for (const auto& [type, sigma] : o.types) {
        Measurement m;
        m.id = ++id;
        m.epoch = s.epoch;
        m.type = type;
        m.station = name;
        m.sigma = sigma > 0 ? sigma : 1e-9;
        m.two_way = o.two_way;
        ApplyStationCorrections(*corrections.at(name), m);
        const double bias = type == MeasurementType::kRange && o.range_bias_m.count(name)
                                ? o.range_bias_m.at(name)
                                : 0.0;
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
