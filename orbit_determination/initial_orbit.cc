// Copyright sstrack authors.
#include "orbit_determination/initial_orbit.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "orbit_determination/iod.h"
#include "orbit_determination/measurement_model.h"

namespace sstrack::od {
namespace {

constexpr double kPassGapS = 1800.0;

struct Key {
  std::string station;
  astro::Epoch epoch;
  bool operator<(const Key& o) const {
    return epoch < o.epoch || (epoch == o.epoch && station < o.station);
  }
};

}  // namespace

absl::StatusOr<InitialOrbit> InitialOrbitFromMeasurements(
    const std::vector<Measurement>& meas, const std::map<std::string, Station>& stations,
    const astro::EopTable* eop) {
  // Group the values measured at one station and epoch.
  std::map<Key, std::map<MeasurementType, double>> groups;
  for (const Measurement& m : meas) {
    if (!stations.count(m.station)) continue;
    groups[{m.station, m.epoch}][m.type] = m.value;
  }
  // The first pass.
  std::vector<std::pair<Key, std::map<MeasurementType, double>>> pass;
  for (const auto& g : groups) {
    if (!pass.empty() && g.first.epoch - pass.back().first.epoch > kPassGapS) break;
    pass.push_back(g);
  }
  auto station_state = [&](const Key& k) {
    astro::EopSample s = astro::ZeroEop(k.epoch);
    if (eop) {
      if (auto at = eop->At(k.epoch); at.ok()) s = *at;
    }
    return MakeStationState(stations.at(k.station), k.epoch, s);
  };
  std::vector<AnglesObservation> angles;
  std::vector<TimedPosition> positions;
  for (const auto& [key, values] : pass) {
    const StationState st = station_state(key);
    if (values.count(MeasurementType::kRightAscension) && values.count(MeasurementType::kDeclination)) {
      AnglesObservation a;
      a.epoch = key.epoch;
      a.right_ascension_rad = values.at(MeasurementType::kRightAscension);
      a.declination_rad = values.at(MeasurementType::kDeclination);
      a.observer_position_gcrf_m = st.position_m;
      angles.push_back(a);
    }
    if (values.count(MeasurementType::kRange) && values.count(MeasurementType::kAzimuth) &&
        values.count(MeasurementType::kElevation)) {
      const double az = values.at(MeasurementType::kAzimuth);
      const double el = values.at(MeasurementType::kElevation);
      const Eigen::Vector3d enu(std::cos(el) * std::sin(az), std::cos(el) * std::cos(az), std::sin(el));
      positions.push_back({key.epoch, st.position_m + values.at(MeasurementType::kRange) *
                                                          (st.gcrf_to_enu.transpose() * enu)});
    }
  }
  if (angles.size() >= 3) {
    auto g = GaussAnglesOnly(angles);
    if (!g.ok()) return g.status();
    return InitialOrbit{g->epoch, g->state_gcrf, "gauss"};
  }
  if (positions.size() >= 3) {
    const TimedPosition& p1 = positions.front();
    const TimedPosition& p2 = positions[positions.size() / 2];
    const TimedPosition& p3 = positions.back();
    auto v = VelocityFromThreePositions(p1, p2, p3);
    if (!v.ok()) return v.status();
    return InitialOrbit{p2.epoch, {p2.position_gcrf_m, v->velocity_gcrf_m_s},
                        std::string(ThreePositionMethodName(v->method))};
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "no initial orbit: the first pass has ", angles.size(), " RA/Dec pairs and ", positions.size(),
      " range+az/el triples (need 3 of either); give --initial"));
}

}  // namespace sstrack::od
