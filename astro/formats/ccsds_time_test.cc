// Copyright sstrack authors.
//
// CCSDS time tags in UTC, TAI, TT and GPS: one instant written in each scale
// gives one Epoch, checked against the closed-form TAI second count.
#include "astro/formats/ccsds_time.h"

#include <string>

#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

Epoch Parse(const std::string& text, TimeScale scale) {
  absl::StatusOr<Epoch> t = ParseCcsdsTime(text, scale);
  EXPECT_TRUE(t.ok()) << text << ": " << t.status();
  return t.value_or(Epoch());
}

std::string Format(const Epoch& t, TimeScale scale, int digits = 9) {
  absl::StatusOr<std::string> s = FormatCcsdsTime(t, scale, digits);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.value_or("");
}

TEST(CcsdsTimeTest, OneInstantInFourScalesIsOneEpoch) {
  // 2020-06-01T00:00:00 UTC, TAI − UTC = 37 s: MJD 59001 (2020-01-01 is MJD
  // 58849, plus 31+29+31+30+31 = 152 days). TAI seconds since J2000.0 TAI
  // (MJD 51544.5): (59001 − 51544)·86400 − 43200 + 37 = 644241637.
  const Epoch want = Epoch::FromTaiSeconds(644241637);
  EXPECT_EQ(Parse("2020-06-01T00:00:00", TimeScale::kUtc), want);
  EXPECT_EQ(Parse("2020-06-01T00:00:00Z", TimeScale::kUtc), want);
  EXPECT_EQ(Parse("2020-06-01T00:00:37", TimeScale::kTai), want);
  // GPS = TAI − 19 s; TT = TAI + 32.184 s.
  EXPECT_EQ(Parse("2020-06-01T00:00:18", TimeScale::kGps), want);
  EXPECT_EQ(Parse("2020-06-01T00:01:09.184", TimeScale::kTt), want);
  // The same through the Julian-date path of Epoch.
  absl::StatusOr<Epoch> tt = Epoch::FromJulianDate(
      TimeScale::kTt, 2400000.5 + 59001, 69.184 / 86400.0);
  ASSERT_TRUE(tt.ok());
  EXPECT_NEAR(*tt - want, 0.0, 1e-9);
  // Day-of-year form: June 1 of a leap year is day 153.
  EXPECT_EQ(Parse("2020-153T00:00:37", TimeScale::kTai), want);
}

TEST(CcsdsTimeTest, FractionIsKeptToTheLastDigit) {
  const Epoch t = Parse("2020-06-01T00:00:37.123456789012", TimeScale::kTai);
  EXPECT_EQ(t.tai_whole_seconds(), 644241637);
  EXPECT_EQ(t.tai_fraction_seconds(), 0.123456789012);
}

TEST(CcsdsTimeTest, DayOfYearAndLeapSecond) {
  EXPECT_EQ(Parse("2016-366T12:00:00", TimeScale::kUtc),
            Parse("2016-12-31T12:00:00", TimeScale::kUtc));
  EXPECT_EQ(Parse("2005-159T17:41:00", TimeScale::kUtc),
            Parse("2005-06-08T17:41:00", TimeScale::kUtc));
  // ΔAT = 32 s in 2005: TT = UTC + 32 s + 32.184 s.
  EXPECT_EQ(Format(Parse("2005-159T17:41:00", TimeScale::kUtc), TimeScale::kTt),
            "2005-06-08T17:42:04.184");
  // The inserted second: 23:59:60.5 UTC is 00:00:36.5 TAI (ΔAT = 36 s).
  EXPECT_EQ(Parse("2016-12-31T23:59:60.5", TimeScale::kUtc),
            Parse("2017-01-01T00:00:36.5", TimeScale::kTai));
  EXPECT_EQ(
      Format(Parse("2016-12-31T23:59:60.5", TimeScale::kUtc), TimeScale::kUtc),
      "2016-12-31T23:59:60.500");
}

TEST(CcsdsTimeTest, BadTimesNameTheirFault) {
  struct Case {
    std::string text;
    TimeScale scale;
    std::string expect;
  };
  const Case cases[] = {
      {"2016-12-31T23:59:60", TimeScale::kTai, "second 60 not in 0-59"},
      {"2015-12-31T23:59:60", TimeScale::kUtc, "has no leap second"},
      {"2015-366T00:00:00", TimeScale::kUtc, "day of year 366 not in 1-365"},
      {"2015-13-01T00:00:00", TimeScale::kUtc, "month 13 not in 1-12"},
      {"2015-02-29T00:00:00", TimeScale::kTt, "day 29 not in 1-28"},
      {"2015-02-01T24:00:00", TimeScale::kGps, "hour 24 not in 0-23"},
      {"2015-02-01T23:60:00", TimeScale::kGps, "minute 60 not in 0-59"},
      {"2015-02-01 00:00:00", TimeScale::kUtc, "expected YYYY-MM-DDThh"},
      {"2015-02-01T00:00", TimeScale::kUtc, "expected hh:mm:ss"},
      {"2015-02-01T00:00:00.", TimeScale::kUtc, "digits after the decimal"},
      {"2015-02-01T00:00:00.5x", TimeScale::kUtc, "digits after the decimal"},
      {"2015-02-01T00:00:00Z", TimeScale::kTai, "'Z' marks UTC"},
      {"2015-02-01T00:00:00", TimeScale::kUt1, "UT1 not supported"},
      {"1970-01-01T00:00:00", TimeScale::kUtc, "1972"},
      // A file's epochs lie from 1957 to 2100 (astro/time/utc.h).
      {"3000-01-01T00:00:00", TimeScale::kUtc, "year 3000 not in 1957-2100"},
      {"2101-01-01T00:00:00", TimeScale::kTai, "year 2101 not in 1957-2100"},
      {"1956-12-31T23:59:59", TimeScale::kTai, "year 1956 not in 1957-2100"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Epoch> t = ParseCcsdsTime(c.text, c.scale);
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_NE(t.status().message().find(c.expect), std::string::npos)
        << c.text << " → " << t.status();
    EXPECT_NE(t.status().message().find(c.text.substr(0, 10)),
              std::string::npos)
        << t.status();
  }
  EXPECT_TRUE(ParseCcsdsTime("2100-12-31T23:59:59", TimeScale::kTai).ok());
  EXPECT_TRUE(ParseCcsdsTime("1957-10-04T19:28:34", TimeScale::kTai).ok());
}

TEST(CcsdsTimeTest, FormatRoundsAndCarries) {
  const Epoch t = Epoch::FromTaiSeconds(644241637);  // 2020-06-01T00:00:37 TAI
  EXPECT_EQ(Format(t, TimeScale::kTai), "2020-06-01T00:00:37.000");
  EXPECT_EQ(Format(t, TimeScale::kUtc), "2020-06-01T00:00:00.000");
  EXPECT_EQ(Format(t, TimeScale::kGps), "2020-06-01T00:00:18.000");
  EXPECT_EQ(Format(t, TimeScale::kTt), "2020-06-01T00:01:09.184");
  EXPECT_EQ(Format(t, TimeScale::kTt, 0), "2020-06-01T00:01:09");
  // 0.9999999996 s rounds up into the next minute, day and year.
  const Epoch end = Parse("2019-12-31T23:59:59.9999999996", TimeScale::kTai);
  EXPECT_EQ(Format(end, TimeScale::kTai), "2020-01-01T00:00:00.000");
  EXPECT_EQ(Format(end, TimeScale::kTai, 3), "2020-01-01T00:00:00.000");
  EXPECT_EQ(Format(t + 0.25, TimeScale::kGps), "2020-06-01T00:00:18.250");
  EXPECT_EQ(Format(t + 1e-9, TimeScale::kTai), "2020-06-01T00:00:37.000000001");
  // Before J2000 and in a leap year's last day.
  EXPECT_EQ(
      Format(Parse("1996-366T06:07:08.9", TimeScale::kTt), TimeScale::kTt),
      "1996-12-31T06:07:08.900");
  EXPECT_FALSE(FormatCcsdsTime(t, TimeScale::kTdb).ok());
}

TEST(CcsdsTimeTest, ParseOfFormatGivesTheSameEpochInEveryScale) {
  for (TimeScale scale :
       {TimeScale::kUtc, TimeScale::kTai, TimeScale::kTt, TimeScale::kGps}) {
    for (const char* text :
         {"2007-08-29T06:00:02.125", "2000-01-01T12:00:00.000000001",
          "1999-12-31T23:59:59.999999999", "2024-02-29T17:41:00.3"}) {
      const Epoch t = Parse(text, scale);
      EXPECT_EQ(Parse(Format(t, scale), scale), t)
          << text << " " << TimeScaleName(scale);
    }
  }
}

}  // namespace
}  // namespace sstrack::astro
