// Copyright sstrack authors.
#include "astro/propagation/numerical/gravity_field.h"

#include <cmath>

#include "astro/propagation/numerical/gravity_test_util.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

using testing::Potential;

constexpr char kEigen6s[] = "tests/data/gravity/eigen-6s-truncated.gfc";

// Gradient of the potential by a 4th-order central difference.
void NumericalGradient(const GravityField& f, const double r[3], double g[3]) {
  const double h = 20.0;
  for (int i = 0; i < 3; ++i) {
    auto at = [&](double d) {
      double p[3] = {r[0], r[1], r[2]};
      p[i] += d;
      return Potential(f, p);
    };
    g[i] = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h);
  }
}

TEST(GravityFieldTest, ReadsEigen6sHeaderAndCoefficients) {
  auto f = GravityField::Read(kEigen6s);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->degree(), 20);
  EXPECT_DOUBLE_EQ(f->gm_m3_s2(), 0.3986004415e15);
  EXPECT_DOUBLE_EQ(f->radius_m(), 0.6378136460e7);
  EXPECT_EQ(f->tide_system(), "tide_free");
  EXPECT_DOUBLE_EQ(f->C(2, 0), -4.84165299820e-04);  // gfct value at t0
  // At 2016 the drift and annual terms move C20 by ~1e-10.
  const GravityField at = f->AtEpoch(Epoch::FromTt(2457432.5, 0.0));
  EXPECT_NEAR(at.C(2, 0) - f->C(2, 0), -1.26059939709e-11 * 11.1, 2e-10);
  EXPECT_NE(at.C(2, 0), f->C(2, 0));
}

// The Cartesian V/W acceleration against the gradient of the independently
// evaluated potential, at points over all latitudes, LEO to GEO.
TEST(GravityFieldTest, AccelerationIsTheGradientOfThePotential) {
  auto f = GravityField::Read(kEigen6s);
  ASSERT_TRUE(f.ok()) << f.status();
  const double points[][3] = {{6878e3, 0, 0},           {1000e3, -2000e3, 6500e3},
                              {-3000e3, 4000e3, -5200e3}, {12e3, -5e3, 6900e3},
                              {30000e3, 28000e3, 1e5},    {-7000e3, -100e3, 300e3}};
  for (int deg_ord : {20, 8}) {
    const GravityField g = *f->Truncated(deg_ord, deg_ord == 8 ? 4 : 20);
    for (const auto& p : points) {
      double a[3], grad[3];
      g.Acceleration(p, a);
      NumericalGradient(g, p, grad);
      for (int i = 0; i < 3; ++i) EXPECT_NEAR(a[i], grad[i], 2e-9) << i;
    }
  }
}

TEST(GravityFieldTest, PointMassAndJ2ClosedForms) {
  const GravityField pm = GravityField::PointMass(3.986004415e14, 6378136.3);
  const double r[3] = {3000e3, -4000e3, 5000e3};
  double a[3];
  pm.Acceleration(r, a);
  const double rn = std::sqrt(50e12), k = -3.986004415e14 / (rn * rn * rn);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(a[i], k * r[i], 1e-15 * std::abs(k * rn));
  // J2 alone: a = −μ r/r³ − (3/2) J2 μ R²/r⁵ [x(1−5z²/r²), y(1−5z²/r²), z(3−5z²/r²)].
  GravityField j2 = *GravityField::Read(kEigen6s)->Truncated(2, 0);
  j2.SetCoefficient(1, 0, 0, 0);
  const double c20 = j2.C(2, 0), mu = j2.gm_m3_s2(), re = j2.radius_m();
  const double J2 = -c20 * std::sqrt(5.0);
  j2.Acceleration(r, a);
  const double z2 = r[2] * r[2] / (rn * rn), f2 = -1.5 * J2 * mu * re * re / std::pow(rn, 5);
  const double expect[3] = {-mu * r[0] / (rn * rn * rn) + f2 * r[0] * (1 - 5 * z2),
                            -mu * r[1] / (rn * rn * rn) + f2 * r[1] * (1 - 5 * z2),
                            -mu * r[2] / (rn * rn * rn) + f2 * r[2] * (3 - 5 * z2)};
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(a[i], expect[i], 1e-14) << i;
}

// The Dual<3> gradient ∂a/∂r against central differences of the acceleration.
TEST(GravityFieldTest, PositionGradientMatchesFiniteDifferences) {
  auto f = GravityField::Read(kEigen6s);
  ASSERT_TRUE(f.ok());
  const double p[3] = {1000e3, -2000e3, 6500e3};
  Dual<3> rd[3], ad[3];
  for (int i = 0; i < 3; ++i) rd[i] = Dual<3>::Variable(p[i], i);
  f->Acceleration(rd, ad);
  const double h = 1.0;
  for (int j = 0; j < 3; ++j) {
    double pp[3] = {p[0], p[1], p[2]}, pm[3] = {p[0], p[1], p[2]}, ap[3], am[3];
    pp[j] += h;
    pm[j] -= h;
    f->Acceleration(pp, ap);
    f->Acceleration(pm, am);
    for (int i = 0; i < 3; ++i) {
      const double fd = (ap[i] - am[i]) / (2 * h);
      EXPECT_NEAR(ad[i].d[j], fd, 1e-6 * std::abs(fd) + 1e-14) << i << "," << j;
    }
  }
}

// The analytic gradient against the forward-differentiated one (itself
// checked against finite differences above), at LEO to GEO, any order.
TEST(GravityFieldTest, AnalyticGradientMatchesAutomaticDifferentiation) {
  auto f = GravityField::Read(kEigen6s);
  ASSERT_TRUE(f.ok());
  const double points[][3] = {{6878e3, 0, 0}, {1000e3, -2000e3, 6500e3},
                              {-3000e3, 4000e3, -5200e3}, {12e3, -5e3, 6900e3},
                              {30000e3, 28000e3, 1e5}};
  for (auto [deg, ord] : {std::pair{20, 20}, {8, 3}, {2, 0}, {0, 0}}) {
    const GravityField g = *f->Truncated(deg, ord);
    for (const auto& p : points) {
      Dual<3> rd[3], ad[3];
      for (int i = 0; i < 3; ++i) rd[i] = Dual<3>::Variable(p[i], i);
      g.Acceleration(rd, ad);
      double a[3], grad[3][3];
      g.AccelerationAndGradient(p, a, grad);
      for (int i = 0; i < 3; ++i) {
        EXPECT_NEAR(a[i], ad[i].v, 1e-15 * std::abs(ad[i].v) + 1e-18);
        for (int j = 0; j < 3; ++j) {
          EXPECT_NEAR(grad[i][j], ad[i].d[j], 1e-12 * std::abs(ad[0].d[0]) + 1e-22)
              << deg << "x" << ord << " (" << i << "," << j << ")";
          EXPECT_NEAR(grad[i][j], grad[j][i], 1e-12 * std::abs(grad[0][0]) + 1e-22);
        }
      }
    }
  }
}

TEST(GravityFieldTest, RejectsBadFilesWithLineNumbers) {
  EXPECT_EQ(GravityField::Read("no/such.gfc").status().code(), absl::StatusCode::kNotFound);
  const std::string head =
      "begin_of_head\nearth_gravity_constant 3.986004415E+14\nradius 6378136.3\n"
      "max_degree 2\nnorm fully_normalized\nend_of_head\n";
  auto bad = GravityField::Parse(head + "gfc 0 0 1.0 0.0\ngfc 2 x 1.0 0.0\n", "t.gfc");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("t.gfc:8"), std::string::npos) << bad.status();
  auto unnorm = GravityField::Parse(
      "earth_gravity_constant 3.9e14\nradius 6.3e6\nmax_degree 2\nnorm unnormalized\nend_of_head\n",
      "u.gfc");
  EXPECT_NE(unnorm.status().message().find("unnormalized"), std::string::npos);
  EXPECT_FALSE(GravityField::Parse("just text\n", "x.gfc").ok());
  EXPECT_FALSE(GravityField::Read(kEigen6s)->Truncated(21, 0).ok());
  // The header's degree: a whole number within what a field can hold
  // (7e19 was cast to int unchecked; found by tests/fuzz:gravity_fuzz).
  const auto with_degree = [](const std::string& d) {
    return GravityField::Parse("earth_gravity_constant 3.9e14\nradius 6.3e6\nmax_degree " + d +
                                   "\nend_of_head\ngfc 0 0 1.0 0.0\n",
                               "d.gfc");
  };
  EXPECT_NE(with_degree("7.0442e+19").status().message().find(
                "d.gfc:0: header max_degree 7.0442e+19: not a whole number from 0 to 20000"),
            std::string::npos)
      << with_degree("7.0442e+19").status();
  EXPECT_FALSE(with_degree("2.5").ok());
  EXPECT_FALSE(with_degree("nan").ok());
  EXPECT_NE(with_degree("5000").status().message().find("a field holds at most degree 2190"),
            std::string::npos);
  EXPECT_TRUE(with_degree("2").ok());
}

}  // namespace
}  // namespace sstrack::astro
