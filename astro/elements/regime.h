// Copyright sstrack authors.
//
// astro/elements/regime.h — the orbit regime of an Earth satellite, from its
// perigee, period and eccentricity, as operators sort a catalog (and as the
// server's configuration picks a force model per regime).
//
// Rules, in order (perigee altitude h_p = a(1 − e) − R⊕ with R⊕ = 6378137 m,
// period T = 2π √(a³/μ)):
//   HEO — e ≥ 0.25 (Molniya, Tundra, transfer orbits: their perigee passes
//         need drag and their apogee third-body forces, whatever T);
//   GEO — T within ±10 % of a sidereal day (86164.0905 s), geosynchronous;
//   LEO — h_p < 2000 km;
//   MEO — the rest (navigation constellations, MEO/GEO graveyards).
//
// Example:
//   OrbitRegime r = ClassifyOrbit(6778137.0, 0.001);   // kLeo
//   OrbitRegime s = ClassifyState(r_gcrf_m, v_gcrf_m_s, 3.986004418e14);
#ifndef SSTRACK_ASTRO_ELEMENTS_REGIME_H_
#define SSTRACK_ASTRO_ELEMENTS_REGIME_H_

#include <Eigen/Core>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sstrack::astro {

enum class OrbitRegime { kLeo, kMeo, kGeo, kHeo };

// "LEO", "MEO", "GEO", "HEO".
absl::string_view OrbitRegimeName(OrbitRegime regime);
absl::StatusOr<OrbitRegime> ParseOrbitRegime(absl::string_view name);

// a > 0 (m), 0 ≤ e < 1; μ of the Earth by default.
OrbitRegime ClassifyOrbit(double semi_major_axis_m, double eccentricity,
                          double gm_m3_s2 = 3.986004418e14);
// From an osculating Cartesian state (any inertial frame). Hyperbolic or
// degenerate states → INVALID_ARGUMENT.
absl::StatusOr<OrbitRegime> ClassifyState(const Eigen::Vector3d& position_m,
                                          const Eigen::Vector3d& velocity_m_s,
                                          double gm_m3_s2 = 3.986004418e14);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_ELEMENTS_REGIME_H_
