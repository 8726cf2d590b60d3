// Copyright sstrack authors.
//
// orbit_determination/iod_test_util.h — truth orbits for the IOD tests:
// elliptic states from Keplerian elements (astro/elements, an independent
// implementation) and hyperbolic states from the hyperbolic anomaly.
#ifndef SSTRACK_ORBIT_DETERMINATION_IOD_TEST_UTIL_H_
#define SSTRACK_ORBIT_DETERMINATION_IOD_TEST_UTIL_H_

#include <Eigen/Core>
#include <Eigen/Geometry>
#include <cmath>

#include "astro/elements/keplerian.h"
#include "gtest/gtest.h"

namespace sstrack::od::testing {

using State = Eigen::Matrix<double, 6, 1>;

inline constexpr double kMu = 3.986004418e14;  // Vallado's μ⊕, m^3/s^2
inline constexpr double kDeg = M_PI / 180;

inline State Elliptic(double a_m, double e, double i_deg, double raan_deg,
                      double argp_deg, double nu_deg) {
  astro::KeplerianElements el{
      a_m, e, i_deg * kDeg, raan_deg * kDeg, argp_deg * kDeg, nu_deg * kDeg};
  absl::StatusOr<State> s = astro::KeplerianToCartesian(el, kMu);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : State::Zero();
}

// Two-body truth `dt_s` after `s` (astro::PropagateKepler).
inline State After(const State& s, double dt_s) {
  absl::StatusOr<State> out = astro::PropagateKepler(s, kMu, dt_s);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : State::Zero();
}

inline double Period(double a_m) {
  return 2 * M_PI * std::sqrt(a_m * a_m * a_m / kMu);
}

// Hyperbolic orbit (a < 0, e > 1) at time `t_s` from periapsis, from the
// hyperbolic Kepler equation e sinh H − H = n t (solved by Newton), in the
// orbit plane rotated by `rotation`.
inline State Hyperbolic(double a_m, double e, double t_s,
                        const Eigen::Matrix3d& rotation) {
  const double n = std::sqrt(kMu / (-a_m * -a_m * -a_m));
  const double m = n * t_s;
  double h = std::asinh(m / e);
  for (int it = 0; it < 50; ++it) {
    h -= (e * std::sinh(h) - h - m) / (e * std::cosh(h) - 1);
  }
  const double h_dot = n / (e * std::cosh(h) - 1);
  const double b = -a_m * std::sqrt(e * e - 1);
  Eigen::Vector3d r(a_m * (std::cosh(h) - e), b * std::sinh(h), 0);
  Eigen::Vector3d v(a_m * std::sinh(h) * h_dot, b * std::cosh(h) * h_dot, 0);
  State s;
  s << rotation * r, rotation * v;
  return s;
}

inline Eigen::Matrix3d SomeRotation() {
  return (Eigen::AngleAxisd(0.7, Eigen::Vector3d::UnitZ()) *
          Eigen::AngleAxisd(0.4, Eigen::Vector3d::UnitX()) *
          Eigen::AngleAxisd(1.9, Eigen::Vector3d::UnitZ()))
      .toRotationMatrix();
}

}  // namespace sstrack::od::testing

#endif  // SSTRACK_ORBIT_DETERMINATION_IOD_TEST_UTIL_H_
