// Copyright sstrack authors.
//
// Lambert against Vallado's worked example and exact two-body arcs
// (astro::PropagateKepler; the hyperbolic Kepler equation).
#include <Eigen/Geometry>
#include <cmath>

#include "gtest/gtest.h"
#include "orbit_determination/iod.h"
#include "orbit_determination/iod_test_util.h"

namespace sstrack::od {
namespace {

using ::sstrack::od::testing::After;
using ::sstrack::od::testing::Elliptic;
using ::sstrack::od::testing::Hyperbolic;
using ::sstrack::od::testing::kDeg;
using ::sstrack::od::testing::kMu;
using ::sstrack::od::testing::Period;
using ::sstrack::od::testing::SomeRotation;
using ::sstrack::od::testing::State;

// Vallado (4th ed.) Example 7-5 (universal variables): r0 = 15945.34 I km,
// r = 12214.83899 I + 10249.46731 J km, 76 min, short way:
// v0 = 2.058913 I + 2.915965 J km/s, v = −3.451565 I + 0.910315 J km/s.
TEST(LambertTest, ValladoExample7_5) {
  const Eigen::Vector3d r1(15945.34e3, 0, 0);
  const Eigen::Vector3d r2(12214.83899e3, 10249.46731e3, 0);
  absl::StatusOr<LambertSolution> s = SolveLambert(r1, r2, 76 * 60.0);
  ASSERT_TRUE(s.ok()) << s.status();
  // Printed to 1e-6 km/s.
  EXPECT_NEAR(s->velocity1_m_s.x(), 2058.913, 1.5e-3);
  EXPECT_NEAR(s->velocity1_m_s.y(), 2915.965, 1.5e-3);
  EXPECT_NEAR(s->velocity2_m_s.x(), -3451.565, 1.5e-3);
  EXPECT_NEAR(s->velocity2_m_s.y(), 910.315, 1.5e-3);
  EXPECT_EQ(s->velocity1_m_s.z(), 0);
  EXPECT_NEAR(s->transfer_angle_rad / kDeg, 40.0, 1e-4);
  EXPECT_LT(s->iterations, 60);
}

// Arcs of an orbit from a few seconds to almost a period, both ways round:
// the recovered velocities match the truth to better than 1e-6 m/s.
TEST(LambertTest, RecoversTwoBodyArcs) {
  const State orbits[] = {
      Elliptic(6878e3, 0.001, 51.6, 30, 40, 50),
      Elliptic(7000e3, 0.1, 98.0, 200, 10, 300),
      Elliptic(26600e3, 0.7, 63.4, 120, 270, 20),
      Elliptic(42164e3, 0.0002, 0.1, 0, 0, 100),
  };
  for (const State& s0 : orbits) {
    const double a =
        1 / (2 / s0.head<3>().norm() - s0.tail<3>().squaredNorm() / kMu);
    for (double frac : {0.001, 0.05, 0.2, 0.45, 0.55, 0.8, 0.97}) {
      const double tof = frac * Period(a);
      const State s1 = After(s0, tof);
      const Eigen::Vector3d h = s0.head<3>().cross(s0.tail<3>());
      const bool short_way = h.dot(s0.head<3>().cross(s1.head<3>())) > 0;
      LambertOptions o;
      o.path = short_way ? LambertPath::kShortWay : LambertPath::kLongWay;
      absl::StatusOr<LambertSolution> s =
          SolveLambert(s0.head<3>(), s1.head<3>(), tof, o);
      ASSERT_TRUE(s.ok()) << s.status();
      EXPECT_LT((s->velocity1_m_s - s0.tail<3>()).norm(), 1e-6)
          << a << " " << frac;
      EXPECT_LT((s->velocity2_m_s - s1.tail<3>()).norm(), 1e-6)
          << a << " " << frac;
      EXPECT_EQ(s->transfer_angle_rad > M_PI, !short_way);
    }
  }
}

// The other way round is a different, equally valid transfer: propagating
// its departure velocity arrives at r2 after the time of flight.
TEST(LambertTest, WrongWayIsAnotherValidTransfer) {
  const State s0 = Elliptic(7000e3, 0.05, 28.5, 10, 20, 30);
  const double tof = 0.3 * Period(7000e3);
  const State s1 = After(s0, tof);
  LambertOptions o;
  o.path = LambertPath::kLongWay;
  absl::StatusOr<LambertSolution> s =
      SolveLambert(s0.head<3>(), s1.head<3>(), tof, o);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_GT((s->velocity1_m_s - s0.tail<3>()).norm(), 1000);  // not the truth
  State start;
  start << s0.head<3>(), s->velocity1_m_s;
  absl::StatusOr<State> arrival = astro::PropagateKepler(start, kMu, tof);
  ASSERT_TRUE(arrival.ok()) << arrival.status();
  EXPECT_LT((arrival->head<3>() - s1.head<3>()).norm(), 1e-3);
  EXPECT_LT((arrival->tail<3>() - s->velocity2_m_s).norm(), 1e-6);
  // Retrograde: the angular momentum points the other way.
  EXPECT_LT(start.head<3>()
                .cross(start.tail<3>())
                .dot(s0.head<3>().cross(s0.tail<3>())),
            0);
}

// Hyperbolic transfers (ψ < 0), truth from e sinh H − H = n t.
TEST(LambertTest, RecoversHyperbolicArcs) {
  const Eigen::Matrix3d rot = SomeRotation();
  for (const auto& [a, e] : {std::pair{-20000e3, 1.3}, {-7000e3, 2.5}}) {
    for (const auto& [t0, t1] :
         {std::pair{-3000.0, 600.0}, {-200.0, 100.0}, {100.0, 20000.0}}) {
      const State s0 = Hyperbolic(a, e, t0, rot);
      const State s1 = Hyperbolic(a, e, t1, rot);
      absl::StatusOr<LambertSolution> s =
          SolveLambert(s0.head<3>(), s1.head<3>(), t1 - t0);
      ASSERT_TRUE(s.ok()) << s.status();
      EXPECT_LT(s->psi, 0);
      EXPECT_LT((s->velocity1_m_s - s0.tail<3>()).norm(), 1e-6)
          << a << " " << t0;
      EXPECT_LT((s->velocity2_m_s - s1.tail<3>()).norm(), 1e-6)
          << a << " " << t0;
    }
  }
}

// One and two full revolutions: two solutions each; the truth is one of
// them, and both arrive at r2 after the time of flight.
TEST(LambertTest, MultiRevolution) {
  const double a = 7500e3;
  const State s0 = Elliptic(a, 0.08, 63, 45, 90, 10);
  const Eigen::Vector3d h = s0.head<3>().cross(s0.tail<3>());
  for (const auto& [revs, frac] : {std::pair{1, 1.3}, {1, 1.8}, {2, 2.4}}) {
    const double tof = frac * Period(a);
    const State s1 = After(s0, tof);
    LambertOptions o;
    o.revolutions = revs;
    o.path = h.dot(s0.head<3>().cross(s1.head<3>())) > 0
                 ? LambertPath::kShortWay
                 : LambertPath::kLongWay;
    double best = 1e300;
    for (LambertBranch branch :
         {LambertBranch::kLowerPsi, LambertBranch::kUpperPsi}) {
      o.branch = branch;
      absl::StatusOr<LambertSolution> s =
          SolveLambert(s0.head<3>(), s1.head<3>(), tof, o);
      ASSERT_TRUE(s.ok()) << s.status();
      EXPECT_GT(s->psi, std::pow(2 * M_PI * revs, 2));
      EXPECT_LT(s->psi, std::pow(2 * M_PI * (revs + 1), 2));
      State start;
      start << s0.head<3>(), s->velocity1_m_s;
      absl::StatusOr<State> arrival = astro::PropagateKepler(start, kMu, tof);
      ASSERT_TRUE(arrival.ok()) << arrival.status();
      EXPECT_LT((arrival->head<3>() - s1.head<3>()).norm(), 1e-3)
          << revs << frac;
      best = std::min(best, (s->velocity1_m_s - s0.tail<3>()).norm());
    }
    EXPECT_LT(best, 1e-6) << revs << " " << frac;
  }
  // Too short for one revolution.
  LambertOptions o;
  o.revolutions = 1;
  const State s1 = After(s0, 0.3 * Period(a));
  absl::StatusOr<LambertSolution> s =
      SolveLambert(s0.head<3>(), s1.head<3>(), 0.3 * Period(a), o);
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.status().message().find("below the minimum"), std::string::npos)
      << s.status();
}

// Vallado's Example 7-5 needs 9 evaluations of t(ψ); with fewer allowed the
// solver says it did not converge.
TEST(LambertTest, NonConvergenceIsAnError) {
  LambertOptions o;
  o.max_iterations = 2;
  absl::StatusOr<LambertSolution> s =
      SolveLambert(Eigen::Vector3d(15945.34e3, 0, 0),
                   Eigen::Vector3d(12214.83899e3, 10249.46731e3, 0), 4560, o);
  EXPECT_EQ(s.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(s.status().message().find("no convergence"), std::string::npos)
      << s.status();
}

TEST(LambertTest, InvalidInput) {
  const Eigen::Vector3d r1(7000e3, 0, 0), r2(0, 8000e3, 100e3);
  constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;
  const auto code = [](const absl::StatusOr<LambertSolution>& s) {
    return s.status().code();
  };
  absl::StatusOr<LambertSolution> negative = SolveLambert(r1, r2, -100);
  EXPECT_EQ(code(negative), kInvalid);
  EXPECT_NE(negative.status().message().find("time of flight must be positive"),
            std::string::npos);
  EXPECT_EQ(code(SolveLambert(r1, r2, 0)), kInvalid);
  EXPECT_EQ(code(SolveLambert(r1, r2, NAN)), kInvalid);
  // 180° and 0° transfers: the plane is undefined.
  absl::StatusOr<LambertSolution> opposite = SolveLambert(r1, -1.2 * r1, 3000);
  EXPECT_EQ(code(opposite), kInvalid);
  EXPECT_NE(opposite.status().message().find("collinear"), std::string::npos);
  EXPECT_EQ(code(SolveLambert(r1, 1.1 * r1, 3000)), kInvalid);
  EXPECT_EQ(code(SolveLambert(Eigen::Vector3d::Zero(), r2, 3000)), kInvalid);
  EXPECT_EQ(code(SolveLambert(r1, Eigen::Vector3d(NAN, 0, 0), 3000)), kInvalid);
  LambertOptions o;
  o.revolutions = -1;
  EXPECT_EQ(code(SolveLambert(r1, r2, 3000, o)), kInvalid);
  o = {};
  o.gm_m3_s2 = 0;
  EXPECT_EQ(code(SolveLambert(r1, r2, 3000, o)), kInvalid);
}

}  // namespace
}  // namespace sstrack::od
