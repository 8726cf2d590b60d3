// Copyright sstrack authors.
#include "sensors/constraints.h"

#include <cmath>

#include "astro/frames/topocentric.h"
#include "gtest/gtest.h"

namespace sstrack::sensors {
namespace {

constexpr double kDeg = M_PI / 180.0;

Sensor Make(SensorType type) {
  SensorSpec s;
  s.name = "S";
  s.type = type;
  s.geodetic = {35 * kDeg, 135 * kDeg, 100};
  s.min_elevation_rad = 10 * kDeg;
  s.max_range_m = 40000e3;
  s.noise.angle_rad = 1e-5;
  s.optical.limiting_magnitude = 12;
  s.optical.min_moon_separation_rad = 20 * kDeg;
  s.radar = {20.0, 1000e3, 10.0};
  absl::StatusOr<Sensor> r = Sensor::Create(s);
  EXPECT_TRUE(r.ok()) << r.status();
  return *r;
}

// A point at (az, el, range) from the site, in ITRF.
Eigen::Vector3d FromSite(const Sensor& s, double az, double el, double range) {
  const Eigen::Vector3d enu(range * std::cos(el) * std::sin(az), range * std::cos(el) * std::cos(az),
                            range * std::sin(el));
  return s.site().position_itrf_m + s.site().itrf_to_enu.transpose() * enu;
}

TEST(ConstraintsTest, PointingAgreesWithTopocentricLookAngles) {
  const Sensor s = Make(SensorType::kTrackingRadar);
  const Eigen::Vector3d obj(-3.9e6, 3.4e6, 5.1e6);
  Geometry g{obj, Eigen::Vector3d(1.5e11, 0, 0), Eigen::Vector3d(3.8e8, 0, 0)};
  const Evaluation e = Evaluate(s, {}, g);
  const astro::LookAngles look = astro::ComputeLookAngles(s.site(), {obj, Eigen::Vector3d::Zero()});
  EXPECT_NEAR(e.pointing.azimuth_rad, look.azimuth_rad, 1e-12);
  EXPECT_NEAR(e.pointing.elevation_rad, look.elevation_rad, 1e-12);
  EXPECT_NEAR(e.range_m, look.range_m, 1e-6);
  EXPECT_NEAR(e.elevation_margin_rad, look.elevation_rad - 10 * kDeg, 1e-12);
}

TEST(ConstraintsTest, EachConstraintIsReportedWhenItAloneFails) {
  const Sensor opt = Make(SensorType::kOptical);
  const Eigen::Vector3d up = opt.site().itrf_to_enu.row(2).transpose();
  const Eigen::Vector3d east = opt.site().itrf_to_enu.row(0).transpose();
  // Sun far below the site's horizon (night), towards −up; Moon far to the east.
  const Eigen::Vector3d moon = 3.8e8 * east;
  const Eigen::Vector3d obj = FromSite(opt, 0, 60 * kDeg, 1000e3);  // north, high
  Geometry g{obj, Eigen::Vector3d::Zero(), moon};
  // The Sun low to the east below the horizon: dark site, lit object.
  g.sun_itrf_m = 1.5e11 * (east - 0.25 * up).normalized();
  EXPECT_LT(SunElevationAt(opt, g.sun_itrf_m), -12 * kDeg);
  ObjectSignature big{5.0, 0.2, 10};
  Evaluation e = Evaluate(opt, big, g);
  EXPECT_EQ(e.failing, Constraint::kNone) << ConstraintName(e.failing);
  // The magnitude is the diffuse sphere's at the phase angle of the geometry.
  const Eigen::Vector3d to_sun = (g.sun_itrf_m - obj).normalized();
  const Eigen::Vector3d to_obs = (opt.site().position_itrf_m - obj).normalized();
  EXPECT_NEAR(e.magnitude,
              DiffuseSphereMagnitude(5.0, 0.2, e.range_m, std::acos(to_sun.dot(to_obs))), 1e-9);
  // Too faint.
  EXPECT_EQ(Evaluate(opt, ObjectSignature{0.05, 0.05, 0.01}, g).failing, Constraint::kMagnitude);
  // Daylight at the site.
  Geometry day = g;
  day.sun_itrf_m = 1.5e11 * up;
  EXPECT_EQ(Evaluate(opt, big, day).failing, Constraint::kSunElevation);
  // Below the 10° floor.
  Geometry low = g;
  low.object_itrf_m = FromSite(opt, 0, 5 * kDeg, 1000e3);
  e = Evaluate(opt, big, low);
  EXPECT_EQ(e.failing, Constraint::kElevationMask);
  EXPECT_NEAR(e.elevation_margin_rad, -5 * kDeg, 1e-9);
  // Next to the Moon.
  Geometry near_moon = g;
  near_moon.moon_itrf_m = opt.site().position_itrf_m + 3.8e8 * (obj - opt.site().position_itrf_m).normalized();
  EXPECT_EQ(Evaluate(opt, big, near_moon).failing, Constraint::kMoonSeparation);
  // Radar: SNR at 1000 km for 1 m² is 20 dB ≥ 10; at 2000 km 7.96 dB < 10.
  const Sensor radar = Make(SensorType::kTrackingRadar);
  Geometry rg{FromSite(radar, 0, 60 * kDeg, 1000e3), day.sun_itrf_m, moon};
  e = Evaluate(radar, {}, rg);
  EXPECT_EQ(e.failing, Constraint::kNone);
  EXPECT_NEAR(e.snr_db, 20.0, 1e-6);
  rg.object_itrf_m = FromSite(radar, 0, 60 * kDeg, 2000e3);
  EXPECT_EQ(Evaluate(radar, {}, rg).failing, Constraint::kSnr);
  rg.object_itrf_m = FromSite(radar, 0, 60 * kDeg, 50000e3);
  EXPECT_EQ(Evaluate(radar, {}, rg).failing, Constraint::kRange);
}

TEST(ConstraintsTest, ShadowedObjectAboveTheHorizonIsEclipsed) {
  const Sensor opt = Make(SensorType::kOptical);
  const Eigen::Vector3d up = opt.site().itrf_to_enu.row(2).transpose();
  // Midnight at the site: the Sun straight below. An object 600 km above the
  // site is inside the Earth's umbra (the shadow cone reaches 1.4e6 km).
  Geometry g{opt.site().position_itrf_m + 600e3 * up, -1.5e11 * up, Eigen::Vector3d(0, 0, 3.8e8)};
  EXPECT_EQ(Evaluate(opt, ObjectSignature{5, 0.2, 10}, g).failing, Constraint::kEarthShadow);
  // 20,000 km up and 8,000 km sideways it is outside the umbra (radius
  // < 6,400 km there): sunlit.
  const Eigen::Vector3d east = opt.site().itrf_to_enu.row(0).transpose();
  g.object_itrf_m = opt.site().position_itrf_m + 20000e3 * up + 8000e3 * east;
  EXPECT_NE(Evaluate(opt, ObjectSignature{5, 0.2, 10}, g).failing, Constraint::kEarthShadow);
}

}  // namespace
}  // namespace sstrack::sensors
