// Copyright sstrack authors.
#include "simulation/truth_ephemeris.h"

#include <cmath>

#include "astro/formats/tle.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "gtest/gtest.h"

namespace sstrack::simulation {
namespace {

astro::MeanElements Tle(const char* l1, const char* l2) {
  auto e = astro::ParseTle(l1, l2);
  EXPECT_TRUE(e.ok()) << e.status();
  return *e;
}

// The ephemeris's interpolated states against a direct integration of the
// same truth orbit under the same forces (a second method): two LEOs, a
// Molniya and a GEO, at instants between grid points, over three days.
TEST(TruthEphemeris, InterpolationMatchesDirectIntegration) {
  std::map<int, astro::MeanElements> els;
  els[694] = Tle("1 00694U 63047A   18020.45477549  .00000192  00000-0  13161-4 0  9993",
                 "2 00694  30.3567  49.3864 0587298 116.6761 249.5182 14.02251561713612");
  els[25544] = Tle("1 25544U 98067A   18020.89808844  .00002078  00000-0  38550-4 0  9992",
                   "2 25544  51.6424  32.9776 0003646  28.7227  39.5332 15.54190080 95614");
  els[7376] = Tle("1 07376U 74056A   18019.00155720  .00000127  00000-0  14517-2 0  9994",
                  "2 07376  63.1333 271.1783 7230997 294.0792   9.1773  2.01039729318016");
  els[7392] = Tle("1 07392U 74060A   18021.11660400 -.00000056  00000-0  00000+0 0  9999",
                  "2 07392   8.7604 304.8931 0006031 176.3544 115.3015  1.00198728103383");
  WorldOptions wo;
  wo.gravity_file = "config/gravity/grim4s4_gr";
  wo.degree = 12;  // the test's speed; the interpolation does not depend on it
  auto world = MakeWorld({}, wo);
  ASSERT_TRUE(world.ok()) << world.status();
  const astro::Epoch t0 = els[694].epoch + 3600.0;
  const astro::Epoch t1 = t0 + 3 * 86400.0;
  int reported = 0;
  TruthEphemerisOptions eo;
  eo.progress = [&](int done, int total) {
    EXPECT_EQ(total, 4);
    reported = done;
  };
  auto eph = TruthEphemeris::Build(els, *world, t0, t1, eo);
  ASSERT_TRUE(eph.ok()) << eph.status();
  EXPECT_EQ(reported, 4);
  ASSERT_EQ(eph->size(), 4u);
  for (const auto& [n, el] : els) {
    auto truth = MakeTruthOrbit(el, t0, world->truth);
    ASSERT_TRUE(truth.ok());
    std::vector<astro::Epoch> ts;
    for (double dt : {0.0, 17.3, 1234.5, 86400.0 + 611.1, 2.5 * 86400 + 3.7, 3 * 86400.0}) {
      ts.push_back(t0 + dt);
    }
    auto fm = astro::ForceModel::Create(*eph->ForceModelOf(n), t0 - 60.0, t1 + 60.0);
    ASSERT_TRUE(fm.ok());
    astro::NumericalPropagatorOptions po;
    po.relative_tolerance = 1e-12;
    po.position_tolerance_m = 1e-4;
    po.velocity_tolerance_m_s = 1e-7;
    auto direct = astro::PropagateNumerically(**fm, t0, truth->truth_gcrf, ts, po);
    ASSERT_TRUE(direct.ok()) << direct.status();
    for (size_t k = 0; k < ts.size(); ++k) {
      auto x = eph->StateAt(n, ts[k]);
      ASSERT_TRUE(x.ok()) << x.status();
      EXPECT_LT((x->position_m - (*direct)[k].gcrf.position_m).norm(), 1e-3) << n << " at " << k;
      EXPECT_LT((x->velocity_m_s - (*direct)[k].gcrf.velocity_m_s).norm(), 1e-6) << n << " at " << k;
    }
  }
  EXPECT_TRUE(absl::IsOutOfRange(eph->StateAt(694, t1 + 10.0).status()));
  EXPECT_TRUE(absl::IsOutOfRange(eph->StateAt(694, t0 - 10.0).status()));
  EXPECT_TRUE(absl::IsNotFound(eph->StateAt(5, t0).status()));
  ASSERT_NE(eph->PhysicsOf(694), nullptr);
  EXPECT_EQ(eph->PhysicsOf(694)->rcs_m2, DrawObjectPhysics(694, wo).rcs_m2);
}

TEST(TruthEphemeris, RefusesAnEmptySpan) {
  WorldOptions wo;
  wo.gravity_file = "config/gravity/grim4s4_gr";
  wo.degree = 4;
  auto world = MakeWorld({}, wo);
  ASSERT_TRUE(world.ok()) << world.status();
  const astro::Epoch t0 = astro::Epoch();
  EXPECT_TRUE(absl::IsInvalidArgument(TruthEphemeris::Build({}, *world, t0, t0, {}).status()));
}

}  // namespace
}  // namespace sstrack::simulation
