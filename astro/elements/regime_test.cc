// Copyright sstrack authors.
#include "astro/elements/regime.h"

#include <cmath>

#include "astro/elements/keplerian.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr double kMu = 3.986004418e14;

// Semi-major axis of a given period (Kepler's third law).
double AOfPeriod(double period_s) { return std::cbrt(kMu * std::pow(period_s / (2 * M_PI), 2)); }

TEST(OrbitRegimeTest, KnownOrbits) {
  // ISS: 420 km circular.
  EXPECT_EQ(ClassifyOrbit(6378137.0 + 420e3, 0.0005), OrbitRegime::kLeo);
  // GPS: 12 sidereal hours, e 0.01.
  EXPECT_EQ(ClassifyOrbit(AOfPeriod(43082.0), 0.01), OrbitRegime::kMeo);
  // GEO: a = 42164 km.
  EXPECT_EQ(ClassifyOrbit(42164.17e3, 0.0002), OrbitRegime::kGeo);
  // Molniya: 12 h, e = 0.74; GTO: perigee 250 km, apogee 35786 km.
  EXPECT_EQ(ClassifyOrbit(AOfPeriod(43082.0), 0.74), OrbitRegime::kHeo);
  const double rp = 6378137.0 + 250e3, ra = 6378137.0 + 35786e3;
  EXPECT_EQ(ClassifyOrbit(0.5 * (rp + ra), (ra - rp) / (ra + rp)), OrbitRegime::kHeo);
}

TEST(OrbitRegimeTest, Boundaries) {
  // Perigee just under / over 2000 km, circular.
  EXPECT_EQ(ClassifyOrbit(6378137.0 + 1999e3, 0.0), OrbitRegime::kLeo);
  EXPECT_EQ(ClassifyOrbit(6378137.0 + 2001e3, 0.0), OrbitRegime::kMeo);
  // Period 9 % and 11 % away from a sidereal day.
  EXPECT_EQ(ClassifyOrbit(AOfPeriod(86164.0905 * 1.09), 0.0), OrbitRegime::kGeo);
  EXPECT_EQ(ClassifyOrbit(AOfPeriod(86164.0905 * 1.11), 0.0), OrbitRegime::kMeo);
  EXPECT_EQ(ClassifyOrbit(AOfPeriod(86164.0905), 0.2499), OrbitRegime::kGeo);
  EXPECT_EQ(ClassifyOrbit(AOfPeriod(86164.0905), 0.25), OrbitRegime::kHeo);
}

// The state form agrees with the element form (elements → state through
// the independent Keplerian conversion).
TEST(OrbitRegimeTest, StateAgreesWithElements) {
  const double rp = 6378137.0 + 250e3, ra = 6378137.0 + 35786e3;
  for (const auto& [a, e] : {std::pair{6778137.0, 0.001}, std::pair{26560e3, 0.01},
                             std::pair{42164e3, 0.0003}, std::pair{0.5 * (rp + ra), (ra - rp) / (ra + rp)}}) {
    KeplerianElements el;
    el.semi_major_axis_m = a;
    el.eccentricity = e;
    el.inclination_rad = 0.9;
    el.raan_rad = 1.0;
    el.arg_perigee_rad = 2.0;
    el.true_anomaly_rad = 2.5;
    auto x = KeplerianToCartesian(el, kMu);
    ASSERT_TRUE(x.ok());
    auto r = ClassifyState(x->head<3>(), x->tail<3>(), kMu);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(*r, ClassifyOrbit(a, e, kMu)) << a;
  }
  // An escape velocity is refused.
  EXPECT_FALSE(ClassifyState({7e6, 0, 0}, {0, 11e3, 0}).ok());
}

TEST(OrbitRegimeTest, Names) {
  for (OrbitRegime r : {OrbitRegime::kLeo, OrbitRegime::kMeo, OrbitRegime::kGeo, OrbitRegime::kHeo}) {
    auto p = ParseOrbitRegime(OrbitRegimeName(r));
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(*p, r);
  }
  EXPECT_FALSE(ParseOrbitRegime("SSO").ok());
}

}  // namespace
}  // namespace sstrack::astro
