// Copyright sstrack authors.
//
// orbit_determination/radio_troposphere.h — the neutral-atmosphere path
// delay of a radio signal (radar ranges and range rates): zenith delay from
// the surface weather (Saastamoinen) times the Niell (1996) mapping
// functions of the geometric elevation.
//
// One-way slant delay [m], always positive (the signal is late, the range
// reads long):
//   d(E) = d_h^z · m_h(E) + d_w^z · m_w(E)
// Zenith delays (Saastamoinen 1972, in the form of Davis et al. 1985 for the
// hydrostatic part):
//   d_h^z = 0.0022768 P / (1 − 0.00266 cos 2φ − 0.00028 H_km)  [m, P in hPa]
//   d_w^z = 0.002277 (1255/T + 0.05) e                         [m, e in hPa]
// The hydrostatic constant is 10⁻⁶ k1 R_d / g_m (k1 = 77.6 K/hPa,
// R_d = 287.05 J/(kg K), g_m = 9.784 m/s²): the zenith delay of any
// atmosphere in hydrostatic equilibrium, ≈ 2.31 m at 1013.25 hPa.
// Mapping (Niell 1996, JGR 101(B2), 3227–3246), continued fraction
// normalised at zenith,
//   f(E; a, b, c) = (1 + a/(1 + b/(1 + c))) / (sin E + a/(sin E + b/(sin E + c)))
//   m_h = f(E; a_h, b_h, c_h) + (1/sin E − f(E; a_ht, b_ht, c_ht)) H_km
//   m_w = f(E; a_w, b_w, c_w)
// with a_h.. = average − amplitude · cos(2π (doy − 28)/365.25) interpolated
// linearly in |φ| between the tabulated 15°, 30°, 45°, 60°, 75° (half a year
// later in the southern hemisphere), and the height correction
// a_ht = 2.53e-5, b_ht = 5.49e-3, c_ht = 1.14e-3. Niell fitted the functions
// to ray traces of radiosonde profiles; they are meant for E ≥ 3°.
//
// Two-way range = c (τ_up + τ_down)/2, each leg delayed by d(E): the range
// grows by d(E). Range rate (the rate of the down-leg range) grows by
// d'(E) Ė.
//
// T is double or astro::Dual<6>, instantiated in radio_troposphere.cc.
#ifndef SSTRACK_ORBIT_DETERMINATION_RADIO_TROPOSPHERE_H_
#define SSTRACK_ORBIT_DETERMINATION_RADIO_TROPOSPHERE_H_

#include "orbit_determination/measurement.h"

namespace sstrack::od {

// Where and when: the Niell functions depend on the site and the season.
struct TroposphereSite {
  double latitude_rad = 0.0;  // geodetic
  double height_m = 0.0;      // above the ellipsoid
  double day_of_year = 1.0;   // 1.0 = 1 January, 0h
};

double SaastamoinenHydrostaticZenithDelayM(double pressure_hpa, double latitude_rad,
                                           double height_m);
double SaastamoinenWetZenithDelayM(double temperature_k, double water_vapour_hpa);

template <typename T>
T NiellHydrostaticMapping(const T& elevation_rad, const TroposphereSite& site);
template <typename T>
T NiellWetMapping(const T& elevation_rad, const TroposphereSite& site);

// d(E), one way [m].
template <typename T>
T RadioTroposphereDelay(const T& elevation_rad, const SurfaceWeather& w,
                        const TroposphereSite& site);

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_RADIO_TROPOSPHERE_H_
