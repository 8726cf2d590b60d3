// Copyright sstrack authors.
#include "astro/time/epoch.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "erfa.h"
#include "glog/logging.h"

namespace sstrack::astro {
namespace {

// Splits days since J2000 into whole seconds + fraction without losing the
// sub-microsecond part of jd2.
Epoch FromDaysSinceJ2000(double day_a, double day_b, double offset_s) {
  // Each part converted separately, whole seconds taken out of each.
  const double sa = day_a * kSecondsPerDay;
  const double sb = day_b * kSecondsPerDay;
  const double wa = std::floor(sa);
  const double wb = std::floor(sb);
  const double wo = std::floor(offset_s);
  const double frac = (sa - wa) + (sb - wb) + (offset_s - wo);
  return Epoch::FromTaiSeconds(
      static_cast<int64_t>(wa) + static_cast<int64_t>(wb) +
          static_cast<int64_t>(wo),
      frac);
}

}  // namespace

absl::string_view TimeScaleName(TimeScale scale) {
  switch (scale) {
    case TimeScale::kUtc:
      return "UTC";
    case TimeScale::kTai:
      return "TAI";
    case TimeScale::kTt:
      return "TT";
    case TimeScale::kTdb:
      return "TDB";
    case TimeScale::kUt1:
      return "UT1";
    case TimeScale::kGps:
      return "GPS";
  }
  return "?";
}

absl::StatusOr<TimeScale> ParseTimeScale(absl::string_view name) {
  const std::string upper = absl::AsciiStrToUpper(name);
  for (TimeScale s : {TimeScale::kUtc, TimeScale::kTai, TimeScale::kTt,
                      TimeScale::kTdb, TimeScale::kUt1, TimeScale::kGps}) {
    if (upper == TimeScaleName(s)) return s;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown time scale '", name, "': expected UTC, TAI, TT, TDB, UT1 or GPS"));
}

Epoch Epoch::FromTaiSeconds(int64_t whole_s, double fraction_s) {
  const double w = std::floor(fraction_s);
  whole_s += static_cast<int64_t>(w);
  fraction_s -= w;
  if (fraction_s >= 1.0) {  // rounding of a tiny negative fraction
    fraction_s = 0.0;
    whole_s += 1;
  }
  return Epoch(whole_s, fraction_s);
}

absl::StatusOr<Epoch> Epoch::FromJulianDate(TimeScale scale, double jd1,
                                            double jd2) {
  if (!std::isfinite(jd1) || !std::isfinite(jd2)) {
    return absl::InvalidArgumentError("Julian date is not finite");
  }
  // Days since J2000 in the given scale, kept in two parts.
  const double day_a = jd1 - kJ2000Jd;
  const double day_b = jd2;
  switch (scale) {
    case TimeScale::kTai:
      return FromDaysSinceJ2000(day_a, day_b, 0.0);
    case TimeScale::kTt:
      return FromDaysSinceJ2000(day_a, day_b, -kTtMinusTaiSeconds);
    case TimeScale::kGps:
      return FromDaysSinceJ2000(day_a, day_b, kTaiMinusGpsSeconds);
    case TimeScale::kTdb: {
      // TT = TDB - dtdb(TT); dtdb varies by < 1e-10 s per ms, so two
      // fixed-point passes are exact to well below a picosecond.
      Epoch t = FromDaysSinceJ2000(day_a, day_b, -kTtMinusTaiSeconds);
      for (int i = 0; i < 3; ++i) {
        const JulianDate tt = t.Tt();
        const double dtdb = eraDtdb(tt.jd1, tt.jd2, 0.0, 0.0, 0.0, 0.0);
        t = FromDaysSinceJ2000(day_a, day_b, -kTtMinusTaiSeconds - dtdb);
      }
      return t;
    }
    case TimeScale::kUtc:
    case TimeScale::kUt1:
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("Epoch::FromJulianDate takes a uniform scale (TAI, TT, "
                   "TDB, GPS), not ",
                   TimeScaleName(scale), "; use utc.h or eop.h"));
}

Epoch Epoch::FromTt(double jd1, double jd2) {
  auto e = FromJulianDate(TimeScale::kTt, jd1, jd2);
  CHECK(e.ok()) << e.status();
  return *e;
}

Epoch Epoch::FromTai(double jd1, double jd2) {
  auto e = FromJulianDate(TimeScale::kTai, jd1, jd2);
  CHECK(e.ok()) << e.status();
  return *e;
}

JulianDate Epoch::Tai() const {
  // jd1 = J2000 + whole days (exact in a double), jd2 = fraction of a day, so
  // the pair keeps ~1e-11 s.
  const int64_t day = static_cast<int64_t>(
      std::floor(static_cast<double>(whole_s_) / kSecondsPerDay));
  const int64_t rem_s = whole_s_ - day * 86400;
  return {kJ2000Jd + static_cast<double>(day),
          (static_cast<double>(rem_s) + fraction_s_) / kSecondsPerDay};
}

JulianDate Epoch::Tt() const {
  return (*this + kTtMinusTaiSeconds).Tai();
}

JulianDate Epoch::Gps() const { return (*this - kTaiMinusGpsSeconds).Tai(); }

JulianDate Epoch::Tdb() const {
  const JulianDate tt = Tt();
  const double dtdb = eraDtdb(tt.jd1, tt.jd2, 0.0, 0.0, 0.0, 0.0);
  return (*this + (kTtMinusTaiSeconds + dtdb)).Tai();
}

double Epoch::TtCenturiesSinceJ2000() const {
  const JulianDate tt = Tt();
  return ((tt.jd1 - kJ2000Jd) + tt.jd2) / 36525.0;
}

Epoch Epoch::operator+(double seconds) const {
  const double w = std::floor(seconds);
  return FromTaiSeconds(whole_s_ + static_cast<int64_t>(w),
                        fraction_s_ + (seconds - w));
}

}  // namespace sstrack::astro
