// Copyright sstrack authors.
#include "simulation/scoring.h"

#include <cmath>
#include <random>

#include <Eigen/Cholesky>

#include "gtest/gtest.h"

namespace sstrack::simulation {
namespace {

TEST(Percentiles, NearestRank) {
  std::vector<double> v;
  for (int k = 100; k >= 1; --k) v.push_back(k);
  const Percentiles p = PercentilesOf(v);
  EXPECT_EQ(p.count, 100u);
  EXPECT_DOUBLE_EQ(p.median, 50.5);
  EXPECT_DOUBLE_EQ(p.p95, 95);  // ⌈0.95·100⌉ = 95th value
  EXPECT_DOUBLE_EQ(PercentilesOf({3, 1, 2}).median, 2);
  EXPECT_DOUBLE_EQ(PercentilesOf({3, 1, 2}).p95, 3);  // ⌈2.85⌉ = 3rd
  EXPECT_EQ(PercentilesOf({}).count, 0u);
}

// A circular equatorial orbit: radial is x, in-track y, cross-track z.
TEST(ScoreEstimate, RicAxesOfACircularOrbit) {
  const astro::CartesianState truth{Eigen::Vector3d(7e6, 0, 0), Eigen::Vector3d(0, 7.5e3, 0)};
  const ErrorSample s = ScoreEstimate(truth, Eigen::Vector3d(7e6 + 3, -40, 12), nullptr);
  EXPECT_NEAR(s.ric_m.x(), 3, 1e-9);
  EXPECT_NEAR(s.ric_m.y(), -40, 1e-9);
  EXPECT_NEAR(s.ric_m.z(), 12, 1e-9);
  EXPECT_NEAR(s.error_m, std::sqrt(9.0 + 1600 + 144), 1e-9);
  EXPECT_FALSE(s.mahalanobis2.has_value());
  EXPECT_FALSE(s.custody);
  // d² = Σ (δᵢ/σᵢ)² for a diagonal covariance.
  const Eigen::Matrix3d p = Eigen::Vector3d(1, 400, 16).asDiagonal();
  const ErrorSample m = ScoreEstimate(truth, Eigen::Vector3d(7e6 + 3, -40, 12), &p);
  ASSERT_TRUE(m.mahalanobis2.has_value());
  EXPECT_NEAR(*m.mahalanobis2, 9 + 4 + 9, 1e-9);
  EXPECT_FALSE(m.inside_99);  // 22 > 11.345
  const Eigen::Matrix3d not_pd = Eigen::Vector3d(1, -1, 1).asDiagonal();
  EXPECT_FALSE(ScoreEstimate(truth, truth.position_m, &not_pd).mahalanobis2.has_value());
}

// Errors drawn from the covariance itself land inside its 99 % ellipsoid
// 99 % of the time with a mean d² of 3 (the χ²₃ law), whatever the
// covariance's orientation; custody then fails only beyond 10 km.
TEST(Scoreboard, HonestCovarianceGivesTheChiSquareLaw) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> n01;
  Eigen::Matrix3d a;
  a << 300, 20, -5, 20, 2000, 40, -5, 40, 150;  // m, a correlated square root
  const Eigen::Matrix3d p = a * a.transpose();
  const astro::CartesianState truth{Eigen::Vector3d(0, 4.2e7, 0), Eigen::Vector3d(-3.07e3, 0, 0)};
  Scoreboard board;
  const int n = 20000;
  for (int k = 0; k < n; ++k) {
    const Eigen::Vector3d d = a * Eigen::Vector3d(n01(rng), n01(rng), n01(rng));
    board.Add(ScoreEstimate(truth, truth.position_m + d, &p),
              k % 2 ? astro::OrbitRegime::kGeo : astro::OrbitRegime::kLeo, k % 4 ? "od_state" : "elements");
  }
  const ErrorSummary s = board.Summary();
  EXPECT_EQ(s.count, static_cast<size_t>(n));
  EXPECT_EQ(s.with_covariance, static_cast<size_t>(n));
  // Binomial σ of the share: √(0.99·0.01/n) = 0.07 %.
  EXPECT_NEAR(static_cast<double>(s.inside_99) / n, 0.99, 0.003);
  EXPECT_NEAR(s.mean_mahalanobis2, 3.0, 0.1);  // σ of the mean √(6/n) = 0.017
  EXPECT_LE(s.custody, s.inside_99);
  EXPECT_GT(s.custody, s.inside_99 * 0.99);
  EXPECT_EQ(board.Summary("GEO").count, static_cast<size_t>(n / 2));
  EXPECT_EQ(board.Summary("elements").count, static_cast<size_t>(n / 4));
  EXPECT_EQ(board.Summary("HEO").count, 0u);
}

}  // namespace
}  // namespace sstrack::simulation
