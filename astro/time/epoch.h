// Copyright sstrack authors.
//
// astro/time/epoch.h — one instant type for the whole product.
//
// An `Epoch` is an instant on the TAI time line, kept as whole seconds since
// J2000.0 TAI (2000-01-01T12:00:00 TAI) plus a fraction of a second in [0, 1).
// With a double fraction the resolution is ~1e-16 s, and with whole seconds in
// an int64 the range is astronomical, so nanoseconds survive over centuries
// (a single double of seconds would keep only ~0.1 µs after a century).
//
// Uniform scales (TAI, TT, TDB) are pure functions of the instant and are
// offered here as two-part Julian dates in the form ERFA expects. UTC and UT1
// need data (leap seconds, Earth orientation) and live in utc.h and eop.h.
//
// Example:
//   Epoch t0 = Epoch::FromTaiSeconds(0);          // J2000.0 TAI
//   Epoch t1 = t0 + 86400.5;                      // a day and a half second later
//   double dt_s = t1 - t0;                        // 86400.5
//   JulianDate tt = t1.Tt();                      // for eraPnm06a(tt.jd1, tt.jd2)
#ifndef SSTRACK_ASTRO_TIME_EPOCH_H_
#define SSTRACK_ASTRO_TIME_EPOCH_H_

#include <cstdint>
#include <compare>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sstrack::astro {

// Time scales named explicitly everywhere a time crosses a boundary.
enum class TimeScale { kUtc, kTai, kTt, kTdb, kUt1, kGps };

// "UTC", "TAI", "TT", "TDB", "UT1", "GPS".
absl::string_view TimeScaleName(TimeScale scale);
// Accepts the names above (case-insensitive) → INVALID_ARGUMENT otherwise.
absl::StatusOr<TimeScale> ParseTimeScale(absl::string_view name);

// A Julian date split in two parts (jd1 + jd2) as ERFA takes it. jd1 carries
// the large part (a whole or half day), jd2 the small part.
struct JulianDate {
  double jd1 = 0.0;
  double jd2 = 0.0;
  double Value() const { return jd1 + jd2; }
  // Modified Julian date as one double.
  double Mjd() const { return (jd1 - 2400000.5) + jd2; }
};

inline constexpr double kSecondsPerDay = 86400.0;
inline constexpr double kJ2000Jd = 2451545.0;
inline constexpr double kTtMinusTaiSeconds = 32.184;
inline constexpr double kTaiMinusGpsSeconds = 19.0;

class Epoch {
 public:
  // J2000.0 TAI.
  constexpr Epoch() = default;

  // From whole + fractional TAI seconds since J2000.0 TAI; any fraction
  // (negative, > 1) is normalized.
  static Epoch FromTaiSeconds(int64_t whole_s, double fraction_s = 0.0);
  // From a two-part Julian date in a uniform scale: TAI, TT, GPS or TDB
  // (TDB is inverted by fixed-point iteration on TT). UTC/UT1 →
  // INVALID_ARGUMENT: use utc.h / eop.h.
  static absl::StatusOr<Epoch> FromJulianDate(TimeScale scale, double jd1,
                                              double jd2);
  // Same for uniform scales, CHECK-fails on UTC/UT1 (programmer error).
  static Epoch FromTt(double jd1, double jd2);
  static Epoch FromTai(double jd1, double jd2);

  int64_t tai_whole_seconds() const { return whole_s_; }
  double tai_fraction_seconds() const { return fraction_s_; }
  // TAI seconds since J2000.0 as one double (loses resolution far from 2000).
  double TaiSecondsSinceJ2000() const {
    return static_cast<double>(whole_s_) + fraction_s_;
  }

  // Two-part Julian dates: jd1 is J2000.0 plus whole days (exact), jd2 the
  // fraction of a day, so the pair resolves ~1e-11 s.
  JulianDate Tai() const;
  JulianDate Tt() const;
  JulianDate Gps() const;
  // TDB via ERFA eraDtdb at the geocentre (|TDB−TT| < 2 ms).
  JulianDate Tdb() const;
  // Julian centuries of TT since J2000.0.
  double TtCenturiesSinceJ2000() const;

  Epoch operator+(double seconds) const;
  Epoch operator-(double seconds) const { return *this + (-seconds); }
  Epoch& operator+=(double seconds) { return *this = *this + seconds; }
  // Exact-as-possible difference in seconds (whole parts subtracted first).
  double operator-(const Epoch& other) const {
    return static_cast<double>(whole_s_ - other.whole_s_) +
           (fraction_s_ - other.fraction_s_);
  }
  friend bool operator==(const Epoch&, const Epoch&) = default;
  friend std::partial_ordering operator<=>(const Epoch& a, const Epoch& b) {
    if (auto c = a.whole_s_ <=> b.whole_s_; c != 0) return c;
    return a.fraction_s_ <=> b.fraction_s_;
  }

 private:
  constexpr Epoch(int64_t whole_s, double fraction_s)
      : whole_s_(whole_s), fraction_s_(fraction_s) {}
  int64_t whole_s_ = 0;
  double fraction_s_ = 0.0;  // in [0, 1)
};

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_TIME_EPOCH_H_
