// Copyright sstrack authors.
//
// astro/time/calendar.h — the proleptic Gregorian calendar's day counts,
// for the file formats that write dates (CCSDS, OMM):
//
//   IsLeapYear(2000) == true, IsLeapYear(1900) == false
//   DaysInMonth(2016, 2) == 29
//   DayOfYear(2016, 12, 31) == 366
//   MjdOfJanuary1(2000) == 51544   (MJD 0 = 1858-11-17)
#ifndef SSTRACK_ASTRO_TIME_CALENDAR_H_
#define SSTRACK_ASTRO_TIME_CALENDAR_H_

#include <cstdint>

namespace sstrack::astro {

constexpr bool IsLeapYear(int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// `month` 1–12.
constexpr int DaysInMonth(int64_t year, int month) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
}

// 1 = January 1.
constexpr int DayOfYear(int64_t year, int month, int day) {
  int doy = day;
  for (int m = 1; m < month; ++m) doy += DaysInMonth(year, m);
  return doy;
}

// Days from 0001-01-01 (365 a year plus the leap days of the years before,
// day 1 = 0001-01-01), and 1858-11-17 (MJD 0) is day 678576.
constexpr int64_t MjdOfJanuary1(int64_t year) {
  const int64_t y = year - 1;
  return 365 * y + y / 4 - y / 100 + y / 400 + 1 - 678576;
}

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_TIME_CALENDAR_H_
