// Copyright sstrack authors.
//
// orbit_determination/refraction.h — the bending of a ray by the neutral
// atmosphere: the apparent (observed) elevation of an object whose geometric
// (vacuum) elevation is E is E + R(E), R > 0.
//
// Optical (visible light): Bennett's (1982) formula with Meeus' refinement
// (Astronomical Algorithms, 2nd ed., ch. 16) and the constant that makes
// R(90°) = 0, as a function of the apparent elevation h_a [deg]:
//   R_B = cot(h_a + 7.31/(h_a + 4.4)) + 0.0013515           [arcmin]
//   R   = [R_B − 0.06 min(1, R_B) sin(14.7 R_B + 13°)] · (P/1010 hPa)(283 K/T)
// Bennett fitted the Pulkovo refraction tables (to 0.07′ from the horizon to
// the zenith; the refinement, 0.015′, brings the mid-elevation values onto
// the tables' 58″ at 45°). The factor min(1, R_B) is ours: it fades the
// refinement out above 45° so that R(90°) = 0 (−0.8″ otherwise); with it
// the model follows the ray trace to 0.3″ there. ≈ 34.5′ at the apparent
// horizon, 58″ at 45°, for 1010 hPa and 10 °C.
// E_a = E + R(E_a) is solved by fixed-point iteration (eight passes).
// Humidity is left out: water vapour changes optical refractivity by < 0.1 %.
//
// Radio: first-order bending in the CRPL exponential reference atmosphere
// of Bean & Dutton (1966, Radio Meteorology, NBS Monograph 92),
// N(h) = N_s exp(−h/H), with the surface refractivity from the weather
// (ITU-R P.453: N_s = 77.6/T (P + 4810 e/T), P and e in hPa — water vapour
// enters here, and dominates the change of N_s with the weather) and the
// scale height tied to N_s by the CRPL relation ΔN = 7.32 exp(0.005577 N_s)
// per km, H = 1 km / ln(N_s / (N_s − ΔN)) (≈ 7 km for N_s = 313). The
// bending integral R = ∫ (−dn/dh) cot e dh along the ray, with
// sin²e ≈ sin²E_a + 2h/r0 (r0 the station's geocentric radius), integrates
// in closed form:
//   R(E_a) = N_s·10⁻⁶ · cos E_a · √(π a) · erfcx(√a sin E_a),  a = r0/(2H),
// erfcx(x) = exp(x²) erfc(x); for large x it tends to N_s·10⁻⁶ cot E_a
// (1 − H/(r0 sin²E_a)). E_a is the apparent elevation; E_a = E + R(E_a) is
// solved by fixed-point iteration (|dR/dE| < 0.05: five passes).
//
// Not modelled: the parallactic refraction of a near object (the ray passes
// the atmosphere ≈ H from the station, so the direction to a satellite at
// distance ρ is refracted by ≈ R (1 − H/ρ); below 1 % of R for ρ > 800 km).
//
// Checked in refraction_test against the published horizon and 45° values,
// against Sæmundsson's (1986) independent formula (geometric → apparent), against a numerical ray trace through a
// spherically stratified atmosphere, and the derivatives against finite
// differences.
//
// The scalar type T is double or astro::Dual<6> (the measurement model's
// forward AD); both are instantiated in refraction.cc. Elevations below −1°
// are evaluated at −1° (the formulas are not meant for them).
#ifndef SSTRACK_ORBIT_DETERMINATION_REFRACTION_H_
#define SSTRACK_ORBIT_DETERMINATION_REFRACTION_H_

#include "orbit_determination/measurement.h"

namespace sstrack::od {

// The standard atmosphere at height h (ISO 2533 troposphere: 288.15 K −
// 6.5 K/km, P = 1013.25 hPa (T/288.15)^5.25588) with 50 % humidity.
SurfaceWeather StandardWeather(double height_m);

// Water vapour partial pressure [hPa] (Giacomo 1982, troposphere.h).
double WaterVapourPressureHpa(const SurfaceWeather& w);

// Surface radio refractivity N_s (ITU-R P.453), N-units.
double RadioRefractivity(const SurfaceWeather& w);

// CRPL exponential-atmosphere scale height for N_s [m].
double ExponentialScaleHeightM(double surface_refractivity);

// R(E) [rad], E the geometric elevation [rad].
template <typename T>
T OpticalRefraction(const T& elevation_rad, const SurfaceWeather& w);

// R(E) [rad] for radio waves, E geometric; station_radius_m = r0.
template <typename T>
T RadioRefraction(const T& elevation_rad, const SurfaceWeather& w,
                  double station_radius_m);

// The refraction of `band` (0 for kNone).
template <typename T>
T Refraction(Atmosphere band, const T& elevation_rad, const SurfaceWeather& w,
             double station_radius_m);

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_REFRACTION_H_
