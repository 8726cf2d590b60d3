// Copyright sstrack authors.
//
// The vector sin/cos/remainder of simd_math.h against <cmath> (glibc's are
// correctly rounded in practice): within two units in the last place
// (the usual figure for fdlibm-style kernels without the reduction tail).
#include "astro/propagation/sgp4/simd_math.h"

#include <cmath>
#include <iostream>
#include <iterator>
#include <limits>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace sstrack::astro::sgp4_internal {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();  // 2^-52
constexpr double kMaxUlp = 2.0;

// Unit in the last place of x.
double Ulp(double x) {
  if (x == 0.0) return std::numeric_limits<double>::denorm_min();
  return std::ldexp(1.0, std::ilogb(x) - 52);
}

// Arguments SGP4 meets: angles of a few turns to thousands of radians, tiny
// corrections, exact multiples of π/2 and their neighbours.
std::vector<double> Arguments() {
  std::vector<double> x;
  std::mt19937_64 rng(20261122);
  std::uniform_real_distribution<double> wide(-2000.0, 2000.0);
  std::uniform_real_distribution<double> turn(-7.0, 7.0);
  std::uniform_real_distribution<double> tiny(-1e-2, 1e-2);
  for (int i = 0; i < 200000; ++i) {
    x.push_back(wide(rng));
    x.push_back(turn(rng));
    x.push_back(tiny(rng));
  }
  for (int k = -2000; k <= 2000; ++k) {
    const double m = k * (M_PI / 2.0);
    x.push_back(m);
    x.push_back(std::nextafter(m, 1e9));
    x.push_back(std::nextafter(m, -1e9));
    x.push_back(m + (M_PI / 4.0));
  }
  x.push_back(0.0);
  x.push_back(-0.0);
  x.push_back(1e-300);
  while (x.size() % kLanes != 0) x.push_back(1.0);
  return x;
}

TEST(SimdMathTest, SinCosWithinTwoUlpOfLibm) {
  const std::vector<double> x = Arguments();
  double worst_sin_ulp = 0.0, worst_cos_ulp = 0.0;
  for (size_t i = 0; i < x.size(); i += kLanes) {
    Vd s, c;
    SinCos(Load(&x[i]), &s, &c);
    for (int l = 0; l < kLanes; ++l) {
      const double xs = x[i + l];
      const double es = std::sin(xs), ec = std::cos(xs);
      const double us = Ulp(es), uc = Ulp(ec);
      const double ds = std::abs(s[l] - es) / us, dc = std::abs(c[l] - ec) / uc;
      if (std::abs(es) > 1e-3) worst_sin_ulp = std::max(worst_sin_ulp, ds);
      if (std::abs(ec) > 1e-3) worst_cos_ulp = std::max(worst_cos_ulp, dc);
      // Near the zeros the reduction error (~1e-21·|x|) may exceed an ulp.
      ASSERT_LE(std::abs(s[l] - es),
                std::max(kMaxUlp * us, 1e-20 * std::abs(xs)))
          << "sin(" << xs << ")";
      ASSERT_LE(std::abs(c[l] - ec),
                std::max(kMaxUlp * uc, 1e-20 * std::abs(xs)))
          << "cos(" << xs << ")";
    }
  }
  std::cout << "worst sin " << worst_sin_ulp << " ulp, cos " << worst_cos_ulp
            << " ulp (away from the zeros)\n";
}

TEST(SimdMathTest, SinCosLargeAndNonFiniteFallBackToLibm) {
  // Each special value in a vector of ordinary ones, in every lane.
  const double special[] = {1e6, -3.5e7, 1e300,
                            std::numeric_limits<double>::quiet_NaN()};
  for (const double v : special) {
    for (int lane = 0; lane < kLanes; ++lane) {
      double x[kLanes];
      for (int l = 0; l < kLanes; ++l) x[l] = l == lane ? v : 0.5 + l;
      Vd s, c;
      SinCos(Load(x), &s, &c);
      for (int l = 0; l < kLanes; ++l) {
        if (std::isnan(x[l])) {
          EXPECT_TRUE(std::isnan(s[l]) && std::isnan(c[l]));
        } else if (l == lane) {
          EXPECT_EQ(s[l], std::sin(x[l])) << x[l];
          EXPECT_EQ(c[l], std::cos(x[l])) << x[l];
        } else {
          EXPECT_NEAR(s[l], std::sin(x[l]), kEps) << x[l];
          EXPECT_NEAR(c[l], std::cos(x[l]), kEps) << x[l];
        }
      }
    }
  }
}

TEST(SimdMathTest, ReduceAngleMatchesRemainder) {
  constexpr double kTwoPi = 2.0 * M_PI;
  std::vector<double> x = Arguments();
  for (int k = -200; k <= 200; ++k) {
    for (const double m : {k * kTwoPi, (k + 0.5) * kTwoPi}) {
      x.push_back(m);
      x.push_back(std::nextafter(m, 1e9));
      x.push_back(std::nextafter(m, -1e9));
    }
  }
  x.push_back(3e7);  // beyond the fast range: std::remainder
  x.push_back(-1e12);
  while (x.size() % kLanes != 0) x.push_back(1.0);
  double worst = 0.0;
  for (size_t i = 0; i < x.size(); i += kLanes) {
    const Vd r = ReduceAngle(Load(&x[i]));
    for (int l = 0; l < kLanes; ++l) {
      const double e = std::remainder(x[i + l], kTwoPi);
      // Equal within a rounding, or a whole turn apart where x/2π is within
      // a rounding of a half-integer.
      double d = std::abs(r[l] - e);
      d = std::min(d, std::abs(d - kTwoPi));
      ASSERT_LE(d, 4.0 * kEps) << x[i + l];
      // (x/2π is rounded: near half-turns n may go either way.)
      ASSERT_LE(std::abs(r[l]), M_PI + 8.0 * kEps * (1.0 + std::abs(x[i + l])))
          << x[i + l];
      worst = std::max(worst, d);
    }
  }
  std::cout << "worst |ReduceAngle - remainder| " << worst << "\n";
}

TEST(SimdMathTest, SqrtAndAbs) {
  const double x[] = {2.0, 0.0, 1e-300, 12345.678, 0.25, 7.0, 1e300, 3.0};
  const double y[] = {-2.0, -0.0, 3.0, -1e300, 0.0, -7.5, 1e-310, -1.0};
  static_assert(std::size(x) % kLanes == 0);
  for (size_t i = 0; i < std::size(x); i += kLanes) {
    const Vd r = Sqrt(Load(&x[i]));
    const Vd a = Abs(Load(&y[i]));
    for (int l = 0; l < kLanes; ++l) {
      EXPECT_EQ(r[l], std::sqrt(x[i + l]));
      EXPECT_EQ(a[l], std::abs(y[i + l]));
      EXPECT_FALSE(std::signbit(a[l]));
    }
  }
}

}  // namespace
}  // namespace sstrack::astro::sgp4_internal
