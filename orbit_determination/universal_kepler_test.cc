// Copyright sstrack authors.
#include "orbit_determination/universal_kepler.h"

#include <cmath>

#include "gtest/gtest.h"
#include "orbit_determination/iod_test_util.h"

namespace sstrack::od::internal {
namespace {

using ::sstrack::od::testing::After;
using ::sstrack::od::testing::Elliptic;
using ::sstrack::od::testing::Hyperbolic;
using ::sstrack::od::testing::kMu;
using ::sstrack::od::testing::Period;
using ::sstrack::od::testing::SomeRotation;
using ::sstrack::od::testing::State;

// The series branch (|ψ| < 1) and the closed forms agree where they meet,
// and both match long-double closed forms away from the cancellation zone.
TEST(StumpffTest, SeriesMatchesClosedForm) {
  for (double psi : {-1.0000001, -0.9999999, 0.9999999, 1.0000001, 0.5, -0.5,
                     1e-3, -1e-3, 30.0, -30.0}) {
    const Stumpff s = StumpffFunctions(psi);
    long double x = std::sqrt(std::abs(static_cast<long double>(psi)));
    long double c2, c3;
    if (psi > 0) {
      c2 = (1 - std::cos(x)) / (x * x);
      c3 = (x - std::sin(x)) / (x * x * x);
    } else {
      c2 = (std::cosh(x) - 1) / (x * x);
      c3 = (std::sinh(x) - x) / (x * x * x);
    }
    const double tol = std::abs(psi) < 0.01 ? 1e-10 : 1e-15;  // long double
    EXPECT_NEAR(s.c2, static_cast<double>(c2), tol) << psi;
    EXPECT_NEAR(s.c3, static_cast<double>(c3), tol) << psi;
  }
  EXPECT_DOUBLE_EQ(StumpffFunctions(0).c2, 0.5);
  EXPECT_DOUBLE_EQ(StumpffFunctions(0).c3, 1.0 / 6);
}

// Against astro::PropagateKepler (Kepler's equation in eccentric anomaly).
TEST(UniversalKeplerTest, MatchesEllipticKepler) {
  const State cases[] = {
      Elliptic(7000e3, 0.001, 98, 10, 20, 30),
      Elliptic(26600e3, 0.74, 63.4, 300, 270, 10),
      Elliptic(42164e3, 0.0, 0.05, 75, 0, 200),
      Elliptic(8000e3, 0.95, 30, 0, 45, 179),
  };
  for (const State& s0 : cases) {
    const double a =
        1 / (2 / s0.head<3>().norm() - s0.tail<3>().squaredNorm() / kMu);
    for (double frac : {-2.3, -0.4, -1e-4, 1e-6, 0.01, 0.3, 0.77, 1.0, 5.61}) {
      const double dt = frac * Period(a);
      absl::StatusOr<State> s =
          PropagateUniversal(s0.head<3>(), s0.tail<3>(), dt, kMu);
      ASSERT_TRUE(s.ok()) << s.status();
      const State truth = After(s0, dt);
      EXPECT_LT((s->head<3>() - truth.head<3>()).norm(), 1e-4)
          << a << " " << frac;
      EXPECT_LT((s->tail<3>() - truth.tail<3>()).norm(), 1e-7)
          << a << " " << frac;
    }
  }
}

// Against the hyperbolic Kepler equation e sinh H − H = n t.
TEST(UniversalKeplerTest, MatchesHyperbolicKepler) {
  const Eigen::Matrix3d rot = SomeRotation();
  for (const auto& [a, e] :
       {std::pair{-20000e3, 1.3}, {-7000e3, 2.5}, {-1e9, 1.001}}) {
    const State s0 = Hyperbolic(a, e, -1800, rot);
    for (double dt : {10.0, 900.0, 3600.0, 86400.0}) {
      absl::StatusOr<State> s =
          PropagateUniversal(s0.head<3>(), s0.tail<3>(), dt, kMu);
      ASSERT_TRUE(s.ok()) << s.status();
      const State truth = Hyperbolic(a, e, -1800 + dt, rot);
      const double scale = truth.head<3>().norm();
      EXPECT_LT((s->head<3>() - truth.head<3>()).norm(), 1e-12 * scale + 1e-5)
          << a << " " << dt;
      EXPECT_LT((s->tail<3>() - truth.tail<3>()).norm(), 1e-8)
          << a << " " << dt;
    }
  }
}

// f ġ − ḟ g = 1 (conservation of angular momentum) for every conic.
TEST(UniversalKeplerTest, LagrangeIdentity) {
  const State s0 = Hyperbolic(-30000e3, 1.8, 500, SomeRotation());
  const State s1 = Elliptic(9000e3, 0.3, 20, 40, 60, 80);
  for (const State* s : {&s0, &s1}) {
    for (double dt : {-5000.0, -10.0, 77.0, 4000.0}) {
      absl::StatusOr<LagrangeCoefficients> lc =
          UniversalKepler(s->head<3>(), s->tail<3>(), dt, kMu);
      ASSERT_TRUE(lc.ok());
      EXPECT_NEAR(lc->f * lc->g_dot - lc->f_dot * lc->g, 1.0, 1e-11) << dt;
    }
  }
}

TEST(UniversalKeplerTest, RejectsDegenerateInput) {
  EXPECT_EQ(UniversalKepler(Eigen::Vector3d::Zero(), Eigen::Vector3d(1, 0, 0),
                            10, kMu)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(UniversalKepler(Eigen::Vector3d(7e6, 0, 0),
                            Eigen::Vector3d(NAN, 0, 0), 10, kMu)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sstrack::od::internal
