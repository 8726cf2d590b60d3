// Copyright sstrack authors.
#include "tasking/value.h"

#include <cmath>

#include <Eigen/Geometry>

#include "astro/elements/keplerian.h"
#include "gtest/gtest.h"

namespace sstrack::tasking {
namespace {

constexpr double kMu = 3.986004418e14;

TEST(ValueTest, FormulaTermsAndAWorkedExample) {
  EXPECT_EQ(CategoryWeight(1), 16);
  EXPECT_EQ(CategoryWeight(5), 1);
  EXPECT_EQ(StalenessFactor(0), 1);
  EXPECT_EQ(StalenessFactor(3.5), 1.5);
  EXPECT_EQ(StalenessFactor(INFINITY), 2);
  EXPECT_EQ(RankFactor(1, 3), 1);
  EXPECT_EQ(RankFactor(3, 3), 0.25);
  EXPECT_EQ(RankFactor(4, 3), 0);
  // σ_pred = σ_post: ½ log2 2 = 0.5 bit; σ_pred = √3 σ_post: 1 bit.
  EXPECT_NEAR(InformationGainBits(100, 100), 0.5, 1e-15);
  EXPECT_NEAR(InformationGainBits(std::sqrt(3.0) * 100, 100), 1.0, 1e-15);
  // Worked example: category 2 (w = 8), last tracked 7 days ago (a = 2),
  // σ_pred = 2 km, σ_post = 20 m: 8 · 2 · ½ log2(1 + 10⁴) = 106.3 ...
  ValueInputs in{2, 7.0, 2000.0, 20.0};
  EXPECT_NEAR(TrackValue(in), 8 * 2 * 0.5 * std::log2(10001.0), 1e-12);
  EXPECT_NEAR(TrackValue(in), 106.3, 0.05);
  EXPECT_EQ(RequestedTracks(1), 4);
  EXPECT_EQ(RequestedTracks(5), 1);
}

TEST(ValueTest, PostTrackSigma) {
  // 1 arcsec at 1000 km = 4.848 m; 16 observations → 1.212 m.
  const double arcsec = M_PI / 180 / 3600;
  EXPECT_NEAR(PostTrackSigma(arcsec, 0, false, 1e6, 16), 4.8481368 / 4, 1e-6);
  // A radar with 15 m range noise beats 0.1° angles at 1000 km.
  EXPECT_NEAR(PostTrackSigma(0.1 * M_PI / 180, 15, true, 1e6, 9), 5.0, 1e-12);
}

TEST(ValueTest, SearchLead) {
  // 30 km in-track at 7.5 km/s is 4 s; 4σ ahead: 16 s into a 120 s track.
  EXPECT_DOUBLE_EQ(SearchLeadS(30e3, 7.5e3, 120.0), 16.0);
  // Never past half the track, which an object behind its prediction needs.
  EXPECT_DOUBLE_EQ(SearchLeadS(1000e3, 7.5e3, 120.0), 60.0);
  EXPECT_DOUBLE_EQ(SearchLeadS(30e3, 7.5e3, 120.0, 2.0, 0.1), 8.0);
  EXPECT_DOUBLE_EQ(SearchLeadS(30e3, 7.5e3, 120.0, 4.0, 0.1), 12.0);
  // No uncertainty, or none known: point at the start.
  EXPECT_EQ(SearchLeadS(0.0, 7.5e3, 120.0), 0.0);
  EXPECT_EQ(SearchLeadS(std::nan(""), 7.5e3, 120.0), 0.0);
}

TEST(ValueTest, AgeModel) {
  EXPECT_NEAR(InTrackSigmaByAge(0, false), 1000, 1e-9);
  EXPECT_NEAR(InTrackSigmaByAge(86400, false), std::sqrt(1e6 + 4e6), 1e-9);
  EXPECT_NEAR(InTrackSigmaByAge(-2 * 86400, true), std::sqrt(1e6 + 1e6), 1e-9);
}

// The CW matrix against two Kepler orbits: a circular reference and one
// displaced by a small relative state; their difference in the rotating
// RIC frame of the reference follows Φ δx₀ to second order.
TEST(ValueTest, ClohessyWiltshireMatchesKeplerDifferences) {
  const double a = 7000e3, n = std::sqrt(kMu / (a * a * a));
  astro::KeplerianElements ref{a, 0, 0.9, 0.3, 0, 0.2};
  auto x0 = astro::KeplerianToCartesian(ref, kMu);
  ASSERT_TRUE(x0.ok());
  auto ric = [](const Eigen::Matrix<double, 6, 1>& s) {
    Eigen::Matrix3d m;
    m.row(0) = s.head<3>().normalized();
    m.row(2) = s.head<3>().cross(s.tail<3>()).normalized();
    m.row(1) = m.row(2).cross(m.row(0));
    return m;
  };
  // Relative state in RIC (rotating): 10 m radial, 5 m in-track, 3 m
  // cross-track, 1 cm/s radial, 2 cm/s in-track, 0.5 cm/s cross.
  Eigen::Matrix<double, 6, 1> d0;
  d0 << 10, 5, 3, 0.01, 0.02, 0.005;
  const Eigen::Matrix3d m0 = ric(*x0);
  const Eigen::Vector3d omega(0, 0, n);  // RIC angular velocity (about C)
  Eigen::Matrix<double, 6, 1> x1 = *x0;
  x1.head<3>() += m0.transpose() * d0.head<3>();
  x1.tail<3>() += m0.transpose() * (d0.tail<3>() + omega.cross(d0.head<3>()));
  // Elements of the displaced orbit from its Cartesian state (two-body).
  auto propagate = [&](const Eigen::Matrix<double, 6, 1>& s, double t) {
    // Universal propagation by Lagrange coefficients through the eccentric anomaly.
    const Eigen::Vector3d r = s.head<3>(), v = s.tail<3>();
    const double rn = r.norm(), sma = 1 / (2 / rn - v.squaredNorm() / kMu);
    const double nn = std::sqrt(kMu / (sma * sma * sma));
    const double sigma = r.dot(v) / std::sqrt(kMu * sma), ecos = 1 - rn / sma;
    double de = nn * t;
    for (int i = 0; i < 50; ++i) {
      const double f = de - ecos * std::sin(de) + sigma * (1 - std::cos(de)) - nn * t;
      de -= f / (1 - ecos * std::cos(de) + sigma * std::sin(de));
    }
    const double rr = sma * (1 - ecos * std::cos(de) + sigma * std::sin(de));
    const double f = 1 - sma / rn * (1 - std::cos(de));
    const double g = t - (de - std::sin(de)) / nn;
    const double fd = -std::sqrt(kMu * sma) / (rr * rn) * std::sin(de);
    const double gd = 1 - sma / rr * (1 - std::cos(de));
    Eigen::Matrix<double, 6, 1> out;
    out << f * r + g * v, fd * r + gd * v;
    return out;
  };
  for (double t : {600.0, 2000.0, 5000.0}) {
    const Eigen::Matrix<double, 6, 1> r0 = propagate(*x0, t), r1 = propagate(x1, t);
    const Eigen::Matrix3d m = ric(r0);
    Eigen::Matrix<double, 6, 1> d;
    d.head<3>() = m * (r1.head<3>() - r0.head<3>());
    d.tail<3>() = m * (r1.tail<3>() - r0.tail<3>()) - omega.cross(d.head<3>());
    const Eigen::Matrix<double, 6, 1> cw = ClohessyWiltshireStm(n, t) * d0;
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(d(i), cw(i), 2e-3 * std::abs(cw(i)) + 5e-3) << "t " << t << " axis " << i;
    for (int i = 3; i < 6; ++i) EXPECT_NEAR(d(i), cw(i), 2e-5) << "t " << t << " axis " << i;
  }
  // Covariance: a pure in-track velocity σ of 1 cm/s grows the in-track σ as
  // |Φ_yẏ| σ, ≈ 3 σ t secularly.
  Matrix6d p = Matrix6d::Zero();
  p(4, 4) = 1e-4;
  const double t = 86400;
  EXPECT_NEAR(InTrackSigmaFromCovariance(p, n, t),
              std::abs(4 * std::sin(n * t) - 3 * n * t) / n * 0.01, 1e-9);
  EXPECT_NEAR(InTrackSigmaFromCovariance(p, n, t) / (3 * 0.01 * t), 1.0, 0.02);
}

}  // namespace
}  // namespace sstrack::tasking
