// Copyright sstrack authors.
#include "orbit_determination/refraction.h"

#include <algorithm>
#include <cmath>

#include "astro/math/dual.h"
#include "orbit_determination/troposphere.h"

namespace sstrack::od {
namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kArcmin = kDeg / 60.0;
constexpr double kMinElevation = -1.0 * kDeg;

// exp(x²) erfc(x), accurate for every x ≥ −1 (the asymptotic series beyond
// 5 has relative error < 1e-6 there; the direct product loses nothing below).
double Erfcx(double x) {
  if (x < 5.0) return std::exp(x * x) * std::erfc(x);
  const double y = 1.0 / (2.0 * x * x);
  return (1.0 - y * (1.0 - 3.0 * y * (1.0 - 5.0 * y * (1.0 - 7.0 * y)))) / (x * std::sqrt(M_PI));
}
// d/dx erfcx = 2x erfcx(x) − 2/√π.
template <int N>
astro::Dual<N> Erfcx(const astro::Dual<N>& x) {
  const double f = Erfcx(x.v);
  return astro::Chain(x, f, 2.0 * x.v * f - 2.0 / std::sqrt(M_PI));
}

template <typename T>
T Clamped(const T& e) {
  return e < T(kMinElevation) ? T(kMinElevation) : e;
}

// First-order bending of the exponential atmosphere at apparent elevation ea.
template <typename T>
T ExponentialBending(const T& ea, double ns, double a) {
  using std::cos;
  using std::sin;
  return ns * 1e-6 * std::sqrt(M_PI * a) * cos(ea) * Erfcx(std::sqrt(a) * sin(ea));
}

}  // namespace

SurfaceWeather StandardWeather(double height_m) {
  SurfaceWeather w;
  w.temperature_k = 288.15 - 0.0065 * height_m;
  w.pressure_hpa = 1013.25 * std::pow(w.temperature_k / 288.15, 5.25588);
  w.relative_humidity_percent = 50.0;
  return w;
}

double WaterVapourPressureHpa(const SurfaceWeather& w) {
  return WaterVapourPressurePa(w.pressure_hpa * 100.0, w.temperature_k,
                               w.relative_humidity_percent) /
         100.0;
}

double RadioRefractivity(const SurfaceWeather& w) {
  const double t = w.temperature_k;
  return 77.6 / t * (w.pressure_hpa + 4810.0 * WaterVapourPressureHpa(w) / t);
}

double ExponentialScaleHeightM(double ns) {
  const double dn = 7.32 * std::exp(0.005577 * ns);  // N-units per km
  return 1000.0 / std::log(ns / (ns - dn));
}

template <typename T>
T OpticalRefraction(const T& elevation_rad, const SurfaceWeather& w) {
  using std::cos;
  using std::sin;
  const double density = (w.pressure_hpa / 1010.0) * (283.0 / w.temperature_k);
  const T e = Clamped(elevation_rad);
  T ea = e;
  // Fixed point E_a = E + R(E_a); |dR/dE_a| < 0.2 even at the horizon, so
  // eight passes leave < 1e-5 of R.
  for (int i = 0; i < 8; ++i) {
    const T h = ea / kDeg;
    const T x = (h + 7.31 / (h + 4.4)) * kDeg;
    const T r = cos(x) / sin(x) + 0.0013515;  // arcmin, Bennett
    // Meeus' refinement, faded out linearly above 45° (R_B < 1′) so that
    // R(90°) = 0 (it is −0.8″ there otherwise).
    const T fade = r < T(1.0) ? r : T(1.0);
    const T refined = r - 0.06 * fade * sin((14.7 * r + 13.0) * kDeg);
    ea = e + refined * (kArcmin * density);
  }
  return ea - e;
}

template <typename T>
T RadioRefraction(const T& elevation_rad, const SurfaceWeather& w, double station_radius_m) {
  const double ns = RadioRefractivity(w);
  const double a = station_radius_m / (2.0 * ExponentialScaleHeightM(ns));
  const T e = Clamped(elevation_rad);
  T ea = e;
  for (int i = 0; i < 5; ++i) ea = e + ExponentialBending(ea, ns, a);
  return ea - e;
}

template <typename T>
T Refraction(Atmosphere band, const T& elevation_rad, const SurfaceWeather& w,
             double station_radius_m) {
  switch (band) {
    case Atmosphere::kOptical: return OpticalRefraction(elevation_rad, w);
    case Atmosphere::kRadio: return RadioRefraction(elevation_rad, w, station_radius_m);
    case Atmosphere::kNone: break;
  }
  return T(0.0);
}

template double OpticalRefraction(const double&, const SurfaceWeather&);
template astro::Dual<6> OpticalRefraction(const astro::Dual<6>&, const SurfaceWeather&);
template double RadioRefraction(const double&, const SurfaceWeather&, double);
template astro::Dual<6> RadioRefraction(const astro::Dual<6>&, const SurfaceWeather&, double);
template double Refraction(Atmosphere, const double&, const SurfaceWeather&, double);
template astro::Dual<6> Refraction(Atmosphere, const astro::Dual<6>&, const SurfaceWeather&,
                                   double);

}  // namespace sstrack::od
