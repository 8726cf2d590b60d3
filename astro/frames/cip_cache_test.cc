// Copyright sstrack authors.
#include "astro/frames/cip_cache.h"

#include <random>

#include "astro/time/utc.h"
#include "erfa.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

TEST(CipCacheTest, InterpolationMatchesFullSeriesOverAWeek) {
  const Epoch t0 = *ParseIsoUtc("2016-02-10T00:00:00Z");
  auto cache = CipCache::Create(t0, t0 + 7 * 86400.0);
  ASSERT_TRUE(cache.ok()) << cache.status();
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> u(0.0, 7 * 86400.0);
  double worst = 0.0;
  for (int i = 0; i < 300; ++i) {
    const Epoch t = t0 + u(rng);
    const JulianDate tt = t.Tt();
    double x, y, s;
    eraXys06a(tt.jd1, tt.jd2, &x, &y, &s);
    auto xys = cache->Xys(t);
    ASSERT_TRUE(xys.ok());
    worst = std::max({worst, std::abs(xys->x() - x), std::abs(xys->y() - y),
                      std::abs(xys->z() - s)});
  }
  EXPECT_LT(worst, 1e-12) << "rad";
}

// Caches over different spans share the grid's nodes (multiples of the
// spacing since J2000): at a common instant they interpolate the same
// nodes, bit for bit, and the nodes are the series' own values.
TEST(CipCacheTest, CachesOverDifferentSpansShareTheGrid) {
  const Epoch t0 = *ParseIsoUtc("2018-01-20T07:13:20Z");
  auto a = CipCache::Create(t0, t0 + 86400.0);
  auto b = CipCache::Create(t0 + 1234.5, t0 + 2 * 86400.0);
  auto c = CipCache::Create(t0 + 50000.0, t0 + 50001.0, 1800.0);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  const Epoch t = t0 + 50000.0;
  EXPECT_EQ(*a->Xys(t), *b->Xys(t));
  // A node itself: 2018-01-21T07:00:00 TAI is 569,746,800 s after J2000, a
  // multiple of 3600.
  const Epoch node = Epoch::FromTaiSeconds(0, 0.0) + 569746800.0;
  const JulianDate tt = node.Tt();
  double x, y, s;
  eraXys06a(tt.jd1, tt.jd2, &x, &y, &s);
  auto at_node = b->Xys(node);
  ASSERT_TRUE(at_node.ok());
  EXPECT_EQ(at_node->x(), x);
  EXPECT_EQ(at_node->y(), y);
  EXPECT_EQ(at_node->z(), s);
  EXPECT_LT(std::abs(c->Xys(t)->x() - a->Xys(t)->x()), 1e-12);
}

TEST(CipCacheTest, StateMatchesDirectTransform) {
  const Epoch t0 = *ParseIsoUtc("2016-02-13T16:00:00Z");
  auto cache = CipCache::Create(t0, t0 + 86400.0);
  ASSERT_TRUE(cache.ok());
  EopSample eop;
  eop.x_p_rad = -5.8e-8;
  eop.y_p_rad = 1.56e-6;
  eop.ut1_minus_utc_s = 0.0071;
  eop.tai_minus_utc_s = 36;
  eop.lod_s = 0.0019;
  eop.dx_rad = -1.1e-9;
  CartesianState g{Eigen::Vector3d(7526993.3, -9646310.4, 1464110.5),
                   Eigen::Vector3d(3033.79, 1715.26, -4447.66)};
  for (double dt : {0.0, 1234.5, 40000.0, 86399.0}) {
    const Epoch t = t0 + dt;
    auto direct = ConvertState(g, Frame::kGcrf, Frame::kItrf, t, eop);
    auto cached = cache->GcrfToItrf(g, t, eop);
    ASSERT_TRUE(direct.ok() && cached.ok());
    EXPECT_LT((direct->position_m - cached->position_m).norm(), 1e-4);
    EXPECT_LT((direct->velocity_m_s - cached->velocity_m_s).norm(), 1e-7);
  }
  EXPECT_FALSE(cache->Xys(t0 + 10 * 86400.0).ok());
  EXPECT_FALSE(CipCache::Create(t0, t0 - 1.0).ok());
}

}  // namespace
}  // namespace sstrack::astro
