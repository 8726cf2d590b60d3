// Copyright sstrack authors.
#include "sensors/sensor.h"

#include <cmath>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sensors/photometry.h"

namespace sstrack::sensors {
namespace {

constexpr double kDeg = M_PI / 180.0;

SensorSpec Telescope() {
  SensorSpec s;
  s.name = "T";
  s.type = SensorType::kOptical;
  s.geodetic = {34.672 * kDeg, 133.544 * kDeg, 400};
  s.min_elevation_rad = 10 * kDeg;
  s.azimuth_axis = {5 * kDeg, 2 * kDeg};
  s.elevation_axis = {3 * kDeg, 1 * kDeg};
  s.settle_time_s = 4;
  s.noise.angle_rad = 1.0 / 3600 * kDeg;
  return s;
}

TEST(SensorTest, RejectsOutOfRangeValuesNamingTheField) {
  SensorSpec s = Telescope();
  s.azimuth_axis.max_rate_rad_s = -0.1;
  absl::StatusOr<Sensor> r = Sensor::Create(s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), testing::HasSubstr("sensor T: azimuth_axis.max_rate_rad_s"));

  s = Telescope();
  s.min_elevation_rad = 95 * kDeg;
  r = Sensor::Create(s);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), testing::HasSubstr("min_elevation_rad"));

  s = Telescope();
  s.mask = {{0, 10 * kDeg}, {M_PI, 91 * kDeg}};
  EXPECT_THAT(Sensor::Create(s).status().message(), testing::HasSubstr("mask.min_elevation_rad"));

  s = Telescope();
  s.max_range_m = -1;
  EXPECT_THAT(Sensor::Create(s).status().message(), testing::HasSubstr("max_range_m"));
  s = Telescope();
  s.track_duration_s = 0;
  EXPECT_THAT(Sensor::Create(s).status().message(), testing::HasSubstr("track_duration_s"));
  s = Telescope();
  s.noise.angle_rad = 0;
  EXPECT_THAT(Sensor::Create(s).status().message(), testing::HasSubstr("noise"));
  EXPECT_TRUE(Sensor::Create(Telescope()).ok());
}

TEST(SensorTest, CorrectionsMustMatchTheSensorsBand) {
  SensorSpec s = Telescope();
  s.corrections = {ReportedAtmosphere::kOptical, true, true};
  EXPECT_TRUE(Sensor::Create(s).ok());
  s.corrections.atmosphere = ReportedAtmosphere::kRadio;
  absl::StatusOr<Sensor> r = Sensor::Create(s);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), testing::HasSubstr("corrections.atmosphere"));

  s.type = SensorType::kTrackingRadar;
  s.corrections = {ReportedAtmosphere::kRadio, false, false};
  EXPECT_TRUE(Sensor::Create(s).ok()) << Sensor::Create(s).status();
  s.corrections.radec_diurnal_aberration = true;
  r = Sensor::Create(s);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), testing::HasSubstr("only optical sensors report RA/Dec"));
  s.corrections = {ReportedAtmosphere::kOptical, false, false};
  r = Sensor::Create(s);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), testing::HasSubstr("not optical"));
}

TEST(SensorTest, MaskInterpolatesLinearlyAndWraps) {
  SensorSpec s = Telescope();
  s.min_elevation_rad = 5 * kDeg;
  s.mask = {{90 * kDeg, 20 * kDeg}, {270 * kDeg, 10 * kDeg}, {0, 30 * kDeg}};
  absl::StatusOr<Sensor> r = Sensor::Create(s);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_NEAR(r->MaskElevation(0), 30 * kDeg, 1e-12);
  EXPECT_NEAR(r->MaskElevation(45 * kDeg), 25 * kDeg, 1e-12);
  EXPECT_NEAR(r->MaskElevation(180 * kDeg), 15 * kDeg, 1e-12);
  // 270° → 360° wraps back to the 0° point: halfway is 20°.
  EXPECT_NEAR(r->MaskElevation(315 * kDeg), 20 * kDeg, 1e-12);
  EXPECT_NEAR(r->MaskElevation(-45 * kDeg), 20 * kDeg, 1e-12);
  EXPECT_NEAR(r->lowest_elevation_rad(), 10 * kDeg, 1e-12);
  // The floor applies where the mask is lower.
  s.min_elevation_rad = 18 * kDeg;
  r = Sensor::Create(s);
  EXPECT_NEAR(r->MaskElevation(180 * kDeg), 18 * kDeg, 1e-12);
}

TEST(SensorTest, SlewTimeFollowsTheTrapezoidalProfile) {
  const AxisLimits axis{2.0 * kDeg, 1.0 * kDeg};  // v²/a = 4°
  // Short move: accelerate half way, decelerate: t = 2√(Δ/a).
  EXPECT_NEAR(AxisMoveTime(1 * kDeg, axis), 2.0, 1e-12);
  // At the limit both forms agree: 2√4 = 4 = 4/2 + 2.
  EXPECT_NEAR(AxisMoveTime(4 * kDeg, axis), 4.0, 1e-12);
  // Long move: Δ/v + v/a = 90/2 + 2.
  EXPECT_NEAR(AxisMoveTime(90 * kDeg, axis), 47.0, 1e-12);
  // Integrate the profile numerically as a second method.
  const double v = axis.max_rate_rad_s, a = axis.max_acceleration_rad_s2;
  const double t = AxisMoveTime(30 * kDeg, axis);
  double pos = 0, vel = 0;
  const double dt = 1e-4;
  for (double s = 0; s < t; s += dt) {
    const double remaining = 30 * kDeg - pos;
    const double acc = vel * vel / (2 * a) >= remaining ? -a : (vel < v ? a : 0.0);
    vel = std::clamp(vel + acc * dt, 0.0, v);
    pos += vel * dt;
  }
  EXPECT_NEAR(pos, 30 * kDeg, 1e-3 * kDeg);

  absl::StatusOr<Sensor> sensor = Sensor::Create(Telescope());
  ASSERT_TRUE(sensor.ok());
  // Azimuth 350° → 10° goes the short way (20°); elevation 10° → 40°.
  const double az_t = AxisMoveTime(20 * kDeg, sensor->spec().azimuth_axis);
  const double el_t = AxisMoveTime(30 * kDeg, sensor->spec().elevation_axis);
  EXPECT_NEAR(sensor->SlewTime({350 * kDeg, 10 * kDeg}, {10 * kDeg, 40 * kDeg}),
              std::max(az_t, el_t) + 4.0, 1e-12);
  EXPECT_NEAR(sensor->SlewTime({1, 1}, {1, 1}), 4.0, 1e-12);
}

TEST(SensorTest, PhasedArrayFieldOfRegard) {
  SensorSpec s = Telescope();
  s.type = SensorType::kPhasedArrayRadar;
  s.field_of_regard = {180 * kDeg, 60 * kDeg, 3 * kDeg, 80 * kDeg};
  s.azimuth_axis.max_rate_rad_s = 0;  // electronic steering: not used
  absl::StatusOr<Sensor> r = Sensor::Create(s);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->FieldOfRegardMargin({200 * kDeg, 30 * kDeg}), 0);
  EXPECT_NEAR(r->FieldOfRegardMargin({250 * kDeg, 30 * kDeg}), -10 * kDeg, 1e-12);
  EXPECT_NEAR(r->FieldOfRegardMargin({180 * kDeg, 85 * kDeg}), -5 * kDeg, 1e-12);
  EXPECT_NEAR(r->MaskElevation(0), 10 * kDeg, 1e-12);
  EXPECT_EQ(r->SlewTime({0, 0.1}, {3, 1.0}), 4.0);
}

TEST(PhotometryTest, DiffuseSphereMagnitudeClosedForms) {
  EXPECT_NEAR(DiffuseSpherePhase(0), 1.0, 1e-15);
  EXPECT_NEAR(DiffuseSpherePhase(M_PI / 2), 1.0 / M_PI, 1e-15);
  EXPECT_NEAR(DiffuseSpherePhase(M_PI), 0.0, 1e-15);
  // R = 1 m, p = 0.1, d = 1000 km, full phase:
  // m = −26.74 − 2.5 log10(2/3 · 0.1 · 1e-12) = 6.2004...
  EXPECT_NEAR(DiffuseSphereMagnitude(1, 0.1, 1e6, 0), -26.74 + 2.5 * (12 + std::log10(15.0)),
              1e-12);
  EXPECT_NEAR(DiffuseSphereMagnitude(1, 0.1, 1e6, 0), 6.200, 1e-3);
  // Twice the range: 4× fainter, +5 log10(2) = +1.505 mag.
  EXPECT_NEAR(DiffuseSphereMagnitude(1, 0.1, 2e6, 0) - DiffuseSphereMagnitude(1, 0.1, 1e6, 0),
              5 * std::log10(2.0), 1e-12);
  // Quadrature: 2.5 log10(π) = 1.243 mag fainter than full phase.
  EXPECT_NEAR(DiffuseSphereMagnitude(1, 0.1, 1e6, M_PI / 2) - DiffuseSphereMagnitude(1, 0.1, 1e6, 0),
              1.2429, 1e-4);
  EXPECT_TRUE(std::isinf(DiffuseSphereMagnitude(1, 0.1, 1e6, M_PI)));
}

TEST(PhotometryTest, RadarEquationScalesAsRcsOverRangeToTheFourth) {
  EXPECT_NEAR(RadarSnrDb(20, 1e6, 1, 1e6), 20, 1e-12);
  EXPECT_NEAR(RadarSnrDb(20, 1e6, 1, 2e6), 20 - 40 * std::log10(2.0), 1e-12);  // −12.04 dB
  EXPECT_NEAR(RadarSnrDb(20, 1e6, 10, 1e6), 30, 1e-12);
  // Linear check: SNR ∝ σ/R⁴.
  const double lin = std::pow(10, RadarSnrDb(20, 1e6, 0.5, 3e6) / 10);
  EXPECT_NEAR(lin, 100 * 0.5 / 81, 1e-12);
}

}  // namespace
}  // namespace sstrack::sensors
