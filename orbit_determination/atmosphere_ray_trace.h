// Copyright sstrack authors.
//
// orbit_determination/atmosphere_ray_trace.h — test-only: a numerical ray
// trace through a spherically stratified atmosphere, the second method the
// refraction and troposphere-delay models are checked against.
//
// With n(r) the refractive index, Snell's law for spherical layers keeps
// K = n r cos e constant along the ray (e the local elevation of the ray), so
// from the station (r0, apparent elevation E_a) outwards:
//   bending   R  = ∫ (−dn/dr)/n · K / √(n²r² − K²) dr     (the refraction)
//   path      L  = ∫ n · n r / √(n²r² − K²) dr            (electrical length)
//   angle     θ  = ∫ K / (r √(n²r² − K²)) dr              (geocentric angle)
// to the top r0 + 100 km, by Simpson's rule on 20 000 intervals. The delay
// to the ray's end point is L − D, D the straight-line distance to it, and
// that point's geometric elevation is E_g = atan2(r_top cos θ − r0,
// r_top sin θ).
#ifndef SSTRACK_ORBIT_DETERMINATION_ATMOSPHERE_RAY_TRACE_H_
#define SSTRACK_ORBIT_DETERMINATION_ATMOSPHERE_RAY_TRACE_H_

#include <cmath>
#include <functional>

namespace sstrack::od::testing {

// Refractivity N (n = 1 + 1e-6 N) and dN/dh [1/m] at height h above the station.
struct Refractivity {
  double n = 0, dn_dh = 0;
};
using Profile = std::function<Refractivity(double h_m)>;

struct RayTrace {
  double bending_rad = 0;
  double delay_m = 0;               // to the end point at the top
  double geometric_elevation_rad = 0;  // of that end point
};

inline RayTrace TraceRay(const Profile& profile, double r0_m, double apparent_elevation_rad,
                         double top_m = 100e3, int intervals = 20000) {
  const double n0 = 1 + 1e-6 * profile(0).n;
  const double k = n0 * r0_m * std::cos(apparent_elevation_rad);
  double sum_r = 0, sum_l = 0, sum_t = 0;
  const double step = top_m / intervals;
  for (int i = 0; i <= intervals; ++i) {
    const double h = i * step, r = r0_m + h;
    const Refractivity f = profile(h);
    const double n = 1 + 1e-6 * f.n, dn = 1e-6 * f.dn_dh;
    const double root = std::sqrt(n * n * r * r - k * k);
    const double w = (i == 0 || i == intervals) ? 1 : (i % 2 ? 4 : 2);
    sum_r += w * (-dn / n) * k / root;
    sum_l += w * n * n * r / root;
    sum_t += w * k / (r * root);
  }
  RayTrace out;
  out.bending_rad = sum_r * step / 3;
  const double length = sum_l * step / 3, theta = sum_t * step / 3;
  const double rt = r0_m + top_m;
  const double x = rt * std::sin(theta), y = rt * std::cos(theta) - r0_m;
  out.delay_m = length - std::hypot(x, y);
  out.geometric_elevation_rad = std::atan2(y, x);
  return out;
}

// N_s exp(−h/H).
inline Profile Exponential(double ns, double scale_height_m) {
  return [=](double h) {
    const double n = ns * std::exp(-h / scale_height_m);
    return Refractivity{n, -n / scale_height_m};
  };
}

// A standard-like atmosphere in hydrostatic equilibrium: T falls 6.5 K/km
// to 11 km, then is constant; P from dP/dh = −P g/(R_d T); water vapour
// e = e0 exp(−h/2 km). N = k1 P/T + k3 e/T² (P, e in hPa). Radio:
// k1 = 77.6, k3 = 3.73e5; optical (0.55 µm, dry): k1 = 78.96, k3 = 0.
struct LayeredAtmosphere {
  double p0_hpa = 1013.25, t0_k = 288.15, e0_hpa = 0;
  double k1 = 77.6, k3 = 3.73e5;
  double g_m_s2 = 9.784;
  static constexpr double kRd = 287.0537;

  void State(double h, double* p, double* t, double* dt) const {
    const double lapse = 0.0065, h_trop = 11000;
    const double t_trop = t0_k - lapse * h_trop;
    const double expo = g_m_s2 / (kRd * lapse);
    if (h <= h_trop) {
      *t = t0_k - lapse * h;
      *dt = -lapse;
      *p = p0_hpa * std::pow(*t / t0_k, expo);
    } else {
      *t = t_trop;
      *dt = 0;
      *p = p0_hpa * std::pow(t_trop / t0_k, expo) *
           std::exp(-g_m_s2 * (h - h_trop) / (kRd * t_trop));
    }
  }
  Profile Total() const { return Make(true, true); }
  Profile Dry() const { return Make(true, false); }
  Profile Make(bool dry, bool wet) const {
    const LayeredAtmosphere a = *this;
    return [a, dry, wet](double h) {
      double p, t, dt;
      a.State(h, &p, &t, &dt);
      const double dp = -p * a.g_m_s2 / (kRd * t);
      const double e = a.e0_hpa * std::exp(-h / 2000.0), de = -e / 2000.0;
      Refractivity out;
      if (dry) {
        out.n += a.k1 * p / t;
        out.dn_dh += a.k1 * (dp / t - p * dt / (t * t));
      }
      if (wet) {
        out.n += a.k3 * e / (t * t);
        out.dn_dh += a.k3 * (de / (t * t) - 2 * e * dt / (t * t * t));
      }
      return out;
    };
  }
};

}  // namespace sstrack::od::testing

#endif  // SSTRACK_ORBIT_DETERMINATION_ATMOSPHERE_RAY_TRACE_H_
