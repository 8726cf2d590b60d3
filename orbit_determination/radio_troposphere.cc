// Copyright sstrack authors.
#include "orbit_determination/radio_troposphere.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "astro/math/dual.h"
#include "orbit_determination/refraction.h"

namespace sstrack::od {
namespace {

using Abc = std::array<double, 3>;

// Niell (1996) table 3, at latitudes 15°, 30°, 45°, 60°, 75°.
constexpr Abc kHydroAverage[5] = {{1.2769934e-3, 2.9153695e-3, 62.610505e-3},
                                  {1.2683230e-3, 2.9152299e-3, 62.837393e-3},
                                  {1.2465397e-3, 2.9288445e-3, 63.721774e-3},
                                  {1.2196049e-3, 2.9022565e-3, 63.824265e-3},
                                  {1.2045996e-3, 2.9024912e-3, 64.258455e-3}};
constexpr Abc kHydroAmplitude[5] = {{0.0, 0.0, 0.0},
                                    {1.2709626e-5, 2.1414979e-5, 9.0128400e-5},
                                    {2.6523662e-5, 3.0160779e-5, 4.3497037e-5},
                                    {3.4000452e-5, 7.2562722e-5, 84.795348e-5},
                                    {4.1202191e-5, 11.723375e-5, 170.37206e-5}};
constexpr Abc kWet[5] = {{5.8021897e-4, 1.4275268e-3, 4.3472961e-2},
                         {5.6794847e-4, 1.5138625e-3, 4.6729510e-2},
                         {5.8118019e-4, 1.4572752e-3, 4.3908931e-2},
                         {5.9727542e-4, 1.5007428e-3, 4.4626982e-2},
                         {6.1641693e-4, 1.7599082e-3, 5.4736038e-2}};
constexpr Abc kHeight = {2.53e-5, 5.49e-3, 1.14e-3};

// Linear interpolation in |φ| over the 15°-spaced rows, constant outside.
Abc Interpolate(const Abc (&table)[5], double latitude_rad) {
  const double x = std::clamp(std::abs(latitude_rad) * 180.0 / M_PI, 15.0, 75.0);
  const int i = std::min(3, static_cast<int>((x - 15.0) / 15.0));
  const double f = (x - 15.0 - 15.0 * i) / 15.0;
  Abc out;
  for (int k = 0; k < 3; ++k) out[k] = table[i][k] + f * (table[i + 1][k] - table[i][k]);
  return out;
}

template <typename T>
T Marini(const T& s, const Abc& p) {
  const double top = 1.0 + p[0] / (1.0 + p[1] / (1.0 + p[2]));
  return top / (s + p[0] / (s + p[1] / (s + p[2])));
}

}  // namespace

double SaastamoinenHydrostaticZenithDelayM(double pressure_hpa, double latitude_rad,
                                           double height_m) {
  return 0.0022768 * pressure_hpa /
         (1.0 - 0.00266 * std::cos(2.0 * latitude_rad) - 0.00028 * height_m / 1000.0);
}

double SaastamoinenWetZenithDelayM(double temperature_k, double water_vapour_hpa) {
  return 0.002277 * (1255.0 / temperature_k + 0.05) * water_vapour_hpa;
}

template <typename T>
T NiellHydrostaticMapping(const T& elevation_rad, const TroposphereSite& site) {
  using std::sin;
  const double doy = site.day_of_year + (site.latitude_rad < 0 ? 365.25 / 2 : 0.0);
  const double season = std::cos(2.0 * M_PI * (doy - 28.0) / 365.25);
  const Abc avg = Interpolate(kHydroAverage, site.latitude_rad);
  const Abc amp = Interpolate(kHydroAmplitude, site.latitude_rad);
  Abc p;
  for (int k = 0; k < 3; ++k) p[k] = avg[k] - amp[k] * season;
  const T s = sin(elevation_rad);
  return Marini(s, p) + (1.0 / s - Marini(s, kHeight)) * (site.height_m / 1000.0);
}

template <typename T>
T NiellWetMapping(const T& elevation_rad, const TroposphereSite& site) {
  using std::sin;
  return Marini(T(sin(elevation_rad)), Interpolate(kWet, site.latitude_rad));
}

template <typename T>
T RadioTroposphereDelay(const T& elevation_rad, const SurfaceWeather& w,
                        const TroposphereSite& site) {
  // Below 1° the functions are outside their fit: hold the 1° value there.
  const T e = elevation_rad < T(M_PI / 180.0) ? T(M_PI / 180.0) : elevation_rad;
  const double zh = SaastamoinenHydrostaticZenithDelayM(w.pressure_hpa, site.latitude_rad,
                                                        site.height_m);
  const double zw = SaastamoinenWetZenithDelayM(w.temperature_k, WaterVapourPressureHpa(w));
  return zh * NiellHydrostaticMapping(e, site) + zw * NiellWetMapping(e, site);
}

template double NiellHydrostaticMapping(const double&, const TroposphereSite&);
template double NiellWetMapping(const double&, const TroposphereSite&);
template double RadioTroposphereDelay(const double&, const SurfaceWeather&,
                                      const TroposphereSite&);
template astro::Dual<6> RadioTroposphereDelay(const astro::Dual<6>&, const SurfaceWeather&,
                                              const TroposphereSite&);

}  // namespace sstrack::od
