// Copyright sstrack authors.
#include "astro/propagation/numerical/empirical.h"

#include <cmath>

#include <Eigen/Geometry>

#include "astro/elements/keplerian.h"
#include "astro/propagation/numerical/force_model.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr double kGm = ForceModelOptions::kDefaultGm;
constexpr double kDay = 86400.0;

const Epoch& T0() {
  static const Epoch t = *ParseIsoUtc("2018-01-10T00:00:00Z");
  return t;
}

Eigen::Matrix<double, 6, 1> Circular(double a_m, double inc_rad, double raan_rad, double u_rad) {
  KeplerianElements el;
  el.semi_major_axis_m = a_m;
  el.inclination_rad = inc_rad;
  el.raan_rad = raan_rad;
  el.true_anomaly_rad = u_rad;  // e = 0, ω = 0: ν is the argument of latitude
  return *KeplerianToCartesian(el, kGm);
}

EmpiricalAcceleration Term(const std::string& text, double value) {
  EmpiricalAcceleration t = *ParseEmpiricalShape(text);
  t.value_m_s2 = value;
  t.estimate = false;
  return t;
}

// The two-body state after `dt_s` with the given empirical terms.
KeplerianElements After(const std::vector<EmpiricalAcceleration>& terms,
                        const Eigen::Matrix<double, 6, 1>& x0, double dt_s) {
  ForceModelOptions fo;
  fo.empirical = terms;
  auto fm = ForceModel::Create(fo, T0(), T0() + dt_s);
  EXPECT_TRUE(fm.ok()) << fm.status();
  CartesianState s{x0.head<3>(), x0.tail<3>()};
  auto out = PropagateNumerically(**fm, T0(), s, {T0() + dt_s}, NumericalPropagatorOptions());
  EXPECT_TRUE(out.ok()) << out.status();
  Eigen::Matrix<double, 6, 1> x;
  x << (*out)[0].gcrf.position_m, (*out)[0].gcrf.velocity_m_s;
  return *CartesianToKeplerian(x, kGm);
}

// The basis against the orbit's elements: R̂, T̂, N̂ orthonormal with T̂
// along the velocity of a circular orbit and N̂ along the angular
// momentum; cos u and sin u equal the argument of latitude of the
// Keplerian elements (an independent conversion).
TEST(EmpiricalTest, BasisIsTheRtnFrameAndTheArgumentOfLatitude) {
  for (double u_deg : {0.0, 37.0, 90.0, 200.0, 311.0}) {
    const double u = u_deg * M_PI / 180.0;
    const auto x = Circular(7000e3, 1.2, 0.7, u);
    const std::array<double, 3> r = {x[0], x[1], x[2]}, v = {x[3], x[4], x[5]};
    const Eigen::Vector3d vh = x.tail<3>().normalized();
    const Eigen::Vector3d hh = x.head<3>().cross(x.tail<3>()).normalized();
    auto vec = [](const std::array<double, 3>& a) { return Eigen::Vector3d(a[0], a[1], a[2]); };
    const Eigen::Vector3d rb = vec(EmpiricalBasis<double>(Term("R", 0), 0, r, v));
    const Eigen::Vector3d tb = vec(EmpiricalBasis<double>(Term("T", 0), 0, r, v));
    const Eigen::Vector3d nb = vec(EmpiricalBasis<double>(Term("N", 0), 0, r, v));
    EXPECT_NEAR((rb - x.head<3>().normalized()).norm(), 0, 1e-15);
    EXPECT_NEAR((tb - vh).norm(), 0, 1e-14);
    EXPECT_NEAR((nb - hh).norm(), 0, 1e-15);
    const Eigen::Vector3d c = vec(EmpiricalBasis<double>(Term("T:cos", 0), 0, r, v));
    const Eigen::Vector3d s = vec(EmpiricalBasis<double>(Term("N:sin", 0), 0, r, v));
    EXPECT_NEAR(c.dot(tb), std::cos(u), 1e-12) << u_deg;
    EXPECT_NEAR(s.dot(nb), std::sin(u), 1e-12) << u_deg;
    const Eigen::Vector3d t2 = vec(EmpiricalBasis<double>(Term("T:t2", 0), 1.5 * kDay, r, v));
    EXPECT_NEAR((t2 - 2.25 * tb).norm(), 0, 1e-14);
    const Eigen::Vector3d z = vec(EmpiricalBasis<double>(Term("Z", 0), 0, r, v));
    EXPECT_EQ(z, Eigen::Vector3d(0, 0, 1));
  }
}

// Gauss's planetary equations on a circular two-body orbit (Vallado §9.3):
// a constant along-track T gives da/dt = 2T/n; a normal N cos u gives
// di/dt = N cos²u · r/(n a²), a secular Δi = N Δt/(2 n a); N sin u gives
// dΩ/dt = N sin²u/(n a sin i), ΔΩ = N Δt/(2 n a sin i). Over a whole
// number of revolutions the periodic parts cancel.
TEST(EmpiricalTest, SecularChangesMatchGaussEquations) {
  const double a = 7000e3, inc = 0.9, n = std::sqrt(kGm / (a * a * a));
  const double period = 2 * M_PI / n, dt = 15 * period;  // ≈ 1 day
  const auto x0 = Circular(a, inc, 0.3, 0.0);
  const KeplerianElements along = After({Term("T", 1e-6)}, x0, dt);
  EXPECT_NEAR(along.semi_major_axis_m - a, 2 * 1e-6 * dt / n, 0.01 * 2 * 1e-6 * dt / n);
  const KeplerianElements cos_n = After({Term("N:cos", 1e-6)}, x0, dt);
  const double di = 1e-6 * dt / (2 * n * a);
  EXPECT_NEAR(cos_n.inclination_rad - inc, di, 0.01 * di);
  EXPECT_NEAR(cos_n.raan_rad - 0.3, 0, 0.01 * di);
  const KeplerianElements sin_n = After({Term("N:sin", 1e-6)}, x0, dt);
  const double dnode = 1e-6 * dt / (2 * n * a * std::sin(inc));
  EXPECT_NEAR(sin_n.raan_rad - 0.3, dnode, 0.01 * dnode);
  EXPECT_NEAR(sin_n.inclination_rad - inc, 0, 0.01 * di);
  // A term on an interval acts only there: T on the first half gives half
  // the change.
  EmpiricalAcceleration half = Term("T", 1e-6);
  half.start = T0();
  half.end = T0() + 0.5 * dt;
  const KeplerianElements first_half = After({half}, x0, dt);
  EXPECT_NEAR(first_half.semi_major_axis_m - a, 1e-6 * dt / n, 0.01 * 1e-6 * dt / n);
}

// ∂a/∂r, ∂a/∂v, ∂a/∂c of every shape against central differences of the
// acceleration, on an eccentric orbit (the reduced partials: ∂a/∂c only).
TEST(EmpiricalTest, PartialsMatchFiniteDifferences) {
  ForceModelOptions fo;
  for (const char* text : {"R", "T:t1", "N:cos", "T:sin", "X", "R:t2"}) {
    EmpiricalAcceleration t = *ParseEmpiricalShape(text);
    t.start = T0();
    t.value_m_s2 = 3e-7;
    fo.empirical.push_back(t);
  }
  EmpiricalAcceleration fixed = Term("N", 2e-7);
  fo.empirical.push_back(fixed);
  for (int reduced : {-1, 0}) {
    fo.partials_degree = reduced;
    auto fm = ForceModel::Create(fo, T0(), T0() + kDay);
    ASSERT_TRUE(fm.ok()) << fm.status();
    ASSERT_EQ((*fm)->num_parameters(), 6);
    EXPECT_EQ((*fm)->parameter_names()[1], "empirical_T_t1_m_s2[2018-01-10T00:00:00Z]");
    const Eigen::VectorXd p = (*fm)->nominal_parameters();
    EXPECT_EQ(p[0], 3e-7);
    EXPECT_FALSE((*fm)->parameter_is_nonnegative(0));
    EXPECT_EQ((*fm)->parameter_scales()[0], 1e-9);
    const Eigen::Vector3d r(9000e3, -3000e3, 4000e3), v(-2000, -5500, 3500);
    const Epoch t = T0() + 0.6 * kDay;
    AccelerationPartials pa;
    const Eigen::Vector3d acc = (*fm)->AccelerationAndPartials(t, r, v, p, &pa);
    EXPECT_LT((acc - (*fm)->Acceleration(t, r, v, p)).norm(), 1e-18);
    // Central differences of the empirical part alone (the model minus the
    // same model without the terms: the two-body part cancels exactly).
    ForceModelOptions bare_options = fo;
    bare_options.empirical.clear();
    auto bare = ForceModel::Create(bare_options, T0(), T0() + kDay);
    ASSERT_TRUE(bare.ok());
    AccelerationPartials pb;
    (*bare)->AccelerationAndPartials(t, r, v, Eigen::VectorXd(), &pb);
    auto emp = [&](const Eigen::Vector3d& rr, const Eigen::Vector3d& vv) {
      return Eigen::Vector3d((*fm)->Acceleration(t, rr, vv, p) -
                             (*bare)->Acceleration(t, rr, vv, Eigen::VectorXd()));
    };
    Eigen::Matrix3d fd_r, fd_v;
    for (int j = 0; j < 3; ++j) {
      Eigen::Vector3d dr = Eigen::Vector3d::Zero(), dv = Eigen::Vector3d::Zero();
      // Steps of 10 km and 10 m/s: the two-body part's rounding
      // (1e-15 m/s²) stays far below the differences, the truncation
      // error is (h/|r|)² ≈ 1e-6 relative.
      dr[j] = 10e3;
      dv[j] = 10.0;
      fd_r.col(j) = (emp(r + dr, v) - emp(r - dr, v)) / 20e3;
      fd_v.col(j) = (emp(r, v + dv) - emp(r, v - dv)) / 20.0;
    }
    const Eigen::Matrix3d da_dr = pa.da_dr - pb.da_dr, da_dv = pa.da_dv - pb.da_dv;
    EXPECT_GT(fd_r.cwiseAbs().maxCoeff(), 1e-15);  // ~c/|r|: the frame turns with r
    EXPECT_GT(fd_v.cwiseAbs().maxCoeff(), 1e-12);  // ~c/|v|: and with v
    if (reduced < 0) {
      EXPECT_LT((da_dr - fd_r).cwiseAbs().maxCoeff(), 1e-4 * fd_r.cwiseAbs().maxCoeff());
      EXPECT_LT((da_dv - fd_v).cwiseAbs().maxCoeff(), 1e-4 * fd_v.cwiseAbs().maxCoeff());
    } else {
      // The reduced partials leave the frame's turning out (documented):
      // ~|c|/|r| ≈ 3e-14 s⁻², 1e-7 of the two-body gradient here.
      EXPECT_EQ(da_dr.cwiseAbs().maxCoeff(), 0.0);
      EXPECT_EQ(da_dv.cwiseAbs().maxCoeff(), 0.0);
      EXPECT_LT(fd_r.cwiseAbs().maxCoeff(), 1e-6 * pb.da_dr.cwiseAbs().maxCoeff());
    }
    for (int k = 0; k < 6; ++k) {
      Eigen::VectorXd hi = p, lo = p;
      hi[k] += 1e-7;
      lo[k] -= 1e-7;
      const Eigen::Vector3d fd = ((*fm)->Acceleration(t, r, v, hi) - (*fm)->Acceleration(t, r, v, lo)) / 2e-7;
      EXPECT_LT((pa.da_dp.col(k) - fd).norm(), 1e-8 * fd.norm() + 1e-15) << (*fm)->parameter_names()[k];
    }
  }
}

// The propagated sensitivity ∂x(t)/∂c against central differences of two
// propagations: the variational equations carry the new parameters.
TEST(EmpiricalTest, SensitivityThroughTheVariationalEquations) {
  ForceModelOptions fo;
  EmpiricalAcceleration t = *ParseEmpiricalShape("T");
  t.value_m_s2 = 1e-7;
  fo.empirical = {t, *ParseEmpiricalShape("R:cos")};
  auto fm = ForceModel::Create(fo, T0(), T0() + kDay);
  ASSERT_TRUE(fm.ok());
  const auto x0 = Circular(26600e3, 0.96, 1.0, 0.5);
  const CartesianState s{x0.head<3>(), x0.tail<3>()};
  NumericalPropagatorOptions po;
  po.variational = true;
  auto out = PropagateNumerically(**fm, T0(), s, {T0() + kDay}, po);
  ASSERT_TRUE(out.ok());
  for (int k = 0; k < 2; ++k) {
    NumericalPropagatorOptions hi = po, lo = po;
    hi.variational = lo.variational = false;
    hi.parameters = lo.parameters = (*fm)->nominal_parameters();
    hi.parameters[k] += 1e-8;
    lo.parameters[k] -= 1e-8;
    auto a = PropagateNumerically(**fm, T0(), s, {T0() + kDay}, hi);
    auto b = PropagateNumerically(**fm, T0(), s, {T0() + kDay}, lo);
    ASSERT_TRUE(a.ok() && b.ok());
    const Eigen::Vector3d fd = ((*a)[0].gcrf.position_m - (*b)[0].gcrf.position_m) / 2e-8;
    const Eigen::Vector3d sens = (*out)[0].sensitivity.col(k).head<3>();
    EXPECT_GT(fd.norm(), 1e8);  // ~0.5 (86400 s)² per m/s² and more along track
    EXPECT_LT((sens - fd).norm(), 1e-4 * fd.norm()) << k;
  }
}

TEST(EmpiricalTest, PiecewiseIntervalsAndBadInput) {
  const std::vector<EmpiricalAcceleration> shapes = {*ParseEmpiricalShape("T"),
                                                     *ParseEmpiricalShape("N:cos")};
  auto p = PiecewiseEmpirical(shapes, T0(), T0() + 2.5 * kDay, kDay);
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_EQ(p->size(), 6u);
  EXPECT_EQ((*p)[2].Name(), "empirical_T_m_s2[2018-01-11T00:00:00Z]");
  EXPECT_EQ(FormatIsoUtc(*(*p)[3].end, 0), FormatIsoUtc(T0() + 2 * kDay, 0));
  EXPECT_FALSE((*p)[5].end.has_value());  // the last interval stays open (predictions)
  EXPECT_TRUE((*p)[0].ActiveAt(T0()) && !(*p)[0].ActiveAt(T0() + kDay));
  auto one = PiecewiseEmpirical(shapes, T0(), T0() + 2.5 * kDay, 0);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 2u);
  auto too_long = PiecewiseEmpirical(shapes, T0(), T0() + kDay, 2 * kDay);
  ASSERT_FALSE(too_long.ok());
  EXPECT_NE(too_long.status().message().find("longer than the data"), std::string::npos)
      << too_long.status();
  for (const char* bad : {"Q", "T:t9", "X:cos", "TT", "R:square"}) {
    auto s = ParseEmpiricalShape(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.status().message().find(bad), std::string::npos) << s.status();
  }
  ForceModelOptions fo;
  fo.empirical = {*ParseEmpiricalShape("T"), *ParseEmpiricalShape("T")};
  EXPECT_NE(fo.Validate().message().find("same parameter empirical_T_m_s2"), std::string::npos)
      << fo.Validate();
  fo.empirical = {*ParseEmpiricalShape("T:t1")};  // a power without an origin
  EXPECT_NE(fo.Validate().message().find("needs the interval's start"), std::string::npos);
}

}  // namespace
}  // namespace sstrack::astro
