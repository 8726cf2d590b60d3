// Copyright sstrack authors.
#include "astro/time/epoch.h"

#include <cmath>

#include "erfa.h"
#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

TEST(EpochTest, ArithmeticKeepsNanosecondsOverACentury) {
  const Epoch t0 = Epoch::FromTaiSeconds(0);
  const double century_s = 100.0 * 365.25 * 86400.0;
  const Epoch t1 = t0 + century_s;
  const Epoch t2 = t1 + 1e-9;
  EXPECT_NEAR(t2 - t1, 1e-9, 1e-15);
  EXPECT_NEAR(t2 - t0, century_s + 1e-9, 1e-6);
  EXPECT_LT(t1, t2);
}

TEST(EpochTest, NormalizesNegativeFractions) {
  const Epoch t = Epoch::FromTaiSeconds(10, -0.25);
  EXPECT_EQ(t.tai_whole_seconds(), 9);
  EXPECT_DOUBLE_EQ(t.tai_fraction_seconds(), 0.75);
  const Epoch u = Epoch::FromTaiSeconds(0) - 0.5;
  EXPECT_EQ(u.tai_whole_seconds(), -1);
  EXPECT_DOUBLE_EQ(u.tai_fraction_seconds(), 0.5);
}

TEST(EpochTest, JulianDateRoundTripInEachUniformScale) {
  for (TimeScale s : {TimeScale::kTai, TimeScale::kTt, TimeScale::kGps,
                      TimeScale::kTdb}) {
    auto e = Epoch::FromJulianDate(s, 2453101.5, 0.327407245474537);
    ASSERT_TRUE(e.ok()) << e.status();
    JulianDate back = s == TimeScale::kTai  ? e->Tai()
                      : s == TimeScale::kTt ? e->Tt()
                      : s == TimeScale::kGps ? e->Gps()
                                              : e->Tdb();
    const double diff_s = ((back.jd1 - 2453101.5) + (back.jd2 - 0.327407245474537)) *
                          86400.0;
    EXPECT_NEAR(diff_s, 0.0, 1e-9) << TimeScaleName(s);
  }
}

TEST(EpochTest, TtIsTaiPlus32184AndTdbMatchesErfa) {
  const Epoch t = Epoch::FromTai(2453101.5, 0.3);
  const JulianDate tt = t.Tt();
  EXPECT_NEAR(((tt.jd1 - 2453101.5) + (tt.jd2 - 0.3)) * 86400.0, 32.184, 1e-9);
  // ERFA's own TT→TDB.
  double tdb1, tdb2;
  eraTttdb(tt.jd1, tt.jd2, eraDtdb(tt.jd1, tt.jd2, 0, 0, 0, 0), &tdb1,
           &tdb2);
  const JulianDate tdb = t.Tdb();
  EXPECT_NEAR(((tdb.jd1 - tdb1) + (tdb.jd2 - tdb2)) * 86400.0, 0.0, 1e-9);
}

TEST(EpochTest, RejectsNonUniformScalesAndNonFinite) {
  EXPECT_FALSE(Epoch::FromJulianDate(TimeScale::kUtc, 2451545.0, 0).ok());
  EXPECT_FALSE(Epoch::FromJulianDate(TimeScale::kUt1, 2451545.0, 0).ok());
  EXPECT_FALSE(Epoch::FromJulianDate(TimeScale::kTt, NAN, 0).ok());
  auto s = ParseTimeScale("tdb");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, TimeScale::kTdb);
  EXPECT_FALSE(ParseTimeScale("TCB").ok());
}

}  // namespace
}  // namespace sstrack::astro
