// Copyright sstrack authors.
#include "astro/time/utc.h"

#include <cmath>
#include <string>

#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

// Seconds of day of a two-part JD.
double SecondsOfDay(const JulianDate& jd) {
  double d = std::fmod(jd.jd1 - 0.5, 1.0) + jd.jd2;
  d -= std::floor(d);
  return d * 86400.0;
}

// Vallado, Fundamentals of Astrodynamics and Applications, Example 3-7:
// 2004-05-14 16:43:00 UTC, ΔAT = 32 s → TAI 16:43:32, TT 16:44:04.184,
// JD_TT = 2453140.197270648, T_TT = 0.043674121031, TDB ≈ 16:44:04.1856.
TEST(UtcTest, ValladoExample3_7) {
  auto t = ParseIsoUtc("2004-05-14T16:43:00Z");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_NEAR(SecondsOfDay(t->Tai()), 16 * 3600 + 43 * 60 + 32.0, 1e-6);
  EXPECT_NEAR(SecondsOfDay(t->Tt()), 16 * 3600 + 44 * 60 + 4.184, 1e-6);
  EXPECT_NEAR(t->Tt().Value(), 2453140.197270648, 1e-9);
  EXPECT_NEAR(t->TtCenturiesSinceJ2000(), 0.043674121031, 1e-12);
  // The book uses the two-term approximation of TDB−TT (good to ~1 ms);
  // ERFA's full series differs from it by 0.36 ms here.
  EXPECT_NEAR(SecondsOfDay(t->Tdb()), 16 * 3600 + 44 * 60 + 4.1856, 5e-4);
}

TEST(UtcTest, LeapSecondEndOf2016) {
  auto a = ParseIsoUtc("2016-12-31T23:59:59Z");
  auto leap = ParseIsoUtc("2016-12-31T23:59:60.5Z");
  auto b = ParseIsoUtc("2017-01-01T00:00:00Z");
  ASSERT_TRUE(a.ok() && leap.ok() && b.ok());
  EXPECT_DOUBLE_EQ(*b - *a, 2.0);
  EXPECT_DOUBLE_EQ(*leap - *a, 1.5);
  EXPECT_EQ(FormatIsoUtc(*leap, 1), "2016-12-31T23:59:60.5Z");
  EXPECT_EQ(FormatIsoUtc(*b, 0), "2017-01-01T00:00:00Z");
  EXPECT_EQ(*LeapSecondTable::Builtin().TaiMinusUtc(*a), 36.0);
  EXPECT_EQ(*LeapSecondTable::Builtin().TaiMinusUtc(*leap), 36.0);
  EXPECT_EQ(*LeapSecondTable::Builtin().TaiMinusUtc(*b), 37.0);
  // No leap second at the end of 2015.
  auto bad = ParseIsoUtc("2015-12-31T23:59:60Z");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("no leap second"), std::string::npos);
}

TEST(UtcTest, FormattingRoundsAndCarries) {
  auto t = ParseIsoUtc("2016-12-31T23:59:59.9999996");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatIsoUtc(*t, 6), "2016-12-31T23:59:60.000000Z");
  auto u = ParseIsoUtc("2017-12-31 23:59:59.99999996");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(FormatIsoUtc(*u, 6), "2018-01-01T00:00:00.000000Z");
  auto d = ParseIsoUtc("2004-04-06");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(FormatIsoUtc(*d, 3), "2004-04-06T00:00:00.000Z");
}

TEST(UtcTest, RoundTripEveryHourOverLeapYears) {
  auto t0 = ParseIsoUtc("2015-06-29T00:00:00.123456789Z");
  ASSERT_TRUE(t0.ok());
  for (int h = 0; h < 24 * 800; h += 7) {
    const Epoch t = *t0 + h * 3600.0;
    auto c = UtcFromEpoch(t);
    ASSERT_TRUE(c.ok());
    auto back = EpochFromUtc(*c);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_NEAR(*back - t, 0.0, 1e-12);
  }
}

TEST(UtcTest, RejectsMalformedDates) {
  for (const char* s : {"2016-13-01", "2016-02-30", "garbage", "2016-01-01T24:00:00",
                        "2016-01-01T12:60:00", "2016-01-01T12:00:61",
                        "2016-01-01T12:00", "1960-01-01", "2016-01-01T12:00:0x"}) {
    auto t = ParseIsoUtc(s);
    EXPECT_FALSE(t.ok()) << s;
    EXPECT_NE(t.status().message().find(s), std::string::npos)
        << t.status().message();
  }
}

TEST(UtcTest, IanaFileMatchesErfaTable) {
  auto iana = LeapSecondTable::FromIanaFile("astro/time/testdata/leap-seconds.list");
  ASSERT_TRUE(iana.ok()) << iana.status();
  const auto& a = iana->steps();
  const auto& b = LeapSecondTable::Builtin().steps();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].utc_mjd, b[i].utc_mjd);
    EXPECT_EQ(a[i].tai_minus_utc, b[i].tai_minus_utc);
  }
  EXPECT_FALSE(LeapSecondTable::FromIanaText("2272060800 x\n", "f").ok());
}

TEST(UtcTest, TableFromStepsIsCheckedAndUsed) {
  // A table that stops at 1973 (11 s from 1972-07-01, 12 s from 1973-01-01).
  auto t = LeapSecondTable::FromSteps({{41317, 10}, {41499, 11}, {41683, 12}}, "list");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(*t->TaiMinusUtcAtUtcMjd(41498), 10.0);
  EXPECT_EQ(*t->TaiMinusUtcAtUtcMjd(41499), 11.0);
  EXPECT_EQ(*t->TaiMinusUtcAtUtcMjd(57000), 12.0);
  EXPECT_FALSE(LeapSecondTable::FromSteps({}, "list").ok());
  EXPECT_FALSE(LeapSecondTable::FromSteps({{41499, 11}}, "list").ok());
  auto unordered = LeapSecondTable::FromSteps({{41317, 10}, {41317, 11}}, "list");
  ASSERT_FALSE(unordered.ok());
  EXPECT_NE(unordered.status().message().find("list: step dates not increasing"),
            std::string::npos);
}

TEST(UtcTest, MjdOfCalendarDates) {
  EXPECT_EQ(*MjdFromCalendarDate(1858, 11, 17), 0);  // the MJD origin
  EXPECT_EQ(*MjdFromCalendarDate(1961, 1, 1), 37300);  // tai-utc.dat's "=JD 2437300.5"
  EXPECT_EQ(*MjdFromCalendarDate(2016, 2, 13), 57431);  // the LAGEOS-2 CPF day
  EXPECT_FALSE(MjdFromCalendarDate(2016, 2, 30).ok());
  EXPECT_FALSE(MjdFromCalendarDate(2016, 13, 1).ok());
}

TEST(UtcTest, MjdRoundTrip) {
  auto t = EpochFromUtcMjd(57400.25);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatIsoUtc(*t, 3), "2016-01-13T06:00:00.000Z");
  EXPECT_NEAR(*UtcMjd(*t), 57400.25, 1e-12);
}

// The ISS element set of the SGP4 verification file era: "08264.51782528" is
// 2008-09-20 (day 264 of a leap year) + 0.51782528 d = 12:25:40.104192 UTC.
TEST(UtcTest, TleEpochForm) {
  auto e = ParseTleEpoch("08264.51782528");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(FormatIsoUtc(e->epoch, 6), "2008-09-20T12:25:40.104192Z");
  EXPECT_DOUBLE_EQ(e->utc_jd.jd1, 2454466.5);  // 2008-01-01 0h
  EXPECT_DOUBLE_EQ(e->utc_jd.jd2, 263.51782528);
  EXPECT_EQ(FormatTleEpoch(e->epoch), "08264.51782528");
  auto old = ParseTleEpoch("98001.00000000");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(FormatIsoUtc(old->epoch, 0), "1998-01-01T00:00:00Z");
  EXPECT_FALSE(ParseTleEpoch("17366.5").ok());   // 2017 has 365 days
  EXPECT_FALSE(ParseTleEpoch("1x001.0").ok());
  EXPECT_TRUE(ParseTleEpoch("16366.5").ok());    // 2016 has 366
}


// The examples of RFC 3339 §5.8, and what it does not allow.
TEST(UtcTest, Rfc3339Examples) {
  auto a = ParseRfc3339("1985-04-12T23:20:50.52Z");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(FormatIsoUtc(*a, 2), "1985-04-12T23:20:50.52Z");
  auto b = ParseRfc3339("1996-12-19T16:39:57-08:00");
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(FormatIsoUtc(*b, 0), "1996-12-20T00:39:57Z");
  auto leap = ParseRfc3339("1990-12-31T23:59:60Z");
  auto leap_local = ParseRfc3339("1990-12-31T15:59:60-08:00");
  ASSERT_TRUE(leap.ok() && leap_local.ok()) << leap_local.status();
  EXPECT_EQ(*leap_local - *leap, 0.0);
  EXPECT_EQ(FormatIsoUtc(*leap, 0), "1990-12-31T23:59:60Z");
  // Before UTC's integer steps: out of range here, not a syntax error.
  auto old = ParseRfc3339("1937-01-01T12:00:27.87+00:20");
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.status().code(), absl::StatusCode::kOutOfRange);
  // An east offset across a month end.
  auto east = ParseRfc3339("2018-03-01T05:30:00+09:00");
  ASSERT_TRUE(east.ok());
  EXPECT_EQ(FormatIsoUtc(*east, 0), "2018-02-28T20:30:00Z");
  // Lower-case t and z, nine decimals.
  auto lower = ParseRfc3339("2018-01-20t12:00:00.123456789z");
  ASSERT_TRUE(lower.ok());
  EXPECT_NEAR(*lower - *ParseRfc3339("2018-01-20T12:00:00Z"), 0.123456789, 1e-12);
  // A west offset out of year 9999: refused, not a year-10000 epoch.
  auto beyond = ParseRfc3339("9999-12-31T23:59:59-08:00");
  ASSERT_FALSE(beyond.ok());
  EXPECT_NE(beyond.status().message().find("in UTC outside the years 0001-9999"), std::string::npos)
      << beyond.status();
  EXPECT_TRUE(ParseRfc3339("9999-12-31T23:59:59+08:00").ok());
}

TEST(UtcTest, Rfc3339RefusesWhatIsoUtcForgives) {
  const std::string spaces(10 << 20, ' ');
  for (const std::string& bad :
       {std::string("2018-01-10"), std::string("2018-01-10T12:00:00"),
        std::string("2018-01-10 12:00:00Z"), std::string(" 2018-01-10T12:00:00Z"),
        std::string("2018-01-10T12:00:00Z "), "2018-01-10T12:00:00Z" + spaces,
        std::string("2018-01-10T12:00:00.Z"), std::string("2018-01-10T12:00:00.1234567890Z"),
        std::string("2018-01-10T12:00:00+24:00"), std::string("2018-01-10T12:00:00+0900"),
        std::string("2018-01-10T24:00:00Z"), std::string("2018-02-30T12:00:00Z"),
        std::string("2018-01-10T12:00:60Z"), std::string("")}) {
    auto t = ParseRfc3339(bad);
    EXPECT_FALSE(t.ok()) << "'" << bad.substr(0, 40) << "' accepted";
    // The message quotes at most 40 characters of the text.
    EXPECT_LT(t.status().message().size(), 200u) << t.status();
  }
  // The forgiving reader still takes them (files, the command line).
  EXPECT_TRUE(ParseIsoUtc("2018-01-10").ok());
  EXPECT_TRUE(ParseIsoUtc("2018-01-10 12:00:00").ok());
}

}  // namespace
}  // namespace sstrack::astro
