// Copyright sstrack authors.
#include "simulation/truth_scenario.h"

#include <cmath>

#include "astro/formats/tle.h"
#include "gtest/gtest.h"

namespace sstrack::simulation {
namespace {

astro::MeanElements Atlas() {
  auto e = astro::ParseTle("1 00694U 63047A   18020.45477549  .00000192  00000-0  13161-4 0  9993",
                           "2 00694  30.3567  49.3864 0587298 116.6761 249.5182 14.02251561713612");
  EXPECT_TRUE(e.ok()) << e.status();
  return *e;
}

TEST(TruthScenario, DeterministicAndOfTheStatedSize) {
  const astro::MeanElements el = Atlas();
  const astro::Epoch t0 = el.epoch + 3600.0;
  auto a = MakeTruthOrbit(el, t0, {});
  auto b = MakeTruthOrbit(el, t0, {});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ((a->truth_gcrf.position_m - b->truth_gcrf.position_m).norm(), 0.0);
  const double dp = (a->truth_gcrf.position_m - a->catalog_gcrf.position_m).norm();
  EXPECT_GT(dp, 1.0);
  EXPECT_LT(dp, 6000.0);  // < ~5σ of the in-track error
  // Another seed, another draw; σ = 0 → no error at all.
  TruthOptions other;
  other.seed = 7;
  auto c = MakeTruthOrbit(el, t0, other);
  EXPECT_GT((c->truth_gcrf.position_m - a->truth_gcrf.position_m).norm(), 0.1);
  TruthOptions none{0, 0, 0, 0, 0, 1};
  auto d = MakeTruthOrbit(el, t0, none);
  EXPECT_EQ((d->truth_gcrf.position_m - d->catalog_gcrf.position_m).norm(), 0.0);
}

// The semi-major axis of the truth differs from the catalog's by the drawn
// δa only (vis-viva, first order): with σ_a = 0 the change is second order
// in the ~1 km position error (< 1 m), with σ_a = 20 m it is tens of metres.
TEST(TruthScenario, SemiMajorAxisErrorIsTheDrawnOne) {
  const astro::MeanElements el = Atlas();
  const astro::Epoch t0 = el.epoch + 3600.0;
  auto sma = [](const astro::CartesianState& s) {
    return 1.0 / (2.0 / s.position_m.norm() -
                  s.velocity_m_s.squaredNorm() / astro::ForceModelOptions::kDefaultGm);
  };
  TruthOptions fixed;
  fixed.semi_major_axis_sigma_m = 0;
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    fixed.seed = seed;
    auto t = MakeTruthOrbit(el, t0, fixed);
    ASSERT_TRUE(t.ok());
    EXPECT_LT(std::abs(sma(t->truth_gcrf) - sma(t->catalog_gcrf)), 1.0) << seed;
    EXPECT_GT((t->truth_gcrf.position_m - t->catalog_gcrf.position_m).norm(), 1.0);
  }
  TruthOptions big;
  big.semi_major_axis_sigma_m = 1000;
  double largest = 0;
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    big.seed = seed;
    auto t = MakeTruthOrbit(el, t0, big);
    largest = std::max(largest, std::abs(sma(t->truth_gcrf) - sma(t->catalog_gcrf)));
  }
  EXPECT_GT(largest, 300.0);
  EXPECT_LT(largest, 5000.0);
}

// With no drawn error, the J2 truth stays within a few km of SGP4 (which
// has J2 plus J3, J4 and drag) over one revolution, on both sides of t_ref,
// and the state at t_ref is the one drawn.
TEST(TruthScenario, J2TruthTracksSgp4) {
  const astro::MeanElements el = Atlas();
  const astro::Epoch t0 = el.epoch + 3600.0;
  auto d = MakeTruthOrbit(el, t0, TruthOptions{0, 0, 0, 0, 0, 1});
  ASSERT_TRUE(d.ok());
  auto fm = TruthForceModel();
  ASSERT_TRUE(fm.ok()) << fm.status();
  const std::vector<astro::Epoch> ts = {t0 + 6000.0, t0, t0 - 3000.0};
  auto s = TruthStatesAt(*d, *fm, ts);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_LT(((*s)[1].position_m - d->truth_gcrf.position_m).norm(), 1e-3);
  for (size_t k : {0u, 2u}) {
    auto sgp4 = Sgp4StateGcrf(el, ts[k]);
    ASSERT_TRUE(sgp4.ok());
    EXPECT_LT(((*s)[k].position_m - sgp4->position_m).norm(), 5000.0) << k;
  }
  // Without J2 (two-body) the same arc departs much further from SGP4: J2 is in.
  astro::ForceModelOptions two_body;
  auto k2 = TruthStatesAt(*d, two_body, ts);
  ASSERT_TRUE(k2.ok());
  auto sgp4 = Sgp4StateGcrf(el, ts[0]);
  EXPECT_GT(((*k2)[0].position_m - sgp4->position_m).norm(),
            2 * ((*s)[0].position_m - sgp4->position_m).norm());
}

}  // namespace
}  // namespace sstrack::simulation

namespace sstrack::simulation {
namespace {

// The world's objects are drawn deterministically and inside their ranges.
TEST(WorldTest, ObjectPhysicsDeterministicAndInRange) {
  WorldOptions o;
  double log_sum = 0, log_sq = 0;
  const int n = 2000;
  for (int k = 1; k <= n; ++k) {
    const ObjectPhysics p = DrawObjectPhysics(k, o);
    const ObjectPhysics q = DrawObjectPhysics(k, o);
    EXPECT_EQ(p.cd_area_over_mass_m2_kg, q.cd_area_over_mass_m2_kg);
    EXPECT_GE(p.density_factor, 0.5);
    EXPECT_LE(p.density_factor, 1.5);
    EXPECT_GT(p.rcs_m2, 0);
    // Cd·A/m / Cr·A/m = density factor (one A/m for both).
    EXPECT_NEAR(p.cd_area_over_mass_m2_kg / p.cr_area_over_mass_m2_kg, p.density_factor, 1e-12);
    log_sum += std::log(p.rcs_m2);
    log_sq += std::log(p.rcs_m2) * std::log(p.rcs_m2);
  }
  // ln RCS ~ N(0, 1): sample mean within 4σ/√n, σ within 10 %.
  EXPECT_NEAR(log_sum / n, 0.0, 4.0 / std::sqrt(n));
  EXPECT_NEAR(std::sqrt(log_sq / n - (log_sum / n) * (log_sum / n)), 1.0, 0.1);
  o.seed = 7;
  EXPECT_NE(DrawObjectPhysics(1, o).rcs_m2, DrawObjectPhysics(1, WorldOptions{}).rcs_m2);
}

// The atmosphere changes from day to day: one factor per object and TAI
// day touched, in range, the same whichever span asks for the day, and the
// object's force model carries them with Cd·A/m no longer holding one.
TEST(WorldTest, DailyDensityFactors) {
  WorldOptions o;
  const astro::Epoch from = astro::Epoch::FromTaiSeconds(0, 569000000.0);  // 2018-01
  ObjectPhysics p = DrawObjectPhysics(25544, o);
  const double constant = p.density_factor, cd = p.cd_area_over_mass_m2_kg;
  DrawDailyDensity(25544, o, from, from + 3.5 * 86400, &p);
  const double first_day = std::floor(569000000.0 / 86400.0);
  ASSERT_EQ(p.daily_density_factor.size(), 4u + (std::fmod(569000000.0, 86400.0) > 43200 ? 1u : 0u));
  EXPECT_EQ(p.density_days_start.TaiSecondsSinceJ2000(), first_day * 86400.0);
  double lo = 2, hi = 0;
  for (double f : p.daily_density_factor) {
    EXPECT_GE(f, 0.5);
    EXPECT_LE(f, 1.5);
    lo = std::min(lo, f);
    hi = std::max(hi, f);
  }
  EXPECT_GT(hi - lo, 0.01);  // not one factor repeated
  EXPECT_NEAR(p.cd_area_over_mass_m2_kg, cd / constant, 1e-15);
  // A later span that shares the second day draws the same factor for it.
  ObjectPhysics q = DrawObjectPhysics(25544, o);
  DrawDailyDensity(25544, o, p.density_days_start + 86400.0 + 10.0, from + 9 * 86400, &q);
  EXPECT_EQ(q.daily_density_factor.front(), p.daily_density_factor[1]);
  // Another object, another atmosphere.
  ObjectPhysics other = DrawObjectPhysics(25545, o);
  DrawDailyDensity(25545, o, from, from + 3.5 * 86400, &other);
  EXPECT_NE(other.daily_density_factor, p.daily_density_factor);
  const astro::ForceModelOptions fo = ObjectForceModel(astro::ForceModelOptions{}, p);
  EXPECT_EQ(fo.density_scale, p.daily_density_factor);
  EXPECT_EQ(fo.density_scale_start.TaiSecondsSinceJ2000(), first_day * 86400.0);
}

// The simulated sky's forces are not the fit's: over a day a LEO orbit
// under GRIM4-S4 36×36 with HP exponent 6 parts from the same orbit under
// EIGEN-6S 20×20 with exponent 4 by more than radar noise, and the world
// model reads the GRGS file the server never uses.
TEST(WorldTest, TruthDiffersFromTheFitModel) {
  WorldOptions o;
  o.gravity_file = "config/gravity/grim4s4_gr";
  auto base = WorldForceModel(o);
  ASSERT_TRUE(base.ok()) << base.status();
  EXPECT_EQ(base->degree, 36);
  EXPECT_EQ(base->gravity->model_name().find("GRIM4"), 0u) << base->gravity->model_name();
  ObjectPhysics p;
  p.cd_area_over_mass_m2_kg = 0.01;
  p.cr_area_over_mass_m2_kg = 0.01;
  const astro::ForceModelOptions truth = ObjectForceModel(*base, p);
  astro::ForceModelOptions fit = truth;
  auto eigen = astro::GravityField::Read("config/gravity/eigen-6s-truncated.gfc");
  ASSERT_TRUE(eigen.ok());
  fit.gravity = *eigen;
  fit.degree = fit.order = 20;
  fit.harris_priester_exponent = 4;
  auto el = astro::ParseTle("1 25544U 98067A   18020.50000000  .00001600  00000-0  31000-4 0  9991",
                            "2 25544  51.6400 300.0000 0004000  90.0000 270.0000 15.54000000 99994");
  ASSERT_TRUE(el.ok());
  auto orbit = MakeTruthOrbit(*el, el->epoch, {});
  ASSERT_TRUE(orbit.ok());
  const astro::Epoch t = el->epoch + 86400.0;
  auto a = TruthStatesAt(*orbit, truth, {t});
  auto b = TruthStatesAt(*orbit, fit, {t});
  ASSERT_TRUE(a.ok() && b.ok());
  const double d = ((*a)[0].position_m - (*b)[0].position_m).norm();
  EXPECT_GT(d, 20.0);
  EXPECT_LT(d, 20e3);
}

}  // namespace
}  // namespace sstrack::simulation
