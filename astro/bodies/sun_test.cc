// Copyright sstrack authors.
#include "astro/bodies/sun.h"

#include <cmath>

#include "astro/time/utc.h"
#include "erfa.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

// Earth's perihelion 2016-01-02 ≈ 0.98330 AU, aphelion 2016-07-04 ≈ 1.01675 AU
// (Astronomical Almanac 2016).
TEST(SunTest, DistanceAtPerihelionAndAphelion) {
  const double peri = SunPositionGcrf(*ParseIsoUtc("2016-01-02T23:00:00Z")).norm();
  const double aph = SunPositionGcrf(*ParseIsoUtc("2016-07-04T16:00:00Z")).norm();
  EXPECT_NEAR(peri / kAstronomicalUnitM, 0.98330, 2e-5);
  EXPECT_NEAR(aph / kAstronomicalUnitM, 1.01675, 2e-5);
}

// At the March equinox (2016-03-20 04:30 UTC, Astronomical Almanac) the Sun
// stands at the true equinox of date: declination and right ascension 0 in
// true-of-date axes (to the 20" of aberration, which the geometric position
// here leaves out). In GCRF axes it is 16 years of precession away (≈ −0.2°
// in RA), which the rotation below removes.
TEST(SunTest, EquinoxDirection) {
  const Epoch t = *ParseIsoUtc("2016-03-20T04:30:00Z");
  const Eigen::Vector3d s_gcrf = SunPositionGcrf(t);
  double npb[3][3];
  const JulianDate tt = t.Tt();
  eraPnm06a(tt.jd1, tt.jd2, npb);
  Eigen::Matrix3d m;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) m(i, j) = npb[i][j];
  const Eigen::Vector3d s = m * s_gcrf;
  EXPECT_NEAR(std::asin(s.z() / s.norm()) * 180 / M_PI, 0.0, 0.01);
  EXPECT_NEAR(std::atan2(s.y(), s.x()) * 180 / M_PI, 0.0, 0.02);
  // Without the precession the check fails: GCRF is not the equinox of date.
  EXPECT_GT(std::abs(std::atan2(s_gcrf.y(), s_gcrf.x()) * 180 / M_PI), 0.15);
}

TEST(SunTest, ShadowGeometry) {
  const Eigen::Vector3d sun(kAstronomicalUnitM, 0, 0);
  EXPECT_EQ(SunlitFraction(Eigen::Vector3d(7e6, 0, 0), sun), 1.0);   // day side
  EXPECT_EQ(SunlitFraction(Eigen::Vector3d(-7e6, 0, 0), sun), 0.0);  // behind
  EXPECT_EQ(SunlitFraction(Eigen::Vector3d(-7e6, 7e6, 0), sun), 1.0);
  // Crossing the shadow edge the fraction goes monotonically 0 → 1, and at
  // the geometric edge (y = R_earth for a cylinder) it is near one half.
  double last = 0.0;
  for (double y = 6.30e6; y <= 6.46e6; y += 1e3) {
    const double f = SunlitFraction(Eigen::Vector3d(-7e6, y, 0), sun);
    EXPECT_GE(f, last - 1e-12);
    last = f;
  }
  EXPECT_EQ(last, 1.0);
  const double edge = SunlitFraction(Eigen::Vector3d(-7e6, kEarthEquatorialRadiusM, 0), sun);
  EXPECT_GT(edge, 0.3);
  EXPECT_LT(edge, 0.7);
}

}  // namespace
}  // namespace sstrack::astro
