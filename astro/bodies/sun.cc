// Copyright sstrack authors.
#include "astro/bodies/sun.h"

#include <algorithm>
#include <cmath>

#include "erfa.h"

namespace sstrack::astro {

Eigen::Vector3d SunPositionGcrf(const Epoch& t) {
  const JulianDate tdb = t.Tdb();
  double pvh[2][3], pvb[2][3];
  eraEpv00(tdb.jd1, tdb.jd2, pvh, pvb);
  return -Eigen::Vector3d(pvh[0][0], pvh[0][1], pvh[0][2]) * kAstronomicalUnitM;
}

double SunlitFraction(const Eigen::Vector3d& r, const Eigen::Vector3d& s) {
  const Eigen::Vector3d to_sun = s - r;
  const double a = std::asin(std::min(1.0, kSunRadiusM / to_sun.norm()));
  const double b = std::asin(std::min(1.0, kEarthEquatorialRadiusM / r.norm()));
  const double cos_c = std::clamp((-r).dot(to_sun) / (r.norm() * to_sun.norm()), -1.0, 1.0);
  const double c = std::acos(cos_c);
  if (c >= a + b) return 1.0;
  if (c <= b - a) return 0.0;           // umbra
  if (c <= a - b) {                     // annular: Earth inside the Sun's disk
    return 1.0 - (b * b) / (a * a);
  }
  // Overlap area of two circles of radii a, b at distance c.
  const double x = (c * c + a * a - b * b) / (2 * c);
  const double y = std::sqrt(std::max(0.0, a * a - x * x));
  const double area = a * a * std::acos(x / a) + b * b * std::acos((c - x) / b) - c * y;
  return 1.0 - area / (M_PI * a * a);
}

}  // namespace sstrack::astro
