// Copyright sstrack authors.
#include "orbit_determination/aberration.h"

#include <cmath>
#include <random>

#include <Eigen/Geometry>

#include "astro/time/utc.h"
#include "erfa.h"
#include "gtest/gtest.h"

namespace sstrack::od {
namespace {

constexpr double kArcsec = M_PI / 180 / 3600;

double Angle(const std::array<double, 3>& a, const Eigen::Vector3d& b) {
  const Eigen::Vector3d v(a[0], a[1], a[2]);
  return std::atan2(v.cross(b).norm(), v.dot(b));
}

// ERFA's eraAb (an independent implementation of the same relativistic
// formula): same direction, same velocity → the same aberrated direction.
// Its solar-gravity term is switched off by a Sun distance of 1e12 AU.
TEST(AberrationTest, AgreesWithErfaAb) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> g;
  const astro::Epoch t = *astro::ParseIsoUtc("2021-03-20T00:00:00Z");
  const Eigen::Vector3d ve = EarthBarycentricVelocityMS(t);
  for (int i = 0; i < 200; ++i) {
    const Eigen::Vector3d u = Eigen::Vector3d(g(rng), g(rng), g(rng)).normalized();
    const Eigen::Vector3d vel = -ve + 465.0 * Eigen::Vector3d(g(rng), g(rng), 0).normalized();
    const std::array<double, 3> got = Aberrate<double>({u.x(), u.y(), u.z()}, vel);
    double pnat[3] = {u.x(), u.y(), u.z()}, v[3], ppr[3];
    for (int k = 0; k < 3; ++k) v[k] = vel[k] / 299792458.0;
    eraAb(pnat, v, 1e12, std::sqrt(1 - (v[0] * v[0] + v[1] * v[1] + v[2] * v[2])), ppr);
    EXPECT_LT(Angle(got, Eigen::Vector3d(ppr[0], ppr[1], ppr[2])), 1e-6 * kArcsec) << i;
  }
}

// Size: the Earth's orbital speed is 2π a/(T √(1 − e²)) (1 ± e), so the
// annual aberration of a direction perpendicular to it spans κ (1 ± e),
// κ = 20.49552″ the constant of aberration, e = 0.0167 (20.15″–20.84″;
// the "20.5″" usually quoted is κ); the diurnal term is ω R_E cos φ / c =
// 0.320″ at the equator. Together at most κ (1 + e) + 0.32″ ≈ 21.2″ (an
// often-quoted "20.5″ + 0.3″" is κ + diurnal, without the eccentricity).
TEST(AberrationTest, MagnitudeIsTheConstantOfAberration) {
  constexpr double kappa = 20.49552, e = 0.0167;
  double lo = 1e9, hi = 0;
  for (int day = 0; day < 366; day += 2) {
    const astro::Epoch t = *astro::ParseIsoUtc("2022-01-01T00:00:00Z") + day * 86400.0;
    const Eigen::Vector3d ve = EarthBarycentricVelocityMS(t);
    const Eigen::Vector3d u = ve.unitOrthogonal();
    const double a = Angle(Aberrate<double>({u.x(), u.y(), u.z()}, ve), u) / kArcsec;
    lo = std::min(lo, a);
    hi = std::max(hi, a);
    // Annual and diurnal aligned: the largest total.
    const double both =
        Angle(Aberrate<double>({u.x(), u.y(), u.z()}, ve * (1 + 465.1 / ve.norm())), u) / kArcsec;
    // + 0.03″: the Earth's motion about the Earth–Moon barycentre and the
    // Sun's about the solar-system barycentre (≈ 13 m/s each).
    EXPECT_LE(both, kappa * (1 + e) + 0.32 + 0.03);
  }
  EXPECT_NEAR(hi, kappa * (1 + e), 0.03);
  EXPECT_NEAR(lo, kappa * (1 - e), 0.03);
  const Eigen::Vector3d z(0, 0, 1), x(1, 0, 0);
  EXPECT_NEAR(Angle(Aberrate<double>({0, 0, 1}, 465.1 * x), z) / kArcsec, 0.320, 0.001);
}

}  // namespace
}  // namespace sstrack::od
