// Copyright sstrack authors.
#include "astro/time/calendar.h"

#include "gtest/gtest.h"

namespace sstrack::astro {
namespace {

// Published MJDs (USNO): 2000-01-01 = 51544, 1858-11-17 = 0, 1970-01-01 =
// 40587; and, as a second count, each year's length from MjdOfJanuary1
// equals the sum of its months for every year 1–9999.
TEST(CalendarTest, DayCounts) {
  EXPECT_EQ(MjdOfJanuary1(2000), 51544);
  EXPECT_EQ(MjdOfJanuary1(1970), 40587);
  EXPECT_EQ(MjdOfJanuary1(1858) + DayOfYear(1858, 11, 17) - 1, 0);
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2016));
  EXPECT_EQ(DaysInMonth(2016, 2), 29);
  EXPECT_EQ(DaysInMonth(2018, 2), 28);
  EXPECT_EQ(DayOfYear(2016, 12, 31), 366);
  EXPECT_EQ(DayOfYear(2005, 6, 8), 159);
  for (int64_t y = 1; y < 9999; ++y) {
    int months = 0;
    for (int m = 1; m <= 12; ++m) months += DaysInMonth(y, m);
    ASSERT_EQ(MjdOfJanuary1(y + 1) - MjdOfJanuary1(y), months) << y;
    ASSERT_EQ(months, IsLeapYear(y) ? 366 : 365) << y;
  }
}

}  // namespace
}  // namespace sstrack::astro
