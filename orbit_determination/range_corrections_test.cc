// Copyright sstrack authors.
#include "orbit_determination/range_corrections.h"

#include <Eigen/Geometry>
#include <cmath>

#include "astro/frames/frames.h"
#include "astro/frames/topocentric.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::od {
namespace {

constexpr double kDeg = M_PI / 180.0;

// Hand computation for LAGEOS (5,900 km altitude) in the zenith of a station
// on the equator: r1 = 6,378,137 m, r2 = 12,278,137 m, ρ = 5,900,000 m,
// 2 GM/c² = 8.870056e-3 m, ln(24,556,274 / 12,756,274) = 0.654948:
// 5.8094 mm one way.
TEST(ShapiroTest, LageosAtZenithByHand) {
  const double r1 = 6378137.0, rho = 5.9e6;
  EXPECT_NEAR(ShapiroDelay(r1, r1 + rho, rho), 5.8094e-3, 0.0005e-3);
  // γ = 0 halves it (Newtonian light bending only).
  EXPECT_NEAR(ShapiroDelay(r1, r1 + rho, rho, kGmEarthM3S2, 0.0),
              0.5 * ShapiroDelay(r1, r1 + rho, rho), 1e-15);
}

// Second method: the delay is (1 + γ) GM/c² ∫ ds / |x(s)| along the straight
// path; Simpson's rule over 2,000 intervals.
TEST(ShapiroTest, EqualsTheIntegralOfThePotentialAlongThePath) {
  const Eigen::Vector3d station =
      *astro::GeodeticToItrf({40.6486 * kDeg, 16.7046 * kDeg, 535.9});
  const Eigen::Vector3d up = station.normalized();
  const Eigen::Vector3d east = Eigen::Vector3d::UnitZ().cross(up).normalized();
  for (double elevation_deg : {90.0, 45.0, 20.0, 5.0}) {
    const double e = elevation_deg * kDeg;
    // A LAGEOS-like point at 12,270 km from the geocentre in that direction.
    const Eigen::Vector3d dir = std::sin(e) * up + std::cos(e) * east;
    const double b = station.dot(dir), r = 12.27e6;
    const double rho = -b + std::sqrt(b * b - station.squaredNorm() + r * r);
    const Eigen::Vector3d sat = station + rho * dir;
    const int n = 2000;
    double sum = 0;
    for (int i = 0; i <= n; ++i) {
      const double w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
      sum += w / (station + (rho * i / n) * dir).norm();
    }
    const double integral = sum * rho / n / 3.0;
    const double expected =
        2.0 * kGmEarthM3S2 / (kSpeedOfLightM_S * kSpeedOfLightM_S) * integral;
    EXPECT_NEAR(ShapiroDelay(station, sat), expected, 1e-12) << elevation_deg;
    // Symmetric in its end points (up leg = down leg).
    EXPECT_DOUBLE_EQ(ShapiroDelay(station, sat), ShapiroDelay(sat, station));
    // LAGEOS: 5.8 mm at the zenith to 10.6 mm at 5° elevation.
    EXPECT_GT(ShapiroDelay(station, sat), 5.7e-3);
    EXPECT_LT(ShapiroDelay(station, sat), 10.7e-3);
  }
}

TEST(RangeChangeTest, StationDisplacementMatchesTheLineOfSight) {
  const Eigen::Vector3d station(4075578.385, 931852.890, 4801570.154);
  const Eigen::Vector3d sat = station + Eigen::Vector3d(3e6, -2e6, 5e6);
  const Eigen::Vector3d delta(0.07, 0.06, 0.05);
  const double exact = (sat - station - delta).norm() - (sat - station).norm();
  EXPECT_NEAR(StationDisplacementRangeChange(station, sat, delta), exact, 1e-9);
  // First order: −Δ·û, good to |Δ|²/ρ ≈ 2e-9 m.
  const Eigen::Vector3d u = (sat - station).normalized();
  EXPECT_NEAR(StationDisplacementRangeChange(station, sat, delta),
              -delta.dot(u), 5e-9);
}

TEST(ComCorrectionTest, LageosOffsetShortensTheComputedRange) {
  EXPECT_EQ(CentreOfMassCorrection(kLageosComOffsetM), -0.251);
  EXPECT_EQ(CentreOfMassCorrection(0.0), 0.0);
}

// A LAGEOS-2 range from Matera on 2016-02-13 (a geometry built in the test:
// the satellite 35° above the south-east horizon at 12,270 km radius).
struct Scene {
  astro::Epoch t = *astro::ParseIsoUtc("2016-02-13T20:00:00Z");
  astro::EopSample eop = astro::ZeroEop(t);
  Station station =
      *astro::MakeGroundSite("7941", {40.6486 * kDeg, 16.7046 * kDeg, 535.9});
  Eigen::Matrix3d to_itrf = astro::GcrfToItrfMatrix(t, eop);
  Eigen::Vector3d sat_gcrf;
  // Sun and Moon, roughly where they are on that date (GCRF, m).
  Eigen::Vector3d sun{1.2e11, -7.8e10, -3.4e10};
  Eigen::Vector3d moon{2.9e8, 2.2e8, 1.0e8};
  Meteo meteo{95000.0, 280.0, 60.0};
  Scene() {
    const Eigen::Vector3d dir_enu(std::cos(35 * kDeg) * std::sin(135 * kDeg),
                                  std::cos(35 * kDeg) * std::cos(135 * kDeg),
                                  std::sin(35 * kDeg));
    const Eigen::Vector3d dir = station.itrf_to_enu.transpose() * dir_enu;
    const Eigen::Vector3d& s = station.position_itrf_m;
    const double b = s.dot(dir), r = 12.27e6;
    const double rho = -b + std::sqrt(b * b - s.squaredNorm() + r * r);
    sat_gcrf = to_itrf.transpose() * (s + rho * dir);
  }
  absl::StatusOr<RangeCorrections> Compute(
      const RangeCorrectionsOptions& options) const {
    return ComputeRangeCorrections(station, sat_gcrf, t, to_itrf, eop, sun,
                                   moon, meteo, options);
  }
};

TEST(RangeCorrectionsTest, TermsAgreeWithTheirFunctionsAndAddUp) {
  const Scene s;
  RangeCorrectionsOptions options;
  options.com_offset_m = kLageosComOffsetM;
  const absl::StatusOr<RangeCorrections> c = s.Compute(options);
  ASSERT_TRUE(c.ok()) << c.status();
  // Elevation against the topocentric look angles (a separate function).
  astro::CartesianState sat_itrf;
  sat_itrf.position_m = s.to_itrf * s.sat_gcrf;
  const astro::LookAngles look = astro::ComputeLookAngles(s.station, sat_itrf);
  EXPECT_NEAR(c->elevation_rad, look.elevation_rad, 1e-12);
  EXPECT_NEAR(c->elevation_rad, 35 * kDeg, 1e-9);
  EXPECT_DOUBLE_EQ(c->troposphere_m,
                   MendesPavlisSlantDelay(95000, 280, 60, 0.532, 40.6486 * kDeg,
                                          535.9, c->elevation_rad));
  EXPECT_NEAR(c->troposphere_m, 4.0, 0.1);  // 2.30 m zenith × 1.74
  EXPECT_NEAR(c->shapiro_m, 7.5e-3, 1e-3);  // 35° elevation
  EXPECT_EQ(c->com_m, -0.251);
  // The tide term is the station's displacement along the line of sight.
  const Eigen::Vector3d u =
      (sat_itrf.position_m - s.station.position_itrf_m).normalized();
  EXPECT_NEAR(c->tide_m, -c->tide_displacement_itrf_m.dot(u), 1e-8);
  EXPECT_GT(c->tide_displacement_itrf_m.norm(), 0.01);
  EXPECT_LT(c->tide_displacement_itrf_m.norm(), 0.5);
  EXPECT_DOUBLE_EQ(c->total_m,
                   c->troposphere_m + c->tide_m + c->shapiro_m + c->com_m);
}

TEST(RangeCorrectionsTest, TideTermUsesTheItrfSunAndMoonAndUt1) {
  const Scene s;
  RangeCorrectionsOptions options;
  options.troposphere = options.shapiro = false;
  const RangeCorrections c = *s.Compute(options);
  const Eigen::Vector3d expected = SolidEarthTideDisplacement(
      s.station.position_itrf_m, {s.to_itrf * s.sun, kSunEarthMassRatio},
      {s.to_itrf * s.moon, kMoonEarthMassRatio}, s.t.TtCenturiesSinceJ2000(),
      20.0 + s.eop.ut1_minus_utc_s / 3600);
  EXPECT_LT((c.tide_displacement_itrf_m - expected).norm(), 1e-12);
  EXPECT_EQ(c.total_m, c.tide_m);
}

TEST(RangeCorrectionsTest, SwitchedOffTermsAreZero) {
  const Scene s;
  RangeCorrectionsOptions options;
  options.troposphere = options.tides = options.shapiro = false;
  const RangeCorrections c = *s.Compute(options);
  EXPECT_EQ(c.total_m, 0.0);
  EXPECT_EQ(c.tide_displacement_itrf_m, Eigen::Vector3d::Zero());
}

TEST(RangeCorrectionsTest, RejectsBadInput) {
  Scene s;
  RangeCorrectionsOptions options;
  options.wavelength_um = 532;  // nm by mistake
  EXPECT_EQ(s.Compute(options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options = {};
  options.com_offset_m = -0.251;
  EXPECT_EQ(s.Compute(options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options = {};
  s.meteo.pressure_pa = 950;  // hPa by mistake
  EXPECT_EQ(s.Compute(options).status().code(),
            absl::StatusCode::kInvalidArgument);
  s.meteo.pressure_pa = 95000;
  s.meteo.temperature_k = 7.0;  // °C by mistake
  const absl::Status bad_t = s.Compute(options).status();
  EXPECT_EQ(bad_t.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad_t.message().find("temperature_k"), std::string::npos);
  s.meteo = {95000, 280, 101};
  EXPECT_EQ(s.Compute(options).status().code(),
            absl::StatusCode::kInvalidArgument);
  s.meteo = {NAN, 280, 50};
  EXPECT_EQ(s.Compute(options).status().code(),
            absl::StatusCode::kInvalidArgument);
  // Bad meteorology does not matter when the troposphere is off.
  options.troposphere = false;
  EXPECT_TRUE(s.Compute(options).ok());
}

TEST(RangeCorrectionsTest, BelowThreeDegreesIsOutOfRange) {
  Scene s;
  const Eigen::Vector3d dir_enu(std::cos(2 * kDeg), 0, std::sin(2 * kDeg));
  const Eigen::Vector3d& r = s.station.position_itrf_m;
  s.sat_gcrf = s.to_itrf.transpose() *
               (r + 8e6 * (s.station.itrf_to_enu.transpose() * dir_enu));
  RangeCorrectionsOptions options;
  EXPECT_EQ(s.Compute(options).status().code(), absl::StatusCode::kOutOfRange);
  options.troposphere = false;
  ASSERT_TRUE(s.Compute(options).ok());
  EXPECT_NEAR(s.Compute(options)->elevation_rad, 2 * kDeg, 1e-9);
}

TEST(Ut1HourTest, HourOfTheDay) {
  const astro::Epoch t = *astro::ParseIsoUtc("2009-04-13T00:00:00Z");
  astro::EopSample eop;
  eop.tai_minus_utc_s = 34;
  EXPECT_NEAR(Ut1HourOfDay(t, eop), 0.0, 1e-12);
  eop.ut1_minus_utc_s = 0.36;
  EXPECT_NEAR(Ut1HourOfDay(t, eop), 0.36 / 3600, 1e-12);
  eop.ut1_minus_utc_s = -0.36;
  EXPECT_NEAR(Ut1HourOfDay(t, eop), 24 - 0.36 / 3600, 1e-12);
  const astro::Epoch t2 = *astro::ParseIsoUtc("1999-12-31T18:30:00Z");
  eop.ut1_minus_utc_s = 0;
  eop.tai_minus_utc_s = 32;
  EXPECT_NEAR(Ut1HourOfDay(t2, eop), 18.5, 1e-12);
}

}  // namespace
}  // namespace sstrack::od
