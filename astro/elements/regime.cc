// Copyright sstrack authors.
#include "astro/elements/regime.h"

#include <cmath>

#include <Eigen/Geometry>

#include "absl/strings/str_cat.h"

namespace sstrack::astro {
namespace {
constexpr double kEarthRadiusM = 6378137.0;
constexpr double kSiderealDayS = 86164.0905;
constexpr double kLeoPerigeeLimitM = 2000e3;
constexpr double kHeoEccentricity = 0.25;
}  // namespace

absl::string_view OrbitRegimeName(OrbitRegime regime) {
  switch (regime) {
    case OrbitRegime::kLeo: return "LEO";
    case OrbitRegime::kMeo: return "MEO";
    case OrbitRegime::kGeo: return "GEO";
    case OrbitRegime::kHeo: return "HEO";
  }
  return "?";
}

absl::StatusOr<OrbitRegime> ParseOrbitRegime(absl::string_view name) {
  for (OrbitRegime r : {OrbitRegime::kLeo, OrbitRegime::kMeo, OrbitRegime::kGeo, OrbitRegime::kHeo}) {
    if (name == OrbitRegimeName(r)) return r;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("orbit regime '", name, "': expected LEO, MEO, GEO or HEO"));
}

OrbitRegime ClassifyOrbit(double a, double e, double gm) {
  if (e >= kHeoEccentricity) return OrbitRegime::kHeo;
  const double period_s = 2 * M_PI * std::sqrt(a * a * a / gm);
  if (std::abs(period_s / kSiderealDayS - 1.0) <= 0.1) return OrbitRegime::kGeo;
  if (a * (1 - e) - kEarthRadiusM < kLeoPerigeeLimitM) return OrbitRegime::kLeo;
  return OrbitRegime::kMeo;
}

absl::StatusOr<OrbitRegime> ClassifyState(const Eigen::Vector3d& r, const Eigen::Vector3d& v,
                                          double gm) {
  const double rn = r.norm();
  const Eigen::Vector3d h = r.cross(v);
  const double energy = 0.5 * v.squaredNorm() - gm / rn;
  if (!(rn > 0) || !(energy < 0) || !(h.norm() > 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("orbit regime: the state (|r| = ", rn, " m, |v| = ", v.norm(),
                     " m/s) is not a bound, non-radial orbit"));
  }
  const double a = -gm / (2 * energy);
  const Eigen::Vector3d e_vec = v.cross(h) / gm - r / rn;
  return ClassifyOrbit(a, e_vec.norm(), gm);
}

}  // namespace sstrack::astro
