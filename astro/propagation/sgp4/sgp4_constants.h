// Copyright sstrack authors.
//
// astro/propagation/sgp4/sgp4_constants.h — the WGS-72 constants SGP4 is
// fitted with (Spacetrack Report #3; Vallado et al. 2006), shared by the
// per-call propagator (sgp4.cc) and the batch one (sgp4_batch.cc) so that
// both compute with the very same numbers. Internal.
#ifndef SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_CONSTANTS_H_
#define SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_CONSTANTS_H_

#include <cmath>

namespace sstrack::astro::sgp4_internal {

inline constexpr double kMu = 398600.8;  // km³/s²
inline constexpr double kRe = 6378.135;  // km
inline constexpr double kJ2 = 0.001082616;
inline constexpr double kJ3 = -0.00000253881;
inline constexpr double kJ4 = -0.00000165597;
inline constexpr double kJ3oJ2 = kJ3 / kJ2;
inline constexpr double kTwoPi = 2.0 * M_PI;
inline constexpr double kX2o3 = 2.0 / 3.0;

// sqrt(μ) in Earth radii^1.5 per minute.
inline double Xke() { return 60.0 / std::sqrt(kRe * kRe * kRe / kMu); }

}  // namespace sstrack::astro::sgp4_internal

#endif  // SSTRACK_ASTRO_PROPAGATION_SGP4_SGP4_CONSTANTS_H_
