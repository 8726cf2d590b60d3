// Copyright sstrack authors.
//
// Gibbs and Herrick–Gibbs: the velocity at the middle of three positions
// (Vallado, 4th ed., Algorithms 54 and 55; equations in iod.h).
#include <Eigen/Geometry>
#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "orbit_determination/iod.h"

namespace sstrack::od {
namespace {

constexpr double kRadToDeg = 180 / M_PI;

double AngleBetween(const Eigen::Vector3d& a, const Eigen::Vector3d& b) {
  return std::atan2(a.cross(b).norm(), a.dot(b));
}

absl::Status CheckPosition(const Eigen::Vector3d& r, absl::string_view what,
                           absl::string_view name) {
  if (!r.allFinite()) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": position ", name, " is not finite"));
  }
  if (r.norm() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": position ", name, " is zero (at the centre)"));
  }
  return absl::OkStatus();
}

// Validates the three positions and fills the separations and coplanarity.
absl::StatusOr<ThreePositionSolution> Geometry(const Eigen::Vector3d& r1,
                                               const Eigen::Vector3d& r2,
                                               const Eigen::Vector3d& r3,
                                               const ThreePositionOptions& o,
                                               absl::string_view what) {
  if (absl::Status s = o.Validate(); !s.ok()) return s;
  for (const auto& [r, name] :
       {std::pair{&r1, "r1"}, {&r2, "r2"}, {&r3, "r3"}}) {
    if (absl::Status s = CheckPosition(*r, what, name); !s.ok()) return s;
  }
  ThreePositionSolution sol;
  sol.separation_12_rad = AngleBetween(r1, r2);
  sol.separation_23_rad = AngleBetween(r2, r3);
  // Parallel pairs leave the plane undefined (and Gibbs divides by zero).
  constexpr double kMinSeparationRad = 1e-10;
  const double sep_13 = AngleBetween(r1, r3);
  if (sol.separation_12_rad < kMinSeparationRad ||
      sol.separation_23_rad < kMinSeparationRad || sep_13 < kMinSeparationRad) {
    return absl::InvalidArgumentError(absl::StrCat(
        what, ": two of the positions are parallel (separations ",
        sol.separation_12_rad * kRadToDeg, ", ",
        sol.separation_23_rad * kRadToDeg, ", ", sep_13 * kRadToDeg,
        " deg); the orbit plane is undefined"));
  }
  const Eigen::Vector3d z23 = r2.cross(r3);
  const double z23_norm = z23.norm();
  if (z23_norm <= 1e-10 * r2.norm() * r3.norm()) {
    return absl::InvalidArgumentError(absl::StrCat(
        what,
        ": r2 and r3 are collinear with the centre; the orbit plane is "
        "undefined"));
  }
  sol.coplanarity_rad =
      std::asin(std::clamp(r1.dot(z23) / (r1.norm() * z23_norm), -1.0, 1.0));
  if (std::abs(sol.coplanarity_rad) > o.coplanarity_tolerance_rad) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": positions not coplanar: r1 is ",
                     sol.coplanarity_rad * kRadToDeg,
                     " deg out of the plane of r2 and r3 (tolerance ",
                     o.coplanarity_tolerance_rad * kRadToDeg, " deg)"));
  }
  return sol;
}

}  // namespace

absl::string_view ThreePositionMethodName(ThreePositionMethod method) {
  switch (method) {
    case ThreePositionMethod::kGibbs:
      return "Gibbs";
    case ThreePositionMethod::kHerrickGibbs:
      return "Herrick-Gibbs";
  }
  return "unknown";
}

absl::Status ThreePositionOptions::Validate() const {
  if (!(gm_m3_s2 > 0) || !std::isfinite(gm_m3_s2)) {
    return absl::InvalidArgumentError(
        absl::StrCat("gm_m3_s2 must be positive and finite, got ", gm_m3_s2));
  }
  if (!(coplanarity_tolerance_rad >= 0) ||
      coplanarity_tolerance_rad > M_PI / 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("coplanarity_tolerance_rad must be in [0, pi/2], got ",
                     coplanarity_tolerance_rad));
  }
  if (!(herrick_gibbs_max_separation_rad >= 0) ||
      herrick_gibbs_max_separation_rad > M_PI) {
    return absl::InvalidArgumentError(absl::StrCat(
        "herrick_gibbs_max_separation_rad must be in [0, pi], got ",
        herrick_gibbs_max_separation_rad));
  }
  return absl::OkStatus();
}

absl::StatusOr<ThreePositionSolution> Gibbs(
    const Eigen::Vector3d& r1, const Eigen::Vector3d& r2,
    const Eigen::Vector3d& r3, const ThreePositionOptions& options) {
  absl::StatusOr<ThreePositionSolution> sol =
      Geometry(r1, r2, r3, options, "Gibbs");
  if (!sol.ok()) return sol.status();
  const double m1 = r1.norm(), m2 = r2.norm(), m3 = r3.norm();
  const Eigen::Vector3d z12 = r1.cross(r2), z23 = r2.cross(r3),
                        z31 = r3.cross(r1);
  const Eigen::Vector3d n = m1 * z23 + m2 * z31 + m3 * z12;
  const Eigen::Vector3d d = z12 + z23 + z31;
  const Eigen::Vector3d s = (m2 - m3) * r1 + (m3 - m1) * r2 + (m1 - m2) * r3;
  const double nd = n.dot(d);
  // N·D = |N||D| for positions on a conic; ≤ 0 means no conic with the
  // centre at its focus visits r1, r2, r3 (or D vanishes: collinear tips).
  if (!(nd > 1e-12 * n.norm() * d.norm()) || d.norm() == 0) {
    return absl::InvalidArgumentError(
        "Gibbs: no conic about the centre passes through r1, r2, r3 in order "
        "(N·D <= 0: the tips are collinear or the ordering is inconsistent)");
  }
  const double l = std::sqrt(options.gm_m3_s2 / nd);
  sol->velocity_gcrf_m_s = l * (d.cross(r2) / m2 + s);
  sol->method = ThreePositionMethod::kGibbs;
  return sol;
}

absl::StatusOr<ThreePositionSolution> HerrickGibbs(
    const TimedPosition& p1, const TimedPosition& p2, const TimedPosition& p3,
    const ThreePositionOptions& options) {
  absl::StatusOr<ThreePositionSolution> sol =
      Geometry(p1.position_gcrf_m, p2.position_gcrf_m, p3.position_gcrf_m,
               options, "Herrick-Gibbs");
  if (!sol.ok()) return sol.status();
  const double dt21 = p2.epoch - p1.epoch;
  const double dt32 = p3.epoch - p2.epoch;
  const double dt31 = p3.epoch - p1.epoch;
  if (!(dt21 > 0) || !(dt32 > 0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Herrick-Gibbs: epochs must increase strictly (t2 - t1 = ", dt21,
        " s, t3 - t2 = ", dt32, " s)"));
  }
  const Eigen::Vector3d& r1 = p1.position_gcrf_m;
  const Eigen::Vector3d& r2 = p2.position_gcrf_m;
  const Eigen::Vector3d& r3 = p3.position_gcrf_m;
  const double k = options.gm_m3_s2 / 12;
  const double n1 = r1.norm(), n2 = r2.norm(), n3 = r3.norm();
  sol->velocity_gcrf_m_s =
      -dt32 * (1 / (dt21 * dt31) + k / (n1 * n1 * n1)) * r1 +
      (dt32 - dt21) * (1 / (dt21 * dt32) + k / (n2 * n2 * n2)) * r2 +
      dt21 * (1 / (dt32 * dt31) + k / (n3 * n3 * n3)) * r3;
  sol->method = ThreePositionMethod::kHerrickGibbs;
  return sol;
}

absl::StatusOr<ThreePositionSolution> VelocityFromThreePositions(
    const TimedPosition& p1, const TimedPosition& p2, const TimedPosition& p3,
    const ThreePositionOptions& options) {
  absl::StatusOr<ThreePositionSolution> geometry =
      Geometry(p1.position_gcrf_m, p2.position_gcrf_m, p3.position_gcrf_m,
               options, "three-position IOD");
  if (!geometry.ok()) return geometry.status();
  const double limit = options.herrick_gibbs_max_separation_rad;
  if (geometry->separation_12_rad < limit &&
      geometry->separation_23_rad < limit) {
    return HerrickGibbs(p1, p2, p3, options);
  }
  return Gibbs(p1.position_gcrf_m, p2.position_gcrf_m, p3.position_gcrf_m,
               options);
}

}  // namespace sstrack::od
