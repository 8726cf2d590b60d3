// Copyright sstrack authors.
#include "simulation/detection.h"

#include <cmath>

#include <Eigen/Geometry>

#include "gtest/gtest.h"

namespace sstrack::simulation {
namespace {

constexpr double kDeg = M_PI / 180.0;

sensors::Sensor Make(sensors::SensorType type) {
  sensors::SensorSpec s;
  s.name = type == sensors::SensorType::kOptical ? "SCOPE" : "DISH";
  s.type = type;
  s.geodetic = {35.0 * kDeg, 135.0 * kDeg, 100.0};
  s.azimuth_axis = {0.05, 0.02};
  s.elevation_axis = {0.05, 0.02};
  s.radar = {20.0, 1000e3, 13.0};
  s.noise.angle_rad = 1e-5;
  s.noise.range_m = 10;
  auto sensor = sensors::Sensor::Create(s);
  EXPECT_TRUE(sensor.ok()) << sensor.status();
  return *sensor;
}

// The ITRF state of an object at azimuth/elevation/range from the site
// (east-north-up → ITRF through the site's rotation: an independent path
// from the look-angle code).
astro::CartesianState At(const sensors::Sensor& s, double az, double el, double range_m) {
  const Eigen::Vector3d enu(range_m * std::cos(el) * std::sin(az),
                            range_m * std::cos(el) * std::cos(az), range_m * std::sin(el));
  const astro::GroundSite& site = s.site();
  return {site.position_itrf_m + site.itrf_to_enu.transpose() * enu, Eigen::Vector3d::Zero()};
}

TEST(DetectionTest, SeparationClosedForms) {
  EXPECT_NEAR(AzElSeparation(0.3, 0.2, 0.3, 0.2 + 0.01), 0.01, 1e-12);
  // On the horizon, azimuth differences are angles.
  EXPECT_NEAR(AzElSeparation(0.0, 0.0, 0.02, 0.0), 0.02, 1e-12);
  // At elevation e an azimuth step δ spans ≈ δ cos e.
  EXPECT_NEAR(AzElSeparation(1.0, 60 * kDeg, 1.0 + 1e-3, 60 * kDeg), 0.5e-3, 1e-9);
}

TEST(DetectionTest, InsideTheFieldIsFoundOutsideIsNot) {
  const sensors::Sensor scope = Make(sensors::SensorType::kOptical);
  const astro::CartesianState truth = At(scope, 100 * kDeg, 40 * kDeg, 2000e3);
  DetectionOptions o;
  Detection in = Detect(scope, 100 * kDeg, 40.4 * kDeg, truth, 1.0, o);
  EXPECT_TRUE(in.detected) << in.reason;
  EXPECT_NEAR(in.separation_rad, 0.4 * kDeg, 1e-6);
  Detection out = Detect(scope, 100 * kDeg, 40.6 * kDeg, truth, 1.0, o);
  EXPECT_FALSE(out.detected);
  EXPECT_NE(out.reason.find("from the pointing"), std::string::npos) << out.reason;
  // A prediction 50 km off along a 2000 km line of sight: 1.4° — missed.
  const astro::CartesianState off = At(scope, 100 * kDeg + 50e3 / (2000e3 * std::cos(40 * kDeg)),
                                       40 * kDeg, 2000e3);
  EXPECT_FALSE(Detect(scope, 100 * kDeg, 40 * kDeg, off, 1.0, o).detected);
}

// Radar: SNR = 20 + 10 log10(RCS) − 40 log10(R / 1000 km) against 13 dB.
TEST(DetectionTest, RadarNeedsEnoughSignal) {
  const sensors::Sensor dish = Make(sensors::SensorType::kTrackingRadar);
  DetectionOptions o;
  const astro::CartesianState near = At(dish, 10 * kDeg, 50 * kDeg, 1000e3);
  Detection big = Detect(dish, 10 * kDeg, 50 * kDeg, near, 1.0, o);
  EXPECT_TRUE(big.detected) << big.reason;
  EXPECT_NEAR(big.snr_db, 20.0, 1e-6);
  // 0.1 m² at 1000 km: 10 dB < 13 dB.
  Detection small = Detect(dish, 10 * kDeg, 50 * kDeg, near, 0.1, o);
  EXPECT_FALSE(small.detected);
  EXPECT_NEAR(small.snr_db, 10.0, 1e-6);
  // 1 m² at 1500 km: 20 − 40 log10 1.5 = 12.96 dB: just missed.
  const astro::CartesianState far = At(dish, 10 * kDeg, 50 * kDeg, 1500e3);
  EXPECT_FALSE(Detect(dish, 10 * kDeg, 50 * kDeg, far, 1.0, o).detected);
  // Below the horizon, never.
  EXPECT_FALSE(Detect(dish, 10 * kDeg, -1 * kDeg, At(dish, 10 * kDeg, -1 * kDeg, 500e3), 10, o).detected);
}

// An object crossing the line of sight at 7 km/s, 1000 km away (0.4°/s):
// at `cross` it is exactly at the pointing, `offset_rad` beside its path.
TruthItrfAt Crossing(const sensors::Sensor& s, const astro::Epoch& cross, double offset_rad) {
  const astro::CartesianState p = At(s, 100 * kDeg, 40 * kDeg, 1000e3);
  const Eigen::Vector3d u = (p.position_m - s.site().position_itrf_m).normalized();
  const Eigen::Vector3d along = u.cross(s.site().position_itrf_m.normalized()).normalized();
  const Eigen::Vector3d beside = u.cross(along);
  const Eigen::Vector3d p0 = p.position_m + 1000e3 * offset_rad * beside;
  return [=](const astro::Epoch& t) -> absl::StatusOr<astro::CartesianState> {
    return astro::CartesianState{p0 + 7000.0 * (t - cross) * along, 7000.0 * along};
  };
}

TEST(DetectionTest, AStareAcquiresAnObjectWhenItEntersTheField) {
  const sensors::Sensor scope = Make(sensors::SensorType::kOptical);
  const astro::Epoch start = astro::Epoch::FromTaiSeconds(0, 1000.0);
  const astro::Epoch end = start + 120.0;
  DetectionOptions o;
  // It reaches the pointing 50 s into the stare: it enters the 0.5° half-field
  // tan 0.5° × 1000 km / 7 km/s = 1.2467 s earlier (found to the 0.05 s
  // resolution, never before the entry).
  const TruthItrfAt late = Crossing(scope, start + 50.0, 0.0);
  StareResult r = Stare(scope, 100 * kDeg, 40 * kDeg, start, end, late, 1.0, o);
  ASSERT_TRUE(r.acquired.has_value()) << r.detection.reason;
  const double entry = 50.0 - std::tan(0.5 * kDeg) * 1000e3 / 7000.0;
  EXPECT_GE(*r.acquired - start, entry - 1e-3);
  EXPECT_LE(*r.acquired - start, entry + 0.05);
  // The same instant by brute force, every millisecond of the stare.
  double first = -1;
  for (int k = 0; k <= 120000 && first < 0; ++k) {
    if (Detect(scope, 100 * kDeg, 40 * kDeg, *late(start + k * 1e-3), 1.0, o).detected) first = k * 1e-3;
  }
  EXPECT_NEAR(*r.acquired - start, first, 0.05 + 1e-3);
  EXPECT_TRUE(r.detection.detected);
  // Already at the pointing at the start: acquired at once.
  StareResult now = Stare(scope, 100 * kDeg, 40 * kDeg, start, end, Crossing(scope, start, 0.0), 1.0, o);
  ASSERT_TRUE(now.acquired.has_value());
  EXPECT_EQ(*now.acquired - start, 0.0);
  // Past the pointing 30 s before the stare began, or 0.7° beside the
  // pointing (outside the 0.5° half-field all along): not found, and why.
  for (const TruthItrfAt& missed : {Crossing(scope, start - 30.0, 0.0), Crossing(scope, start + 50.0, 0.7 * kDeg)}) {
    StareResult no = Stare(scope, 100 * kDeg, 40 * kDeg, start, end, missed, 1.0, o);
    EXPECT_FALSE(no.acquired.has_value());
    EXPECT_NE(no.detection.reason.find("not found in the 120 s stare"), std::string::npos) << no.detection.reason;
  }
  // Beside by 0.7° the closest approach is 0.7°.
  StareResult beside = Stare(scope, 100 * kDeg, 40 * kDeg, start, end, Crossing(scope, start + 50.0, 0.7 * kDeg), 1.0, o);
  EXPECT_NEAR(beside.detection.separation_rad, 0.7 * kDeg, 0.01 * kDeg);
}

}  // namespace
}  // namespace sstrack::simulation
