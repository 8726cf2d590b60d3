// Copyright sstrack authors.
#include "astro/propagation/numerical/numerical_propagator.h"

#include <cmath>

#include <Eigen/Geometry>

#include "astro/elements/keplerian.h"
#include "astro/propagation/numerical/gravity_test_util.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr char kEigen6s[] = "tests/data/gravity/eigen-6s-truncated.gfc";
constexpr double kDeg = M_PI / 180;
using Vector6d = Eigen::Matrix<double, 6, 1>;

Epoch T0() { return *ParseIsoUtc("2016-02-13T16:00:00Z"); }

CartesianState FromElements(double a, double e, double i, double raan, double argp, double nu,
                            double gm) {
  const Vector6d s = *KeplerianToCartesian({a, e, i, raan, argp, nu}, gm);
  return {s.head<3>(), s.tail<3>()};
}

Vector6d AsVector(const CartesianState& s) {
  Vector6d v;
  v << s.position_m, s.velocity_m_s;
  return v;
}

// Two-body motion against Kepler's equation after 10 days: < 1 mm, with
// tolerances tightened for the long span (1e-15 relative; the defaults
// reach 4 mm on the LEO after 10 days and 0.02 mm after one, see below).
TEST(NumericalPropagatorTest, TwoBodyMatchesKeplerOverTenDays) {
  NumericalPropagatorOptions po;
  po.relative_tolerance = 1e-15;
  po.position_tolerance_m = 1e-9;
  po.velocity_tolerance_m_s = 1e-12;
  ForceModelOptions fo;  // point mass
  const double gm = ForceModelOptions::kDefaultGm;
  const CartesianState orbits[] = {
      FromElements(6878e3, 0.001, 51.6 * kDeg, 10 * kDeg, 30 * kDeg, 0, gm),   // LEO
      FromElements(42164e3, 0.0002, 0.1 * kDeg, 80 * kDeg, 0, 0, gm),          // GEO
      FromElements(26600e3, 0.74, 63.4 * kDeg, 200 * kDeg, 270 * kDeg, 0, gm),  // Molniya
  };
  const Epoch t_end = T0() + 10 * 86400.0;
  auto fm = ForceModel::Create(fo, T0(), t_end);
  ASSERT_TRUE(fm.ok()) << fm.status();
  for (const CartesianState& x0 : orbits) {
    NumericalPropagationSummary summary;
    auto out = PropagateNumerically(**fm, T0(), x0, {t_end}, po, &summary);
    ASSERT_TRUE(out.ok()) << out.status();
    const Vector6d exact = *PropagateKepler(AsVector(x0), gm, 10 * 86400.0);
    EXPECT_LT(((*out)[0].gcrf.position_m - exact.head<3>()).norm(), 1e-3)
        << "a = " << x0.position_m.norm() << ", steps " << summary.accepted_steps;
    EXPECT_LT(((*out)[0].gcrf.velocity_m_s - exact.tail<3>()).norm(), 1e-6);
  }
}

// The default options keep a LEO within 1 mm of the exact solution over a day.
TEST(NumericalPropagatorTest, DefaultTolerancesOneDayLeo) {
  const double gm = ForceModelOptions::kDefaultGm;
  const CartesianState x0 = FromElements(6878e3, 0.001, 97.4 * kDeg, 10 * kDeg, 30 * kDeg, 0, gm);
  auto fm = ForceModel::Create({}, T0(), T0() + 86400.0);
  ASSERT_TRUE(fm.ok());
  auto out = PropagateNumerically(**fm, T0(), x0, {T0() + 86400.0}, {});
  ASSERT_TRUE(out.ok());
  const Vector6d exact = *PropagateKepler(AsVector(x0), gm, 86400.0);
  const double error_m = ((*out)[0].gcrf.position_m - exact.head<3>()).norm();
  EXPECT_LT(error_m, 1e-3);
  RecordProperty("one_day_leo_error_um", static_cast<int>(error_m * 1e6));
}

// Dense output between steps is as good as the steps: every minute of a day.
TEST(NumericalPropagatorTest, DenseOutputAndBothDirections) {
  ForceModelOptions fo;
  const double gm = ForceModelOptions::kDefaultGm;
  const CartesianState x0 = FromElements(7000e3, 0.01, 98 * kDeg, 0, 0, 0, gm);
  auto fm = ForceModel::Create(fo, T0() + (-86400.0), T0() + 86400.0);
  ASSERT_TRUE(fm.ok());
  std::vector<Epoch> times;
  for (int m = -1440; m <= 1440; m += 7) times.push_back(T0() + 60.0 * m);
  auto out = PropagateNumerically(**fm, T0(), x0, times, {});
  ASSERT_TRUE(out.ok()) << out.status();
  double worst = 0;
  for (size_t i = 0; i < times.size(); ++i) {
    const Vector6d exact = *PropagateKepler(AsVector(x0), gm, times[i] - T0());
    worst = std::max(worst, ((*out)[i].gcrf.position_m - exact.head<3>()).norm());
    EXPECT_EQ((*out)[i].epoch, times[i]);
  }
  EXPECT_LT(worst, 1e-4);
}

// J2 alone: secular drift of the node and the perigee against the
// first-order closed form Ω' = −3/2 n J2 (R/p)² cos i,
// ω' = 3/4 n J2 (R/p)² (5 cos² i − 1).
TEST(NumericalPropagatorTest, J2SecularRatesMatchClosedForm) {
  auto field = GravityField::Read(kEigen6s);
  ASSERT_TRUE(field.ok());
  GravityField j2 = *field->Truncated(2, 0);
  j2.SetCoefficient(1, 0, 0, 0);
  ForceModelOptions fo;
  fo.gravity = j2;
  fo.degree = 2;
  fo.rotation = EarthRotationModel::kUniformZ;
  const double gm = j2.gm_m3_s2(), re = j2.radius_m(), J2 = -std::sqrt(5.0) * j2.C(2, 0);
  const double a = 8000e3, e = 0.1, inc = 50 * kDeg;
  const CartesianState x0 = FromElements(a, e, inc, 30 * kDeg, 40 * kDeg, 0, gm);
  const double days = 5;
  auto fm = ForceModel::Create(fo, T0(), T0() + days * 86400);
  ASSERT_TRUE(fm.ok()) << fm.status();
  std::vector<Epoch> times;
  for (double t = 0; t <= days * 86400; t += 120) times.push_back(T0() + t);
  auto out = PropagateNumerically(**fm, T0(), x0, times, {});
  ASSERT_TRUE(out.ok());
  // Least-squares slope of the unwrapped osculating angles.
  auto slope = [&](auto angle_of) {
    double st = 0, sa = 0, stt = 0, sta = 0, prev = 0, offset = 0;
    const int n = static_cast<int>(times.size());
    for (int k = 0; k < n; ++k) {
      const auto el = *CartesianToKeplerian(AsVector((*out)[k].gcrf), gm);
      double ang = angle_of(el);
      if (k > 0 && ang + offset - prev > M_PI) offset -= 2 * M_PI;
      if (k > 0 && ang + offset - prev < -M_PI) offset += 2 * M_PI;
      ang += offset;
      prev = ang;
      const double t = times[k] - T0();
      st += t, sa += ang, stt += t * t, sta += t * ang;
    }
    return (n * sta - st * sa) / (n * stt - st * st);
  };
  const double n_mean = std::sqrt(gm / (a * a * a)), p = a * (1 - e * e);
  const double k = n_mean * J2 * (re / p) * (re / p);
  const double node_rate = -1.5 * k * std::cos(inc);
  const double perigee_rate = 0.75 * k * (5 * std::cos(inc) * std::cos(inc) - 1);
  EXPECT_NEAR(slope([](const KeplerianElements& el) { return el.raan_rad; }), node_rate,
              0.01 * std::abs(node_rate));
  EXPECT_NEAR(slope([](const KeplerianElements& el) { return el.arg_perigee_rad; }), perigee_rate,
              0.02 * std::abs(perigee_rate));
}

// In a field fixed to a uniformly rotating Earth, the Jacobi integral
// J = v²/2 − U(r_body) − ω·(r × v) is conserved (zonal and full 20×20).
TEST(NumericalPropagatorTest, JacobiIntegralConservedInRotatingField) {
  auto field = GravityField::Read(kEigen6s);
  ASSERT_TRUE(field.ok());
  for (int order : {0, 20}) {
    ForceModelOptions fo;
    fo.gravity = *field;
    fo.degree = 20;
    fo.order = order;
    fo.rotation = EarthRotationModel::kUniformZ;
    const double w = fo.uniform_rotation_rate_rad_s;
    const GravityField g = *field->AtEpoch(T0()).Truncated(20, order);
    const CartesianState x0 = FromElements(6878e3, 0.002, 97.4 * kDeg, 0, 0, 0, g.gm_m3_s2());
    auto fm = ForceModel::Create(fo, T0(), T0() + 86400.0);
    ASSERT_TRUE(fm.ok());
    std::vector<Epoch> times;
    for (double t = 0; t <= 86400; t += 600) times.push_back(T0() + t);
    auto out = PropagateNumerically(**fm, T0(), x0, times, {});
    ASSERT_TRUE(out.ok());
    auto jacobi = [&](const PropagatedState& s) {
      const double th = w * (s.epoch - T0());
      const Eigen::Vector3d& r = s.gcrf.position_m;
      const double rb[3] = {std::cos(th) * r.x() + std::sin(th) * r.y(),
                            -std::sin(th) * r.x() + std::cos(th) * r.y(), r.z()};
      return s.gcrf.velocity_m_s.squaredNorm() / 2 - testing::Potential(g, rb) -
             w * r.cross(s.gcrf.velocity_m_s).z();
    };
    const double j0 = jacobi((*out)[0]);
    double worst = 0;
    for (const auto& s : *out) worst = std::max(worst, std::abs(jacobi(s) - j0));
    EXPECT_LT(worst / std::abs(j0), 1e-11) << "order " << order;
  }
}

// Φ and the parameter sensitivities against central differences of the
// propagator, with every force on and both parameters estimated.
TEST(NumericalPropagatorTest, StmAndSensitivitiesMatchFiniteDifferences) {
  auto field = GravityField::Read(kEigen6s);
  ASSERT_TRUE(field.ok());
  ForceModelOptions fo;
  fo.gravity = *field;
  fo.degree = fo.order = 8;
  fo.sun = fo.moon = fo.relativity = true;
  fo.drag_cd_area_over_mass_m2_kg = 0.02;
  fo.srp_cr_area_over_mass_m2_kg = 0.015;
  fo.estimate_drag = fo.estimate_srp = true;
  const double span = 6 * 3600.0;
  auto fm = ForceModel::Create(fo, T0(), T0() + span);
  ASSERT_TRUE(fm.ok()) << fm.status();
  // A dawn–dusk orbit (β ≈ 85°) that never enters the Earth's shadow: the
  // shadow edge is a near-discontinuity that an adaptive integrator samples
  // differently in each perturbed run, which would blur the differences.
  const CartesianState x0 = FromElements(6828e3, 0.001, 98 * kDeg, 57 * kDeg, 0, 0, 3.986e14);
  // Fixed 20 s steps (max_step below what the controller would choose), so
  // that every perturbed run takes the same steps: otherwise each run's
  // own step sequence leaves ~1e-5 m of integration noise in the
  // differences. 20 s steps of an 8th-order method are far more accurate
  // than the differences need.
  NumericalPropagatorOptions po;
  po.variational = true;
  po.relative_tolerance = 1e-9;
  po.position_tolerance_m = 1e-3;
  po.velocity_tolerance_m_s = 1e-6;
  po.max_step_s = 20;
  const Epoch t1 = T0() + span;
  auto nominal = PropagateNumerically(**fm, T0(), x0, {t1}, po);
  ASSERT_TRUE(nominal.ok()) << nominal.status();
  NumericalPropagatorOptions fd = po;
  fd.variational = false;
  auto run = [&](const Vector6d& x, const Eigen::VectorXd& params) {
    NumericalPropagatorOptions o = fd;
    o.parameters = params;
    return AsVector((*PropagateNumerically(**fm, T0(), {x.head<3>(), x.tail<3>()}, {t1}, o))[0].gcrf);
  };
  const Vector6d x = AsVector(x0);
  const Eigen::VectorXd p0 = (*fm)->nominal_parameters();
  for (int j = 0; j < 6; ++j) {
    const double h = j < 3 ? 10.0 : 0.01;
    Vector6d xp = x, xm = x;
    xp[j] += h;
    xm[j] -= h;
    const Vector6d col = (run(xp, p0) - run(xm, p0)) / (2 * h);
    const Vector6d stm_col = (*nominal)[0].stm.col(j);
    EXPECT_LT((stm_col - col).norm() / col.norm(), 1e-6) << "column " << j;
  }
  for (int j = 0; j < 2; ++j) {
    // The trajectory responds almost linearly to Cd·A/m and Cr·A/m, so the
    // steps can be large — and must be for SRP, whose effect (~1 m) is
    // otherwise within a few 1e-7 m of the round-off of a 6 h integration.
    const double h = (j == 0 ? 0.5 : 10.0) * p0[j];
    Eigen::VectorXd pp = p0, pm = p0;
    pp[j] += h;
    pm[j] -= h;
    const Vector6d col = (run(x, pp) - run(x, pm)) / (2 * h);
    const Vector6d sens = (*nominal)[0].sensitivity.col(j);
    EXPECT_LT((sens - col).norm() / col.norm(), 1e-6)
        << (*fm)->parameter_names()[j] << "\nad " << sens.transpose() << "\nfd " << col.transpose();
    EXPECT_GT(col.head<3>().norm(), 1.0);  // the parameter matters (metres per unit)
  }
}

TEST(NumericalPropagatorTest, CovariancePropagation) {
  Matrix6d phi = Matrix6d::Identity();
  phi.topRightCorner<3, 3>() = 100.0 * Eigen::Matrix3d::Identity();  // free drift, 100 s
  Matrix6d p0 = Matrix6d::Zero();
  p0.diagonal() << 1, 1, 1, 1e-4, 1e-4, 1e-4;
  const Matrix6d p = PropagateCovariance(p0, phi);
  EXPECT_NEAR(p(0, 0), 1 + 100 * 100 * 1e-4, 1e-12);  // σ² = σ0² + t² σv²
  EXPECT_NEAR(p(0, 3), 100 * 1e-4, 1e-12);
  const Matrix6d q = PropagateCovariance(p0, phi, 100, 1e-6);
  EXPECT_NEAR(q(0, 0) - p(0, 0), 1e-6 * 1e6 / 3, 1e-9);
  EXPECT_NEAR(q(3, 3) - p(3, 3), 1e-6 * 100, 1e-12);
}

TEST(NumericalPropagatorTest, ClearErrors) {
  ForceModelOptions fo;
  fo.degree = 4;
  EXPECT_NE(ForceModel::Create(fo, T0(), T0() + 10.0).status().message().find("gravity field"),
            std::string::npos);
  fo = ForceModelOptions();
  fo.drag_cd_area_over_mass_m2_kg = -1;
  EXPECT_FALSE(ForceModel::Create(fo, T0(), T0() + 10.0).ok());
  auto fm = ForceModel::Create(ForceModelOptions(), T0(), T0() + 10.0);
  CartesianState bad{{NAN, 0, 0}, {0, 7500, 0}};
  EXPECT_FALSE(PropagateNumerically(**fm, T0(), bad, {T0() + 10.0}, {}).ok());
  NumericalPropagatorOptions po;
  po.parameters = Eigen::VectorXd::Ones(3);
  CartesianState ok{{7000e3, 0, 0}, {0, 7500, 0}};
  EXPECT_FALSE(PropagateNumerically(**fm, T0(), ok, {T0() + 10.0}, po).ok());
}

}  // namespace
}  // namespace sstrack::astro
