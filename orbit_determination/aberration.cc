// Copyright sstrack authors.
#include "orbit_determination/aberration.h"

#include <cmath>

#include "astro/math/dual.h"
#include "erfa.h"

namespace sstrack::od {
namespace {

constexpr double kC = 299792458.0;
constexpr double kAuM = 149597870700.0;

}  // namespace

Eigen::Vector3d EarthBarycentricVelocityMS(const astro::Epoch& t) {
  const astro::JulianDate tdb = t.Tdb();
  double pvh[2][3], pvb[2][3];
  eraEpv00(tdb.jd1, tdb.jd2, pvh, pvb);
  return Eigen::Vector3d(pvb[1][0], pvb[1][1], pvb[1][2]) * (kAuM / 86400.0);
}

template <typename T>
std::array<T, 3> Aberrate(const std::array<T, 3>& u, const Eigen::Vector3d& velocity_m_s) {
  const Eigen::Vector3d b = velocity_m_s / kC;
  const double inv_gamma = std::sqrt(1.0 - b.squaredNorm());
  const T udb = u[0] * b.x() + u[1] * b.y() + u[2] * b.z();
  const T w = 1.0 + udb / (1.0 + inv_gamma);
  const T x = inv_gamma * u[0] + w * b.x(), y = inv_gamma * u[1] + w * b.y(),
          z = inv_gamma * u[2] + w * b.z();
  // |(x, y, z)| = 1 + u·β analytically; normalising keeps it a unit vector
  // to the last bit.
  using std::sqrt;
  const T inv = 1.0 / sqrt(x * x + y * y + z * z);
  return {x * inv, y * inv, z * inv};
}

template std::array<double, 3> Aberrate(const std::array<double, 3>&, const Eigen::Vector3d&);
template std::array<astro::Dual<6>, 3> Aberrate(const std::array<astro::Dual<6>, 3>&,
                                                const Eigen::Vector3d&);

}  // namespace sstrack::od
