// Copyright sstrack authors.
#include "orbit_determination/troposphere.h"

#include <cmath>

namespace sstrack::od {
namespace {

constexpr double kPaPerHpa = 100.0;
constexpr double kZeroCelsiusK = 273.15;

// FCULa coefficients, IERS (2010) table 9.1 (Mendes et al. 2002):
// a_i = a_i0 + a_i1 t_s[°C] + a_i2 cos φ + a_i3 H[m].
struct FculaRow {
  double c0, c_temperature, c_cos_latitude, c_height;
};
constexpr FculaRow kFcula[3] = {
    {12100.8e-7, 1729.5e-9, 319.1e-7, -1847.8e-11},  // a1
    {30496.5e-7, 234.6e-8, -103.5e-6, -185.6e-10},   // a2
    {6877.7e-5, 197.2e-7, -345.8e-5, 106.0e-9},      // a3
};

// The continued fraction of eq. 9.13 evaluated at x (sin e, or 1 at zenith).
double ContinuedFraction(double x, double a1, double a2, double a3) {
  return x + a1 / (x + a2 / (x + a3));
}

}  // namespace

double SaturationVapourPressurePa(double temperature_k) {
  const double t = temperature_k;
  // Giacomo (1982); the expression gives Pa directly (0.01 × it is hPa, as
  // the IERS text writes it).
  return std::exp(1.2378847e-5 * t * t - 1.9121316e-2 * t + 33.93711047 -
                  6.3431645e3 / t);
}

double WaterVapourPressurePa(double pressure_pa, double temperature_k,
                             double relative_humidity_percent) {
  const double p_hpa = pressure_pa / kPaPerHpa;
  const double t_c = temperature_k - kZeroCelsiusK;
  // Enhancement factor of water vapour in air (Giacomo 1982).
  const double f_w = 1.00062 + 3.14e-6 * p_hpa + 5.6e-7 * t_c * t_c;
  return relative_humidity_percent / 100.0 * f_w *
         SaturationVapourPressurePa(temperature_k);
}

double MendesPavlisSiteFactor(double latitude_rad, double height_m) {
  // IERS (2010) eq. 9.11, the denominator f_s(φ, H).
  return 1.0 - 0.00266 * std::cos(2.0 * latitude_rad) - 0.00000028 * height_m;
}

double MendesPavlisHydrostaticDispersion(double wavelength_um) {
  constexpr double k0 = 238.0185, k1 = 19990.975, k2 = 57.362, k3 = 579.55174;
  constexpr double kCo2Ppm = 375.0;
  const double sigma2 = 1.0 / (wavelength_um * wavelength_um);
  const double co2_factor = 1.0 + 0.534e-6 * (kCo2Ppm - 450.0);
  const double d0 = k0 - sigma2, d2 = k2 - sigma2;
  return 0.01 * co2_factor *
         (k1 * (k0 + sigma2) / (d0 * d0) + k3 * (k2 + sigma2) / (d2 * d2));
}

double MendesPavlisNonHydrostaticDispersion(double wavelength_um) {
  constexpr double w0 = 295.235, w1 = 2.6422, w2 = -0.032380, w3 = 0.004028;
  const double s2 = 1.0 / (wavelength_um * wavelength_um);
  return 0.003101 *
         (w0 + 3.0 * w1 * s2 + 5.0 * w2 * s2 * s2 + 7.0 * w3 * s2 * s2 * s2);
}

ZenithDelay MendesPavlisZenithDelay(double pressure_pa,
                                    double water_vapour_pressure_pa,
                                    double wavelength_um, double latitude_rad,
                                    double height_m) {
  const double f_s = MendesPavlisSiteFactor(latitude_rad, height_m);
  const double f_h = MendesPavlisHydrostaticDispersion(wavelength_um);
  const double f_nh = MendesPavlisNonHydrostaticDispersion(wavelength_um);
  ZenithDelay z;
  // Eq. 9.11: 0.002416579 m/hPa.
  z.hydrostatic_m = 0.002416579 * f_h * (pressure_pa / kPaPerHpa) / f_s;
  // Eq. 9.12.
  z.non_hydrostatic_m = 1.0e-4 * (5.316 * f_nh - 3.759 * f_h) *
                        (water_vapour_pressure_pa / kPaPerHpa) / f_s;
  return z;
}

double FculaMapping(double elevation_rad, double latitude_rad, double height_m,
                    double temperature_k) {
  const double t_c = temperature_k - kZeroCelsiusK;
  const double cos_lat = std::cos(latitude_rad);
  double a[3];
  for (int i = 0; i < 3; ++i) {
    const FculaRow& r = kFcula[i];
    a[i] = r.c0 + r.c_temperature * t_c + r.c_cos_latitude * cos_lat +
           r.c_height * height_m;
  }
  // Eq. 9.13: numerator normalises the function to 1 at the zenith.
  return ContinuedFraction(1.0, a[0], a[1], a[2]) /
         ContinuedFraction(std::sin(elevation_rad), a[0], a[1], a[2]);
}

double MendesPavlisSlantDelay(double pressure_pa, double temperature_k,
                              double relative_humidity_percent,
                              double wavelength_um, double latitude_rad,
                              double height_m, double elevation_rad) {
  const double e_pa = WaterVapourPressurePa(pressure_pa, temperature_k,
                                            relative_humidity_percent);
  const ZenithDelay z = MendesPavlisZenithDelay(
      pressure_pa, e_pa, wavelength_um, latitude_rad, height_m);
  return z.total_m() *
         FculaMapping(elevation_rad, latitude_rad, height_m, temperature_k);
}

}  // namespace sstrack::od
