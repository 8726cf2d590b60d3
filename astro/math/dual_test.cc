// Copyright sstrack authors.
#include "astro/math/dual.h"

#include <cmath>
#include <functional>

#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

// Each elementary operation's derivative against a central difference.
TEST(DualTest, DerivativesMatchFiniteDifferences) {
  const std::function<Dual<2>(Dual<2>, Dual<2>)> fd[] = {
      [](Dual<2> x, Dual<2> y) { return x * y + 3.0 * x - y / 2.0; },
      [](Dual<2> x, Dual<2> y) { return x / y - 1.0 / x; },
      [](Dual<2> x, Dual<2> y) { return sqrt(x * x + y * y); },
      [](Dual<2> x, Dual<2> y) { return exp(-x * y) + pow(x, 3.5); },
      [](Dual<2> x, Dual<2> y) { return sin(x) * cos(y) - (2.0 - x); },
      [](Dual<2> x, Dual<2> y) { return atan2(y, x) + asin(y / (x + 1.0)); },
      [](Dual<2> x, Dual<2> y) { return atan2(-x, -y); },
  };
  const double x0 = 1.3, y0 = 0.7, h = 1e-6;
  for (const auto& f : fd) {
    const Dual<2> r = f(Dual<2>::Variable(x0, 0), Dual<2>::Variable(y0, 1));
    const double dfx = (f(x0 + h, y0).v - f(x0 - h, y0).v) / (2 * h);
    const double dfy = (f(x0, y0 + h).v - f(x0, y0 - h).v) / (2 * h);
    EXPECT_NEAR(r.d[0], dfx, 1e-8 * std::max(1.0, std::abs(dfx)));
    EXPECT_NEAR(r.d[1], dfy, 1e-8 * std::max(1.0, std::abs(dfy)));
    EXPECT_DOUBLE_EQ(r.v, f(x0, y0).v);
  }
}

}  // namespace
}  // namespace sstrack::astro
