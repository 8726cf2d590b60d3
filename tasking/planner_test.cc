// Copyright sstrack authors.
#include "tasking/planner.h"

#include <cmath>

#include "astro/formats/tle.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"
#include "sensors/visibility.h"
#include "tasking/value.h"

namespace sstrack::tasking {
namespace {

constexpr double kDeg = M_PI / 180.0;

// The predicted in-track σ of a candidate: with an orbit-determination
// covariance it is that covariance grown from its own epoch to the track
// (value.h's Clohessy–Wiltshire growth); without, the element-age model.
TEST(PlannerTest, PredictedSigmaFromCovarianceAtItsEpoch) {
  sensors::SensorSpec radar;
  radar.name = "RAD";
  radar.type = sensors::SensorType::kTrackingRadar;
  radar.geodetic = {35.3 * kDeg, 133.9 * kDeg, 500};
  radar.min_elevation_rad = 5 * kDeg;
  radar.max_range_m = 5000e3;
  radar.radar = {25, 1000e3, 12};
  radar.noise.angle_rad = 1e-4;
  radar.noise.range_m = 10;
  auto sensor = sensors::Sensor::Create(radar);
  ASSERT_TRUE(sensor.ok()) << sensor.status();
  auto file = astro::ReadTleFile("tests/data/catalog-2018-01.3le");
  ASSERT_TRUE(file.ok());
  std::vector<sensors::VisibilityObject> vis;
  for (const auto& e : file->elements) {
    if (e.catalog_number == 25544) vis.push_back({*astro::Sgp4::Create(e), {}});
  }
  ASSERT_EQ(vis.size(), 1u);
  const astro::Epoch t0 = *astro::ParseIsoUtc("2018-01-20T12:00:00Z");
  const astro::Epoch t1 = t0 + 86400.0;
  std::vector<sensors::Sensor> sensors_list = {*sensor};
  auto windows = sensors::ComputeVisibility(vis, sensors_list, t0, t1);
  ASSERT_TRUE(windows.ok()) << windows.status();
  ASSERT_FALSE(windows->empty());
  auto grid = sensors::VisibilityGrid::Create(t0, t1, {});
  ASSERT_TRUE(grid.ok());
  Matrix6d cov = Matrix6d::Zero();
  cov.diagonal() << 25, 400, 25, 1e-4, 1e-4, 1e-4;
  const astro::Epoch cov_epoch = t0 + (-3 * 3600.0);
  PlanObject with{25544, 1, 0.5, cov, cov_epoch, std::nullopt};
  PlanObject without{25544, 1, 0.5, std::nullopt, std::nullopt, std::nullopt};
  const std::vector<std::pair<astro::Epoch, astro::Epoch>> spans = {{t0, t1}};
  const Problem a = BuildProblem({with}, vis, sensors_list, spans, *windows, *grid);
  const Problem b = BuildProblem({without}, vis, sensors_list, spans, *windows, *grid);
  ASSERT_FALSE(a.candidates.empty());
  ASSERT_EQ(a.candidates.size(), b.candidates.size());
  const double n = vis[0].sgp4.elements().mean_motion_rad_per_min / 60.0;
  for (size_t i = 0; i < a.candidates.size(); ++i) {
    const Candidate& c = a.candidates[i];
    const astro::Epoch mid = a.origin + 0.5 * (c.start_s + c.end_s);
    EXPECT_NEAR(c.sigma_pred_m, InTrackSigmaFromCovariance(cov, n, mid - cov_epoch),
                1e-6 * c.sigma_pred_m + 1e-9);
    EXPECT_NE(c.sigma_pred_m, b.candidates[i].sigma_pred_m);
  }
}

}  // namespace
}  // namespace sstrack::tasking
