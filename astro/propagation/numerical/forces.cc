// Copyright sstrack authors.
#include "astro/propagation/numerical/forces.h"

#include <cmath>

#include "astro/bodies/sun.h"
#include "astro/math/dual.h"

namespace sstrack::astro {
namespace {

template <typename T>
T Dot(const Vec3T<T>& a, const Vec3T<T>& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

// Harris–Priester table, mean solar activity: height (km), ρ_min and ρ_max
// (g/km³ = 1e-12 kg/m³). Montenbruck & Gill, Satellite Orbits, Table 3.8.
struct HpRow {
  double h_km, rho_min, rho_max;
};
constexpr HpRow kHarrisPriester[] = {
    {100, 4.974e+05, 4.974e+05}, {120, 2.490e+04, 2.490e+04}, {130, 8.377e+03, 8.710e+03},
    {140, 3.899e+03, 4.059e+03}, {150, 2.122e+03, 2.215e+03}, {160, 1.263e+03, 1.344e+03},
    {170, 8.008e+02, 8.758e+02}, {180, 5.283e+02, 6.010e+02}, {190, 3.617e+02, 4.297e+02},
    {200, 2.557e+02, 3.162e+02}, {210, 1.839e+02, 2.396e+02}, {220, 1.341e+02, 1.853e+02},
    {230, 9.949e+01, 1.455e+02}, {240, 7.488e+01, 1.157e+02}, {250, 5.709e+01, 9.308e+01},
    {260, 4.403e+01, 7.555e+01}, {270, 3.430e+01, 6.182e+01}, {280, 2.697e+01, 5.095e+01},
    {290, 2.139e+01, 4.226e+01}, {300, 1.708e+01, 3.526e+01}, {320, 1.099e+01, 2.511e+01},
    {340, 7.214e+00, 1.819e+01}, {360, 4.824e+00, 1.337e+01}, {380, 3.274e+00, 9.955e+00},
    {400, 2.249e+00, 7.492e+00}, {420, 1.558e+00, 5.684e+00}, {440, 1.091e+00, 4.355e+00},
    {460, 7.701e-01, 3.362e+00}, {480, 5.474e-01, 2.612e+00}, {500, 3.916e-01, 2.042e+00},
    {520, 2.819e-01, 1.605e+00}, {540, 2.042e-01, 1.267e+00}, {560, 1.488e-01, 1.005e+00},
    {580, 1.092e-01, 7.997e-01}, {600, 8.070e-02, 6.390e-01}, {620, 6.012e-02, 5.123e-01},
    {640, 4.519e-02, 4.121e-01}, {660, 3.430e-02, 3.325e-01}, {680, 2.632e-02, 2.691e-01},
    {700, 2.043e-02, 2.185e-01}, {720, 1.607e-02, 1.779e-01}, {740, 1.281e-02, 1.452e-01},
    {760, 1.036e-02, 1.190e-01}, {780, 8.496e-03, 9.776e-02}, {800, 7.069e-03, 8.059e-02},
    {840, 4.680e-03, 5.741e-02}, {880, 3.200e-03, 4.210e-02}, {920, 2.210e-03, 3.130e-02},
    {960, 1.560e-03, 2.360e-02}, {1000, 1.150e-03, 1.810e-02},
};
constexpr int kHpRows = sizeof(kHarrisPriester) / sizeof(kHarrisPriester[0]);
constexpr double kBulgeLagRad = 30.0 * M_PI / 180.0;
constexpr double kWgs84Flattening = 1.0 / 298.257223563;

}  // namespace

template <typename T>
Vec3T<T> ThirdBodyAcceleration(const Vec3T<T>& r, const std::array<double, 3>& s,
                               double gm) {
  using std::sqrt;
  const Vec3T<T> d = {s[0] - r[0], s[1] - r[1], s[2] - r[2]};
  const T d2 = Dot(d, d);
  const T inv_d3 = 1.0 / (d2 * sqrt(d2));
  const double s2 = s[0] * s[0] + s[1] * s[1] + s[2] * s[2];
  const double inv_s3 = 1.0 / (s2 * std::sqrt(s2));
  Vec3T<T> a;
  for (int i = 0; i < 3; ++i) a[i] = gm * (d[i] * inv_d3 - s[i] * inv_s3);
  return a;
}

template <typename T>
Vec3T<T> RelativityAcceleration(const Vec3T<T>& r, const Vec3T<T>& v, double gm) {
  using std::sqrt;
  const T r2 = Dot(r, r);
  const T rn = sqrt(r2);
  const T k = gm / (kSpeedOfLightMS * kSpeedOfLightMS * r2 * rn);
  const T radial = 4.0 * gm / rn - Dot(v, v);
  const T along = 4.0 * Dot(r, v);
  Vec3T<T> a;
  for (int i = 0; i < 3; ++i) a[i] = k * (radial * r[i] + along * v[i]);
  return a;
}

template <typename T>
Vec3T<T> SrpAcceleration(const Vec3T<T>& r, const std::array<double, 3>& sun,
                         const T& cram, double nu) {
  using std::sqrt;
  const Vec3T<T> d = {r[0] - sun[0], r[1] - sun[1], r[2] - sun[2]};  // Sun → object
  const T d2 = Dot(d, d);
  const T k = nu * kSolarPressureAt1AuNM2 * kAstronomicalUnitM * kAstronomicalUnitM * cram /
              (d2 * sqrt(d2));
  return {k * d[0], k * d[1], k * d[2]};
}

template <typename T>
T HarrisPriesterDensity(const Vec3T<T>& r, const std::array<double, 3>& sun,
                        double n_exp) {
  using std::exp;
  using std::pow;
  using std::sqrt;
  const T rn = sqrt(Dot(r, r));
  const T sin_lat = r[2] / rn;
  const T h_km = (rn - kEarthEquatorialRadiusM * (1.0 - kWgs84Flattening * sin_lat * sin_lat)) / 1e3;
  const double hv = Value(h_km);
  if (hv > kHarrisPriester[kHpRows - 1].h_km) return T(0.0);
  int i = 0;
  while (i < kHpRows - 2 && hv >= kHarrisPriester[i + 1].h_km) ++i;
  const HpRow& lo = kHarrisPriester[i];
  const HpRow& hi = kHarrisPriester[i + 1];
  const T dh = hv < lo.h_km ? T(0.0) : h_km - lo.h_km;
  const double scale_min = (lo.h_km - hi.h_km) / std::log(hi.rho_min / lo.rho_min);
  const double scale_max = (lo.h_km - hi.h_km) / std::log(hi.rho_max / lo.rho_max);
  const T rho_min = lo.rho_min * exp(-dh / scale_min);
  const T rho_max = lo.rho_max * exp(-dh / scale_max);
  // Bulge apex: the Sun's direction rotated +30° in right ascension.
  const double ra = std::atan2(sun[1], sun[0]) + kBulgeLagRad;
  const double dec = std::atan2(sun[2], std::hypot(sun[0], sun[1]));
  const double u[3] = {std::cos(dec) * std::cos(ra), std::cos(dec) * std::sin(ra), std::sin(dec)};
  const T cos_psi = (r[0] * u[0] + r[1] * u[1] + r[2] * u[2]) / rn;
  const T cos2_half = 0.5 + 0.5 * cos_psi;
  const T bulge = Value(cos2_half) <= 0 ? T(0.0) : pow(cos2_half, n_exp / 2.0);
  return (rho_min + (rho_max - rho_min) * bulge) * 1e-12;
}

template <typename T>
Vec3T<T> DragAcceleration(const Vec3T<T>& r, const Vec3T<T>& v,
                          const std::array<double, 3>& w, const T& rho, const T& cdam) {
  using std::sqrt;
  const Vec3T<T> vr = {v[0] - (w[1] * r[2] - w[2] * r[1]), v[1] - (w[2] * r[0] - w[0] * r[2]),
                       v[2] - (w[0] * r[1] - w[1] * r[0])};
  const T speed = sqrt(Dot(vr, vr));
  const T k = -0.5 * rho * cdam * speed;
  return {k * vr[0], k * vr[1], k * vr[2]};
}

#define SSTRACK_INSTANTIATE_FORCES(T)                                                       \
  template Vec3T<T> ThirdBodyAcceleration<T>(const Vec3T<T>&, const std::array<double, 3>&, \
                                             double);                                      \
  template Vec3T<T> RelativityAcceleration<T>(const Vec3T<T>&, const Vec3T<T>&, double);   \
  template Vec3T<T> SrpAcceleration<T>(const Vec3T<T>&, const std::array<double, 3>&,      \
                                       const T&, double);                                  \
  template T HarrisPriesterDensity<T>(const Vec3T<T>&, const std::array<double, 3>&,       \
                                      double);                                             \
  template Vec3T<T> DragAcceleration<T>(const Vec3T<T>&, const Vec3T<T>&,                  \
                                        const std::array<double, 3>&, const T&, const T&);

SSTRACK_INSTANTIATE_FORCES(double)
SSTRACK_INSTANTIATE_FORCES(Dual<8>)
#undef SSTRACK_INSTANTIATE_FORCES

}  // namespace sstrack::astro
