// Copyright sstrack authors.
//
// astro/propagation/numerical/forces.h — the perturbing accelerations other
// than the Earth's field, each a small function on a generic scalar type T
// (double, or Dual<N> for exact partials). Positions in metres, velocities
// in m/s, accelerations in m/s²; all vectors in one inertial frame (GCRF)
// unless the name says otherwise.
//
//   ThirdBody    point mass at s (geocentric): a = μ[(s−r)/|s−r|³ − s/|s|³]
//                (the second term: the body's pull on the Earth, since the
//                frame is geocentric).
//   Relativity   Schwarzschild term of the IERS 2010 Conventions, eq. 10.12,
//                with β = γ = 1:
//                a = μ/(c² r³) [(4μ/r − v²) r + 4 (r·v) v].
//   Srp          cannonball solar radiation pressure:
//                a = ν P☉ (AU/|r−s|)² Cr·A/m (r−s)/|r−s|,
//                P☉ = 4.56e-6 N/m² at 1 AU, ν the sunlit fraction (taken
//                as a constant for the partials, as is customary).
//   Drag         a = −½ ρ Cd·A/m |v_rel| v_rel with v_rel = v − ω⊕×r (the
//                atmosphere co-rotates with the Earth).
//   HarrisPriesterDensity  Harris–Priester model with the diurnal bulge
//                (Montenbruck & Gill §3.5.2; table for mean solar activity,
//                100–1000 km): ρ = ρ_min + (ρ_max − ρ_min) cos^n(ψ/2), ψ the
//                angle to the bulge apex (Sun direction lagged 30° in right
//                ascension), n = 2 for low and 6 for polar orbits. Height is
//                above the WGS-84 ellipsoid to first order in the
//                flattening (≲ 20 m, far below the model's own error).
#ifndef SSTRACK_ASTRO_PROPAGATION_NUMERICAL_FORCES_H_
#define SSTRACK_ASTRO_PROPAGATION_NUMERICAL_FORCES_H_

#include <array>

namespace sstrack::astro {

inline constexpr double kSpeedOfLightMS = 299792458.0;
inline constexpr double kSolarPressureAt1AuNM2 = 4.56e-6;

template <typename T>
using Vec3T = std::array<T, 3>;

template <typename T>
Vec3T<T> ThirdBodyAcceleration(const Vec3T<T>& r, const std::array<double, 3>& body,
                               double gm_m3_s2);

template <typename T>
Vec3T<T> RelativityAcceleration(const Vec3T<T>& r, const Vec3T<T>& v, double gm_m3_s2);

template <typename T>
Vec3T<T> SrpAcceleration(const Vec3T<T>& r, const std::array<double, 3>& sun,
                         const T& cr_area_over_mass_m2_kg, double sunlit_fraction);

// Density (kg/m³) at `r`; zero above 1000 km; below 100 km the 100 km value.
template <typename T>
T HarrisPriesterDensity(const Vec3T<T>& r, const std::array<double, 3>& sun,
                        double cos_exponent);

template <typename T>
Vec3T<T> DragAcceleration(const Vec3T<T>& r, const Vec3T<T>& v,
                          const std::array<double, 3>& earth_rotation_rad_s,
                          const T& density_kg_m3, const T& cd_area_over_mass_m2_kg);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_PROPAGATION_NUMERICAL_FORCES_H_
