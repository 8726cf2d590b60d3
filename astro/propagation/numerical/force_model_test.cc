// Copyright sstrack authors.
#include "astro/propagation/numerical/force_model.h"

#include <cmath>

#include "astro/bodies/jpl_ephemeris.h"
#include "astro/propagation/numerical/forces.h"
#include "astro/time/utc.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

// The tabulated environment (Earth orientation every 10 min, Sun and Moon
// hourly, 8-point Lagrange) against direct evaluation at every call: the
// accelerations agree to < 5e-13 m/s² (1e-13 relative) over the whole span.
TEST(ForceModelTest, TabulatedEnvironmentMatchesDirectEvaluation) {
  ForceModelOptions fo;
  fo.gravity = *GravityField::Read("tests/data/gravity/eigen-6s-truncated.gfc");
  fo.degree = fo.order = 20;
  fo.sun = fo.moon = fo.relativity = true;
  fo.drag_cd_area_over_mass_m2_kg = 0.02;
  fo.srp_cr_area_over_mass_m2_kg = 0.02;
  fo.eop = std::make_shared<EopTable>(*EopTable::FromFiles(
      {"tests/data/lageos2/bulletinb-337.txt", "tests/data/lageos2/bulletinb-338.txt"}));
  fo.ephemeris = std::make_shared<JplEphemeris>(*JplEphemeris::Open("tests/data/lageos2/lnxp2016.430"));
  const Epoch t0 = *ParseIsoUtc("2016-02-11T13:00:00Z"), t1 = t0 + 3 * 86400.0;
  auto tab = ForceModel::Create(fo, t0, t1);
  ASSERT_TRUE(tab.ok()) << tab.status();
  fo.tabulate_environment = false;
  auto direct = ForceModel::Create(fo, t0, t1);
  ASSERT_TRUE(direct.ok());
  const Eigen::Vector3d r(4000e3, -3000e3, 4500e3), v(-5000, -2000, 3500);
  const Eigen::VectorXd p = (*tab)->nominal_parameters();
  double worst = 0;
  for (double dt = 0; dt <= 3 * 86400; dt += 977.3) {
    const Epoch t = t0 + dt;
    worst = std::max(worst, ((*tab)->Acceleration(t, r, v, p) - (*direct)->Acceleration(t, r, v, p)).norm());
  }
  EXPECT_LT(worst, 5e-13);  // ~1e-13 of the ~6 m/s² total; µm over a day
}

// Reduced-model partials (partials_degree): the hand-written tidal, drag and
// SRP partials against central finite differences of the acceleration; the
// acceleration itself is the full model's; and a truncated gradient is the
// full gradient of the truncated field.
TEST(ForceModelTest, ReducedPartialsMatchFiniteDifferences) {
  const GravityField field = *GravityField::Read("tests/data/gravity/eigen-6s-truncated.gfc");
  ForceModelOptions fo;
  fo.gravity = field;
  fo.degree = fo.order = 8;
  fo.sun = fo.moon = true;
  fo.drag_cd_area_over_mass_m2_kg = 0.02;
  fo.srp_cr_area_over_mass_m2_kg = 0.03;
  fo.estimate_drag = fo.estimate_srp = true;
  const Epoch t0 = *ParseIsoUtc("2016-02-11T13:00:00Z");
  const Eigen::Vector3d r(4000e3, -3000e3, 4000e3), v(-5000, -2000, 4500);  // 500 km up
  ForceModelOptions reduced_options = fo;
  reduced_options.partials_degree = 8;
  auto full = ForceModel::Create(fo, t0, t0 + 3600);
  auto reduced = ForceModel::Create(reduced_options, t0, t0 + 3600);
  ASSERT_TRUE(full.ok() && reduced.ok());
  const Eigen::VectorXd p = (*full)->nominal_parameters();
  const Epoch t = t0 + 600;
  AccelerationPartials pr;
  const Eigen::Vector3d a = (*reduced)->AccelerationAndPartials(t, r, v, p, &pr);
  EXPECT_LT((a - (*full)->Acceleration(t, r, v, p)).norm(), 1e-14);  // 1e-15 relative
  // Central differences (h: 1 m, 1 mm/s, 1e-3 m²/kg — drag and SRP are
  // linear in their coefficients).
  Eigen::Matrix3d fd_r, fd_v;
  for (int j = 0; j < 3; ++j) {
    Eigen::Vector3d dr = Eigen::Vector3d::Zero(), dv = Eigen::Vector3d::Zero();
    dr[j] = 1.0;
    dv[j] = 1e-3;
    fd_r.col(j) = ((*full)->Acceleration(t, r + dr, v, p) - (*full)->Acceleration(t, r - dr, v, p)) / 2.0;
    fd_v.col(j) = ((*full)->Acceleration(t, r, v + dv, p) - (*full)->Acceleration(t, r, v - dv, p)) / 2e-3;
  }
  // ∂a/∂r: ~1e-6 s⁻²; the omitted density gradient of drag is ~|a_drag|/H
  // ≈ 1e-11 s⁻² at 500 km.
  EXPECT_LT((pr.da_dr - fd_r).cwiseAbs().maxCoeff(), 5e-11) << pr.da_dr - fd_r;
  EXPECT_LT((pr.da_dv - fd_v).cwiseAbs().maxCoeff(), 1e-3 * fd_v.cwiseAbs().maxCoeff() + 1e-16);
  EXPECT_GT(fd_v.cwiseAbs().maxCoeff(), 1e-10);  // drag is on
  for (int k = 0; k < 2; ++k) {
    Eigen::VectorXd hi = p, lo = p;
    hi[k] += 1e-3;
    lo[k] -= 1e-3;
    const Eigen::Vector3d fd = ((*full)->Acceleration(t, r, v, hi) - (*full)->Acceleration(t, r, v, lo)) / 2e-3;
    EXPECT_LT((pr.da_dp.col(k) - fd).norm(), 1e-6 * fd.norm()) << (*full)->parameter_names()[k];
  }
  // Without drag the reduced ∂a/∂r (field + tidal terms) is the exact one.
  fo.drag_cd_area_over_mass_m2_kg = 0;
  fo.estimate_drag = false;
  reduced_options = fo;
  reduced_options.partials_degree = 8;
  full = ForceModel::Create(fo, t0, t0 + 3600);
  reduced = ForceModel::Create(reduced_options, t0, t0 + 3600);
  ASSERT_TRUE(full.ok() && reduced.ok());
  AccelerationPartials pf;
  (*full)->AccelerationAndPartials(t, r, v, (*full)->nominal_parameters(), &pf);
  (*reduced)->AccelerationAndPartials(t, r, v, (*full)->nominal_parameters(), &pr);
  EXPECT_LT((pr.da_dr - pf.da_dr).cwiseAbs().maxCoeff(), 1e-18 + 1e-12 * pf.da_dr.norm());
  // A truncated gradient: the full partials of the degree-2 model.
  ForceModelOptions j2 = fo;
  j2.degree = j2.order = 2;
  reduced_options.partials_degree = 2;
  auto j2_model = ForceModel::Create(j2, t0, t0 + 3600);
  reduced = ForceModel::Create(reduced_options, t0, t0 + 3600);
  ASSERT_TRUE(j2_model.ok() && reduced.ok());
  (*j2_model)->AccelerationAndPartials(t, r, v, (*j2_model)->nominal_parameters(), &pf);
  (*reduced)->AccelerationAndPartials(t, r, v, (*reduced)->nominal_parameters(), &pr);
  EXPECT_LT((pr.da_dr - pf.da_dr).cwiseAbs().maxCoeff(), 1e-12 * pf.da_dr.norm());
}

// The drag part of the reduced ∂a/∂r (through the relative velocity
// w = v − ω × r, density held fixed) on its own: the reduced partials with
// drag minus those without, against central differences of the drag
// acceleration at a fixed density (uniform rotation about z, so ω is known).
TEST(ForceModelTest, ReducedDragPartialThroughEarthRotation) {
  ForceModelOptions fo;
  fo.rotation = EarthRotationModel::kUniformZ;
  fo.partials_degree = 0;
  const Epoch t0 = *ParseIsoUtc("2016-02-11T13:00:00Z");
  auto no_drag = ForceModel::Create(fo, t0, t0 + 3600);
  fo.drag_cd_area_over_mass_m2_kg = 0.02;
  auto drag = ForceModel::Create(fo, t0, t0 + 3600);
  ASSERT_TRUE(no_drag.ok() && drag.ok());
  const Eigen::Vector3d r(4000e3, -3000e3, 4000e3), v(-5000, -2000, 4500);
  const Epoch t = t0 + 600;
  AccelerationPartials with, without;
  (*drag)->AccelerationAndPartials(t, r, v, (*drag)->nominal_parameters(), &with);
  (*no_drag)->AccelerationAndPartials(t, r, v, (*no_drag)->nominal_parameters(), &without);
  const Eigen::Matrix3d reduced = with.da_dr - without.da_dr;
  const std::array<double, 3> omega = {0, 0, fo.uniform_rotation_rate_rad_s};
  const std::array<double, 3> sun = {1.5e11, 0, 0};  // the density is held fixed anyway
  const Vec3T<double> rv = {r.x(), r.y(), r.z()}, vv = {v.x(), v.y(), v.z()};
  const double rho = HarrisPriesterDensity(rv, sun, fo.harris_priester_exponent);
  ASSERT_GT(rho, 0);
  Eigen::Matrix3d fd;
  for (int j = 0; j < 3; ++j) {
    Vec3T<double> hi = rv, lo = rv;
    hi[j] += 100.0;
    lo[j] -= 100.0;
    const Vec3T<double> a_hi = DragAcceleration(hi, vv, omega, rho, 0.02);
    const Vec3T<double> a_lo = DragAcceleration(lo, vv, omega, rho, 0.02);
    for (int i = 0; i < 3; ++i) fd(i, j) = (a_hi[i] - a_lo[i]) / 200.0;
  }
  ASSERT_GT(fd.norm(), 0);
  // The partial is ~1e-14 s⁻² here: compare relative to itself.
  EXPECT_LT((reduced - fd).norm(), 1e-6 * fd.norm()) << reduced << "\n" << fd;
}

// A day-by-day density multiplier scales the drag acceleration: the
// value of each day at its middle, linear between, held beyond the ends.
TEST(ForceModelTest, DensityScaleMultipliesDragDayByDay) {
  ForceModelOptions fo;
  fo.rotation = EarthRotationModel::kUniformZ;
  const Epoch t0 = *ParseIsoUtc("2016-02-11T12:00:00Z");
  auto no_drag = ForceModel::Create(fo, t0 - 86400, t0 + 3 * 86400);
  fo.drag_cd_area_over_mass_m2_kg = 0.02;
  auto plain = ForceModel::Create(fo, t0 - 86400, t0 + 3 * 86400);
  fo.density_scale = {2.0, 4.0};
  fo.density_scale_start = t0 - 43200;  // day 0's middle is t0, day 1's t0 + 1 d
  auto scaled = ForceModel::Create(fo, t0 - 86400, t0 + 3 * 86400);
  ASSERT_TRUE(no_drag.ok() && plain.ok() && scaled.ok());
  const Eigen::Vector3d r(4000e3, -3000e3, 4000e3), v(-5000, -2000, 4500);
  auto drag = [&](const std::unique_ptr<ForceModel>& m, const Epoch& t) {
    return Eigen::Vector3d(m->Acceleration(t, r, v, m->nominal_parameters()) -
                           (*no_drag)->Acceleration(t, r, v, (*no_drag)->nominal_parameters()));
  };
  for (const auto& [dt, factor] : std::vector<std::pair<double, double>>{
           {-30000.0, 2.0}, {0.0, 2.0}, {21600.0, 2.5}, {43200.0, 3.0}, {86400.0, 4.0}, {150000.0, 4.0}}) {
    const Eigen::Vector3d base = drag(*plain, t0 + dt);
    ASSERT_GT(base.norm(), 0);
    EXPECT_LT((drag(*scaled, t0 + dt) - factor * base).norm(), 1e-9 * factor * base.norm()) << dt;
  }
  fo.density_scale = {1.0, -0.5};
  EXPECT_NE(ForceModel::Create(fo, t0, t0 + 3600).status().message().find("density_scale[1] -0.5 must be finite and >= 0"),
            std::string::npos);
}

TEST(ForceModelTest, EopMustCoverTheSpan) {
  ForceModelOptions fo;
  fo.gravity = *GravityField::Read("tests/data/gravity/eigen-6s-truncated.gfc");
  fo.degree = fo.order = 4;
  fo.eop = std::make_shared<EopTable>(*EopTable::FromFiles({"tests/data/lageos2/bulletinb-338.txt"}));
  auto fm = ForceModel::Create(fo, *ParseIsoUtc("2016-02-11T00:00:00Z"),
                               *ParseIsoUtc("2016-06-01T00:00:00Z"));
  ASSERT_FALSE(fm.ok());
  EXPECT_NE(fm.status().message().find("Earth orientation"), std::string::npos) << fm.status();
}

}  // namespace
}  // namespace sstrack::astro
