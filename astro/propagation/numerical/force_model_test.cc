// Copyright sstrack authors.
#include "astro/propagation/numerical/force_model.h"

#include <cmath>

#include "astro/bodies/jpl_ephemeris.h"
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
