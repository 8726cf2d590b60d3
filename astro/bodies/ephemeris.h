// Copyright sstrack authors.
//
// astro/bodies/ephemeris.h — where the Sun and the Moon are, for force
// models and observation geometry.
//
// A `BodyEphemeris` gives geocentric positions in GCRF axes (ICRS), metres,
// at an `Epoch` (evaluated in TDB). Two implementations:
//   - `AnalyticEphemeris`: ERFA's series — Sun from eraEpv00 (VSOP87-based,
//     ≲ 5 km), Moon from eraMoon98 (Meeus' ELP-2000/82 truncation, ≲ 20 km).
//     Needs no data file and covers any date; good for perturbations of
//     ordinary orbits and for visibility.
//   - `JplEphemeris` (jpl_ephemeris.h): a JPL DE binary file, metre-level;
//     needed for laser-ranging accuracy.
// Example:
//   AnalyticEphemeris eph;
//   Eigen::Vector3d moon = eph.MoonGcrf(t);
#ifndef SSTRACK_ASTRO_BODIES_EPHEMERIS_H_
#define SSTRACK_ASTRO_BODIES_EPHEMERIS_H_

#include <string>

#include <Eigen/Core>

#include "astro/time/epoch.h"

namespace sstrack::astro {

// Gravitational parameters (m^3/s^2), DE430 values.
inline constexpr double kGmSunM3S2 = 1.32712440041939400e20;
inline constexpr double kGmMoonM3S2 = 4.902800066e12;

class BodyEphemeris {
 public:
  virtual ~BodyEphemeris() = default;
  // Geocentric position of the Sun / the Moon, GCRF axes, metres. Callers
  // keep `t` inside `Covers()`; outside it the result is unspecified.
  virtual Eigen::Vector3d SunGcrf(const Epoch& t) const = 0;
  virtual Eigen::Vector3d MoonGcrf(const Epoch& t) const = 0;
  // Whether [start, end] lies inside the ephemeris' span.
  virtual bool Covers(const Epoch& start, const Epoch& end) const = 0;
  virtual std::string Name() const = 0;
};

class AnalyticEphemeris final : public BodyEphemeris {
 public:
  Eigen::Vector3d SunGcrf(const Epoch& t) const override;
  Eigen::Vector3d MoonGcrf(const Epoch& t) const override;
  bool Covers(const Epoch&, const Epoch&) const override { return true; }
  std::string Name() const override { return "ERFA (eraEpv00, eraMoon98)"; }
};

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_BODIES_EPHEMERIS_H_
