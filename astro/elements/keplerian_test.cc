// Copyright sstrack authors.
#include "astro/elements/keplerian.h"

#include <cmath>

#include <Eigen/Geometry>

#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr double kMuVallado = 3.986004418e14;  // Vallado's μ⊕ (m^3/s^2)
constexpr double kDeg = M_PI / 180;

// Vallado, Fundamentals of Astrodynamics (4th ed.), Example 2-5 (RV2COE).
TEST(KeplerianTest, ValladoExample2_5) {
  Eigen::Matrix<double, 6, 1> s;
  s << 6524.834e3, 6862.875e3, 6448.296e3, 4.901327e3, 5.533756e3, -1.976341e3;
  auto el = CartesianToKeplerian(s, kMuVallado);
  ASSERT_TRUE(el.ok()) << el.status();
  const double p = el->semi_major_axis_m * (1 - el->eccentricity * el->eccentricity);
  EXPECT_NEAR(p, 11067.790e3, 50.0);  // book: 11067.790 km
  EXPECT_NEAR(el->semi_major_axis_m, 36127.343e3, 1e3);
  EXPECT_NEAR(el->eccentricity, 0.832853, 1e-6);
  EXPECT_NEAR(el->inclination_rad / kDeg, 87.870, 1e-3);
  EXPECT_NEAR(el->raan_rad / kDeg, 227.89, 1e-2);
  EXPECT_NEAR(el->arg_perigee_rad / kDeg, 53.38, 1e-2);
  EXPECT_NEAR(el->true_anomaly_rad / kDeg, 92.335, 1e-3);
}

// Vallado Example 2-6 (COE2RV).
TEST(KeplerianTest, ValladoExample2_6) {
  KeplerianElements el;
  const double p = 11067.790e3, e = 0.83285;
  el.semi_major_axis_m = p / (1 - e * e);
  el.eccentricity = e;
  el.inclination_rad = 87.87 * kDeg;
  el.raan_rad = 227.89 * kDeg;
  el.arg_perigee_rad = 53.38 * kDeg;
  el.true_anomaly_rad = 92.335 * kDeg;
  auto s = KeplerianToCartesian(el, kMuVallado);
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR((*s)[0], 6525.368e3, 1e3);
  EXPECT_NEAR((*s)[1], 6861.532e3, 1e3);
  EXPECT_NEAR((*s)[2], 6449.119e3, 1e3);
  EXPECT_NEAR((*s)[3], 4.902279e3, 1.0);
  EXPECT_NEAR((*s)[4], 5.533140e3, 1.0);
  EXPECT_NEAR((*s)[5], -1.975710e3, 1.0);
}

TEST(KeplerianTest, RoundTripIncludingCircularAndEquatorial) {
  const double cases[][6] = {
      {7000e3, 0.001, 98 * kDeg, 10 * kDeg, 20 * kDeg, 30 * kDeg},
      {42164e3, 0.0, 0.05 * kDeg, 75 * kDeg, 0, 200 * kDeg},
      {26600e3, 0.74, 63.4 * kDeg, 300 * kDeg, 270 * kDeg, 359 * kDeg},
      {8000e3, 0.1, 0.0, 0, 45 * kDeg, 100 * kDeg},
      {8000e3, 0.1, M_PI, 0, 45 * kDeg, 100 * kDeg},
  };
  for (const auto& c : cases) {
    KeplerianElements el{c[0], c[1], c[2], c[3], c[4], c[5]};
    auto s = KeplerianToCartesian(el, kMuVallado);
    ASSERT_TRUE(s.ok());
    auto back = CartesianToKeplerian(*s, kMuVallado);
    ASSERT_TRUE(back.ok());
    auto s2 = KeplerianToCartesian(*back, kMuVallado);
    EXPECT_LT((s2->head<3>() - s->head<3>()).norm(), 1e-6);
    EXPECT_LT((s2->tail<3>() - s->tail<3>()).norm(), 1e-9);
    EXPECT_NEAR(back->semi_major_axis_m, el.semi_major_axis_m, 1e-5);
  }
}

TEST(KeplerianTest, KeplerEquationResidualForAllEccentricities) {
  for (double e : {0.0, 0.1, 0.5, 0.9, 0.99, 0.999}) {
    for (double m = -10; m < 10; m += 0.137) {
      const double ecc = SolveKepler(m, e);
      EXPECT_NEAR(ecc - e * std::sin(ecc), m, 1e-13 * std::max(1.0, std::abs(m)));
    }
  }
}

// After one period the state returns; after half of it a circular orbit is
// on the opposite side; energy and angular momentum are conserved.
TEST(KeplerianTest, PropagateKepler) {
  Eigen::Matrix<double, 6, 1> s;
  s << 6524.834e3, 6862.875e3, 6448.296e3, 4.901327e3, 5.533756e3, -1.976341e3;
  const double a = CartesianToKeplerian(s, kMuVallado)->semi_major_axis_m;
  const double period = 2 * M_PI * std::sqrt(a * a * a / kMuVallado);
  auto s1 = PropagateKepler(s, kMuVallado, 3 * period);
  EXPECT_LT((s1->head<3>() - s.head<3>()).norm(), 1e-5);
  auto s2 = PropagateKepler(s, kMuVallado, 0.3 * period);
  auto energy = [](const Eigen::Matrix<double, 6, 1>& x) {
    return x.tail<3>().squaredNorm() / 2 - kMuVallado / x.head<3>().norm();
  };
  EXPECT_NEAR(energy(*s2), energy(s), 1e-9 * std::abs(energy(s)));
  EXPECT_LT((s2->head<3>().cross(s2->tail<3>()) - s.head<3>().cross(s.tail<3>())).norm(),
            1e-9 * s.head<3>().cross(s.tail<3>()).norm());
  Eigen::Matrix<double, 6, 1> hyperbolic;
  hyperbolic << 7000e3, 0, 0, 0, 12e3, 0;
  EXPECT_FALSE(PropagateKepler(hyperbolic, kMuVallado, 10).ok());
}

}  // namespace
}  // namespace sstrack::astro
