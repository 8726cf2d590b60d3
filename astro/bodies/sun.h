// Copyright sstrack authors.
//
// astro/bodies/sun.h — the Sun as seen from the Earth, and Earth's shadow.
//
// Position: geocentric, GCRF axes (ICRS), from ERFA eraEpv00 (VSOP87-based,
// ~ 4.6 km accuracy at 1 AU over 1900–2100): r_sun = −r_earth,heliocentric.
// Shadow: conical model with the Sun and the Earth as disks seen from the
// object (Montenbruck & Gill, 3.4.2): apparent radii a = asin(R_sun/|s−r|),
// b = asin(R_earth/|r|), separation c between the two centres. c ≥ a + b:
// full sunlight (1); c ≤ b − a: umbra (0); otherwise the visible fraction of
// the Sun's disk (penumbra / annular).
#ifndef SSTRACK_ASTRO_BODIES_SUN_H_
#define SSTRACK_ASTRO_BODIES_SUN_H_

#include <Eigen/Core>

#include "astro/time/epoch.h"

namespace sstrack::astro {

inline constexpr double kAstronomicalUnitM = 149597870700.0;
inline constexpr double kSunRadiusM = 695700e3;     // IAU 2015 nominal
inline constexpr double kEarthEquatorialRadiusM = 6378137.0;

Eigen::Vector3d SunPositionGcrf(const Epoch& t);

// Fraction of the solar disk visible from `object_gcrf_m` (0 umbra … 1 sunlit).
double SunlitFraction(const Eigen::Vector3d& object_gcrf_m,
                      const Eigen::Vector3d& sun_gcrf_m);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_BODIES_SUN_H_
