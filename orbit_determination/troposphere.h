// Copyright sstrack authors.
//
// orbit_determination/troposphere.h — the tropospheric delay of an optical
// (laser) range: the Mendes–Pavlis zenith delay and the FCULa mapping
// function, as recommended by the IERS Conventions (2010) §9.2.
//
// The slant delay (one way, metres, always positive: the light arrives late,
// so the measured range is longer than the geometric one) is
//   d_atm = d_z · m(e),
// d_z the zenith delay (hydrostatic + non-hydrostatic, eqs. 9.11–9.12), m the
// FCULa mapping function (eq. 9.13, table 9.1) of the geometric (vacuum)
// elevation e, which is what Mendes et al. (2002) fitted their ray traces to.
//
// Sources:
//   Mendes, V.B., and Pavlis, E.C. (2004), High-accuracy zenith delay
//     prediction at optical wavelengths, GRL 31, L14602.
//   Mendes, V.B., Prates, G., Pavlis, E.C., Pavlis, D.E., Langley, R.B.
//     (2002), Improved mapping functions for atmospheric refraction
//     correction in SLR, GRL 29(10), 1414.
//   Petit, G., Luzum, B. (eds.), IERS Conventions (2010), IERS TN 36, §9.2.
//   Giacomo, P. (1982), Equation for the determination of the density of
//     moist air, Metrologia 18, 33–40 (saturation vapour pressure and
//     enhancement factor, as Mendes & Pavlis 2004 use them).
//
// The formulas are written in SI units at this boundary (Pa, K, m, rad); the
// published constants are in hPa and °C and are converted inside. Accuracy
// (Mendes & Pavlis 2004): total zenith delay rms below 1 mm against ray
// tracing through radiosonde profiles; FCULa fits ray tracing to a few mm
// down to 10° elevation and is usable to 3°.
//
// These are pure functions of their arguments: callers validate meteorological
// input (see range_corrections.h, which does).
//
// Example:
//   double e_pa = WaterVapourPressurePa(101325.0, 288.15, 50.0);
//   ZenithDelay z = MendesPavlisZenithDelay(101325.0, e_pa, 0.532,
//                                           lat_rad, height_m);
//   double slant_m = z.total_m() * FculaMapping(el_rad, lat_rad, height_m,
//                                               288.15);
#ifndef SSTRACK_ORBIT_DETERMINATION_TROPOSPHERE_H_
#define SSTRACK_ORBIT_DETERMINATION_TROPOSPHERE_H_

namespace sstrack::od {

// Wavelength of a frequency-doubled Nd:YAG laser, the common SLR colour.
inline constexpr double kSlrWavelengthUm = 0.532;

// Saturation vapour pressure over water at temperature T (Giacomo 1982, as
// quoted by Mendes & Pavlis 2004 and IERS TN 36 §9.2.1):
//   e_sat = exp(1.2378847e-5 T² − 1.9121316e-2 T + 33.93711047
//               − 6.3431645e3 / T)                       [Pa, T in K].
// Valid for liquid water from about −50 °C to +100 °C (gives 1013.4 hPa at
// 373.15 K and 6.11 hPa at 273.15 K).
double SaturationVapourPressurePa(double temperature_k);

// Water vapour partial pressure from relative humidity (Giacomo 1982 with
// the enhancement factor of moist air):
//   f_w = 1.00062 + 3.14e-6 P + 5.6e-7 t²     [P in hPa, t in °C],
//   e   = (RH / 100) · f_w · e_sat(T).
// relative_humidity_percent in [0, 100].
double WaterVapourPressurePa(double pressure_pa, double temperature_k,
                             double relative_humidity_percent);

// Zenith delay of Mendes & Pavlis (2004), IERS (2010) eqs. 9.11–9.12 [m].
struct ZenithDelay {
  double hydrostatic_m = 0.0;
  double non_hydrostatic_m = 0.0;
  double total_m() const { return hydrostatic_m + non_hydrostatic_m; }
};

// The site-dependent factor of eq. 9.11:
//   f(φ, H) = 1 − 0.00266 cos 2φ − 0.00000028 H       [H in m],
// φ the geodetic latitude, H the height above the ellipsoid.
double MendesPavlisSiteFactor(double latitude_rad, double height_m);

// Dispersion of the hydrostatic component (eq. 9.12 context, the "f_h(λ)" of
// Mendes & Pavlis, with the Ciddor (1996) constants k0..k3 and 375 ppm CO2):
//   f_h(λ) = 10⁻² [k1* (k0 + σ²)/(k0 − σ²)² + k3* (k2 + σ²)/(k2 − σ²)²]
//            · (1 + 0.534e-6 (x_c − 450)),
// σ = 1/λ in µm⁻¹, k0 = 238.0185, k1* = 19990.975, k2 = 57.362,
// k3* = 579.55174, x_c = 375 ppm. ≈ 1.0000 at 0.532 µm.
double MendesPavlisHydrostaticDispersion(double wavelength_um);

// Dispersion of the non-hydrostatic component:
//   f_nh(λ) = 0.003101 (ω0 + 3 ω1 σ² + 5 ω2 σ⁴ + 7 ω3 σ⁶),
// ω0 = 295.235, ω1 = 2.6422, ω2 = −0.032380, ω3 = 0.004028.
double MendesPavlisNonHydrostaticDispersion(double wavelength_um);

// The zenith delay:
//   d_h^z  = 0.002416579 f_h(λ) P_s / f(φ, H)                (eq. 9.11)
//   d_nh^z = 10⁻⁴ (5.316 f_nh(λ) − 3.759 f_h(λ)) e_s / f(φ, H)  (eq. 9.12)
// with P_s the surface pressure and e_s the surface water vapour pressure,
// both in hPa inside the formulas (Pa at this interface).
ZenithDelay MendesPavlisZenithDelay(double pressure_pa,
                                    double water_vapour_pressure_pa,
                                    double wavelength_um, double latitude_rad,
                                    double height_m);

// FCULa mapping function (Mendes et al. 2002; IERS 2010 eq. 9.13 with the
// coefficients of table 9.1), a continued fraction normalised to 1 at zenith:
//   m(e) = (1 + a1/(1 + a2/(1 + a3))) / (sin e + a1/(sin e + a2/(sin e + a3))),
//   a_i = a_i0 + a_i1 t_s + a_i2 cos φ + a_i3 H,
// t_s the surface temperature in °C, φ the latitude, H the station height
// in m. Dimensionless; ≈ 1/sin e at high elevation.
double FculaMapping(double elevation_rad, double latitude_rad, double height_m,
                    double temperature_k);

// Zenith delay × mapping: the one-way slant delay [m] for surface pressure,
// temperature and relative humidity at the site.
double MendesPavlisSlantDelay(double pressure_pa, double temperature_k,
                              double relative_humidity_percent,
                              double wavelength_um, double latitude_rad,
                              double height_m, double elevation_rad);

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_TROPOSPHERE_H_
