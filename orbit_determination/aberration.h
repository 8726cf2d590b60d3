// Copyright sstrack authors.
//
// orbit_determination/aberration.h — the aberration of light: the direction
// u (unit vector) of incoming light as seen by an observer moving with
// velocity V relative to the frame in which u is the geometric direction.
// Special relativity (the Lorentz transformation of a null direction; the
// form of ERFA eraAb without its solar-gravity term, which is < 1 µas):
//   β = V/c,  γ⁻¹ = √(1 − β²),
//   u' = (γ⁻¹ u + (1 + u·β/(1 + γ⁻¹)) β) / (1 + u·β).
// |β| ≈ 1e-4 for the Earth's orbital motion (≤ 20.5″ + 0.3″ diurnal).
//
// What an optical sensor's RA/Dec of an Earth satellite is, against the
// model's geometric direction u (station at reception → satellite at bounce
// time, light time solved in the geocentric GCRF; measurement_model.h):
//  * The light time solved in the GCRF already accounts for the common motion
//    of the Earth, the station and the satellite around the Sun: there is no
//    annual aberration between the satellite's geometric GCRF direction and
//    what arrives at the telescope. The station moves relative to the GCRF
//    with its rotation velocity ṡ, so the true apparent direction is
//    Ab(u, ṡ) — diurnal aberration only (≤ 0.32″).
//  * A star's apparent direction is Ab(u*, V_E + ṡ), V_E the Earth's
//    barycentric velocity (eraEpv00). RA/Dec reduced against catalogue
//    (astrometric) star positions map the stars back by −(V_E + ṡ): the
//    satellite's reported direction is Ab(Ab(u, ṡ), −(V_E + ṡ)) =
//    Ab(u, −V_E) to 3e-11 rad — the annual term appears with the opposite
//    sign of a star's, and the diurnal term cancels.
// Hence the velocity the model aberrates u by (measurement.h RaDecAberration):
//   V = (annual ? −V_E : 0) + (diurnal ? ṡ : 0)
// geometric data: neither; star-catalogue reduction (the usual "astrometric"
// satellite positions): annual; a sensor reporting the apparent direction in
// its own frame (encoders, or stars reduced with their full apparent places):
// diurnal; both: a catalogue reduction whose reported positions were not
// corrected for the station's rotation velocity either.
#ifndef SSTRACK_ORBIT_DETERMINATION_ABERRATION_H_
#define SSTRACK_ORBIT_DETERMINATION_ABERRATION_H_

#include <array>

#include <Eigen/Core>

#include "astro/time/epoch.h"

namespace sstrack::od {

// The Earth's barycentric velocity (BCRS, GCRF axes) from ERFA eraEpv00
// (VSOP87-based; error ≲ 1e-9 AU/day ≈ 2 mm/s).
Eigen::Vector3d EarthBarycentricVelocityMS(const astro::Epoch& t);

// u' of the formula above; u a unit vector. T is double or astro::Dual<6>.
template <typename T>
std::array<T, 3> Aberrate(const std::array<T, 3>& u, const Eigen::Vector3d& velocity_m_s);

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_ABERRATION_H_
