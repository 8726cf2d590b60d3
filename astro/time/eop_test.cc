// Copyright sstrack authors.
#include "astro/time/eop.h"

#include <cmath>

#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

constexpr double kMas = M_PI / (180.0 * 3600.0 * 1000.0);

TEST(EopTest, BulletinBNodesReproduceTheFile) {
  auto eop = EopTable::FromFiles({"tests/data/lageos2/bulletinb-337.txt",
                                  "tests/data/lageos2/bulletinb-338.txt"});
  ASSERT_TRUE(eop.ok()) << eop.status();
  // Bulletin B 338 (final values, which replace 337's preliminary ones):
  //   2016 2 13  57431  -11.889  321.068  7.1356  -0.234 -0.075
  auto s = eop->At(*ParseIsoUtc("2016-02-13T00:00:00Z"));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_NEAR(s->x_p_rad / kMas, -11.889, 1e-9);
  EXPECT_NEAR(s->y_p_rad / kMas, 321.068, 1e-9);
  EXPECT_NEAR(s->ut1_minus_utc_s, 7.1356e-3, 1e-12);
  EXPECT_NEAR(s->dx_rad / kMas, -0.234, 1e-9);
  EXPECT_EQ(s->tai_minus_utc_s, 36.0);
  // LOD from the UT1 slope: (9.1407 − 5.2511) ms over two days ≈ 1.94 ms.
  EXPECT_NEAR(s->lod_s, (9.1407 - 5.2511) / 2 * 1e-3, 1e-9);
}

TEST(EopTest, CubicInterpolationBetweenNodes) {
  auto eop = EopTable::FromFiles({"tests/data/lageos2/bulletinb-337.txt"});
  ASSERT_TRUE(eop.ok()) << eop.status();
  // Halfway between MJD 57431 and 57432: 4-point Lagrange weights
  // (−1/16, 9/16, 9/16, −1/16) on x(57430..57433).
  const double x = (-(-11.209) + 9 * (-11.877) + 9 * (-12.468) - (-13.053)) / 16;
  auto s = eop->At(*ParseIsoUtc("2016-02-13T12:00:00Z"));
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(s->x_p_rad / kMas, x, 1e-9);
}

TEST(EopTest, Ut1IsSmoothAcrossALeapSecond) {
  auto eop = EopTable::FromFiles({"astro/time/testdata/finals2000A-leap2016.txt"});
  ASSERT_TRUE(eop.ok()) << eop.status();
  EXPECT_EQ(eop->size(), 8u);  // the prediction row without UT1 ends it
  // The file's UT1−TAI is linear (−0.9 ms/day): interpolation must be exact
  // on both sides of 2017-01-01 although UT1−UTC jumps by one second.
  for (const char* iso : {"2016-12-31T12:00:00Z", "2016-12-31T23:59:59Z",
                          "2016-12-31T23:59:60.5Z", "2017-01-01T00:00:00Z",
                          "2017-01-01T06:00:00Z"}) {
    const Epoch t = *ParseIsoUtc(iso);
    auto s = eop->At(t);
    ASSERT_TRUE(s.ok()) << s.status();
    const double mjd_tai = (t.Tai().jd1 - 2400000.5) + t.Tai().jd2;
    // UT1−TAI on the line through the nodes (node at 0h UTC = 0h + ΔAT TAI).
    const double days = *UtcMjd(t) - 57753.0;
    EXPECT_NEAR(s->ut1_minus_tai_s(), -36.4076 - 0.0009 * days, 1e-9) << iso;
    EXPECT_GT(mjd_tai, 0.0);
  }
  auto before = eop->At(*ParseIsoUtc("2016-12-31T23:59:59Z"));
  auto after = eop->At(*ParseIsoUtc("2017-01-01T00:00:00Z"));
  EXPECT_NEAR(after->ut1_minus_utc_s - before->ut1_minus_utc_s, 1.0, 1e-4);
}

TEST(EopTest, OutOfSpanAndBadFiles) {
  auto eop = EopTable::FromFiles({"tests/data/lageos2/bulletinb-337.txt"});
  ASSERT_TRUE(eop.ok());
  auto s = eop->At(*ParseIsoUtc("2017-06-01T00:00:00Z"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_NE(s.status().message().find("2017-06-01"), std::string::npos);
  auto bad = EopTable::FromFinals2000AText("16 1 1 5738x.00 I 0.1\n", "f.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("f.txt:1"), std::string::npos);
  EXPECT_FALSE(EopTable::FromFiles({"/nonexistent"}).ok());
}

// Found by tests/fuzz:eop_fuzz: a gap in Bulletin B's days and an MJD
// outside the leap-second table were refused without the file's name.
TEST(EopTest, BulletinBRefusalsNameTheFile) {
  const std::string head = "1 - DAILY FINAL VALUES\n";
  const std::string gap = head +
                          "2016 2 1 57419 -1 1 7.0 0 0\n2016 2 2 57420 -1 1 7.0 0 0\n"
                          "2016 2 3 57421 -1 1 7.0 0 0\n2016 2 5 57423 -1 1 7.0 0 0\n";
  auto g = EopTable::FromBulletinBText({{"b-337.txt", gap}});
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("Bulletin B (b-337.txt): EOP days not consecutive at MJD 57423"),
            std::string::npos)
      << g.status();
  auto old = EopTable::FromBulletinBText({{"b-1.txt", head + "1960 1 1 36934 -1 1 7.0 0 0\n"}});
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.status().message().find("b-1.txt:2: MJD 36934 is not a date from 1972 to 2100"),
            std::string::npos)
      << old.status();
}

}  // namespace
}  // namespace sstrack::astro
