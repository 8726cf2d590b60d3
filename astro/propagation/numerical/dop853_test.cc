// Copyright sstrack authors.
#include "astro/propagation/numerical/dop853.h"

#include <cmath>

#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

// y'' = −y: y = cos t, y' = −sin t. Output at arbitrary (dense) times.
TEST(Dop853Test, HarmonicOscillatorAtDenseOutputTimes) {
  OdeFunction f = [](double, const double* y, double* dy) {
    dy[0] = y[1];
    dy[1] = -y[0];
  };
  std::vector<double> t_out;
  for (double t = 0.37; t < 100; t += 1.713) t_out.push_back(t);
  Dop853Options o;
  o.relative_tolerance = 1e-12;
  o.absolute_tolerance = {1e-12};
  std::vector<std::vector<double>> y;
  Dop853Summary s;
  ASSERT_TRUE(IntegrateDop853(f, 0.0, {1.0, 0.0}, t_out, o, &y, &s).ok());
  double worst = 0;
  for (size_t i = 0; i < t_out.size(); ++i) {
    worst = std::max(worst, std::abs(y[i][0] - std::cos(t_out[i])));
    worst = std::max(worst, std::abs(y[i][1] + std::sin(t_out[i])));
  }
  EXPECT_LT(worst, 2e-10);
  EXPECT_GT(s.accepted_steps, 10);
  // Dense output leaves the step sequence unchanged: asking only for the end
  // gives the same final value to rounding.
  std::vector<std::vector<double>> y_end;
  Dop853Summary s_end;
  ASSERT_TRUE(IntegrateDop853(f, 0.0, {1.0, 0.0}, {t_out.back()}, o, &y_end, &s_end).ok());
  EXPECT_NEAR(y_end[0][0], y.back()[0], 1e-13);
  EXPECT_EQ(s_end.accepted_steps, s.accepted_steps);
}

// Backwards in time, y' = t y ⇒ y = exp(t²/2) y(0): a time-dependent field.
TEST(Dop853Test, BackwardsWithTimeDependentField) {
  OdeFunction f = [](double t, const double* y, double* dy) { dy[0] = t * y[0]; };
  Dop853Options o;
  o.relative_tolerance = 1e-12;
  o.absolute_tolerance = {1e-14};
  std::vector<std::vector<double>> y;
  ASSERT_TRUE(IntegrateDop853(f, 2.0, {1.0}, {1.0, 0.0, -1.5}, o, &y).ok());
  EXPECT_NEAR(y[0][0], std::exp(0.5 - 2.0), 1e-11);
  EXPECT_NEAR(y[1][0], std::exp(-2.0), 1e-11);
  EXPECT_NEAR(y[2][0], std::exp(1.125 - 2.0), 1e-11);
}

// The error falls by about 10^8 per 10^8 in tolerance-driven step size: the
// 8th order shows as error ∝ tol (the controller's design), with the global
// error tracking the tolerance over three decades.
TEST(Dop853Test, ErrorTracksTolerance) {
  OdeFunction f = [](double, const double* y, double* dy) {
    dy[0] = y[1];
    dy[1] = -y[0];
  };
  double previous = 1;
  for (double tol : {1e-6, 1e-8, 1e-10}) {
    Dop853Options o;
    o.relative_tolerance = tol;
    o.absolute_tolerance = {tol};
    std::vector<std::vector<double>> y;
    ASSERT_TRUE(IntegrateDop853(f, 0.0, {1.0, 0.0}, {50.0}, o, &y).ok());
    const double err = std::abs(y[0][0] - std::cos(50.0));
    EXPECT_LT(err, 1e3 * tol);
    EXPECT_LT(err, previous);
    previous = err;
  }
}

TEST(Dop853Test, RejectsBadInput) {
  OdeFunction f = [](double, const double* y, double* dy) { dy[0] = y[0]; };
  std::vector<std::vector<double>> y;
  Dop853Options o;
  EXPECT_FALSE(IntegrateDop853(f, 0.0, {1.0}, {1.0, 0.5}, o, &y).ok());  // unsorted
  o.relative_tolerance = -1;
  EXPECT_FALSE(IntegrateDop853(f, 0.0, {1.0}, {1.0}, o, &y).ok());
  o = Dop853Options();
  o.max_steps = 3;
  EXPECT_EQ(IntegrateDop853(f, 0.0, {1.0}, {100.0}, o, &y).code(),
            absl::StatusCode::kResourceExhausted);
  OdeFunction nan = [](double, const double*, double* dy) { dy[0] = NAN; };
  EXPECT_FALSE(IntegrateDop853(nan, 0.0, {1.0}, {1.0}, Dop853Options(), &y).ok());
  // Output at the initial time is the initial state.
  ASSERT_TRUE(IntegrateDop853(f, 0.0, {2.0}, {0.0, 1.0}, Dop853Options(), &y).ok());
  EXPECT_EQ(y[0][0], 2.0);
  EXPECT_NEAR(y[1][0], 2 * std::exp(1.0), 1e-8);  // default atol 1e-6
}

}  // namespace
}  // namespace sstrack::astro
