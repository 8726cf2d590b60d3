// Copyright sstrack authors.
#include "astro/elements/keplerian.h"

#include <cmath>

#include <Eigen/Geometry>

#include "absl/strings/str_cat.h"

namespace sstrack::astro {
namespace {

constexpr double kTwoPi = 2.0 * M_PI;
constexpr double kSmall = 1e-11;

double Wrap(double angle) {
  double a = std::fmod(angle, kTwoPi);
  return a < 0 ? a + kTwoPi : a;
}

}  // namespace

double SolveKepler(double m, double e) {
  const double m0 = std::remainder(m, kTwoPi);  // in [−π, π]
  double ecc = m0 + 0.85 * e * (std::sin(m0) >= 0 ? 1.0 : -1.0);
  for (int i = 0; i < 50; ++i) {
    const double f = ecc - e * std::sin(ecc) - m0;
    const double step = f / (1.0 - e * std::cos(ecc));
    ecc -= step;
    if (std::abs(step) < 1e-15) break;
  }
  return ecc + (m - m0);
}

double TrueFromEccentricAnomaly(double ecc, double e) {
  return 2.0 * std::atan2(std::sqrt(1 + e) * std::sin(ecc / 2),
                          std::sqrt(1 - e) * std::cos(ecc / 2));
}

double EccentricFromTrueAnomaly(double nu, double e) {
  return 2.0 * std::atan2(std::sqrt(1 - e) * std::sin(nu / 2),
                          std::sqrt(1 + e) * std::cos(nu / 2));
}

double MeanFromTrueAnomaly(double nu, double e) {
  const double ecc = EccentricFromTrueAnomaly(nu, e);
  return ecc - e * std::sin(ecc);
}

double TrueFromMeanAnomaly(double m, double e) {
  return TrueFromEccentricAnomaly(SolveKepler(m, e), e);
}

absl::StatusOr<Eigen::Matrix<double, 6, 1>> KeplerianToCartesian(
    const KeplerianElements& el, double gm) {
  const double e = el.eccentricity, a = el.semi_major_axis_m;
  if (!(e >= 0 && e < 1) || !(a > 0) || !(gm > 0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Keplerian elements: need a > 0 and 0 <= e < 1, got a = ", a, " m, e = ", e));
  }
  const double p = a * (1 - e * e);
  const double nu = el.true_anomaly_rad;
  const double r = p / (1 + e * std::cos(nu));
  // Perifocal (PQW) position and velocity, then R3(−Ω) R1(−i) R3(−ω).
  const Eigen::Vector3d r_pqw(r * std::cos(nu), r * std::sin(nu), 0);
  const double k = std::sqrt(gm / p);
  const Eigen::Vector3d v_pqw(-k * std::sin(nu), k * (e + std::cos(nu)), 0);
  const Eigen::Matrix3d rot =
      (Eigen::AngleAxisd(el.raan_rad, Eigen::Vector3d::UnitZ()) *
       Eigen::AngleAxisd(el.inclination_rad, Eigen::Vector3d::UnitX()) *
       Eigen::AngleAxisd(el.arg_perigee_rad, Eigen::Vector3d::UnitZ()))
          .toRotationMatrix();
  Eigen::Matrix<double, 6, 1> out;
  out << rot * r_pqw, rot * v_pqw;
  return out;
}

absl::StatusOr<KeplerianElements> CartesianToKeplerian(
    const Eigen::Matrix<double, 6, 1>& state, double gm) {
  const Eigen::Vector3d r = state.head<3>(), v = state.tail<3>();
  const Eigen::Vector3d h = r.cross(v);
  const double rn = r.norm(), vn = v.norm(), hn = h.norm();
  if (!(rn > 0) || !(hn > kSmall * rn * vn)) {
    return absl::InvalidArgumentError("Cartesian state is degenerate (zero or radial)");
  }
  const Eigen::Vector3d n = Eigen::Vector3d::UnitZ().cross(h);
  const Eigen::Vector3d ev = ((vn * vn - gm / rn) * r - r.dot(v) * v) / gm;
  const double e = ev.norm();
  const double energy = vn * vn / 2 - gm / rn;
  if (!(energy < 0) || e >= 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Cartesian state is not elliptic (e = ", e, ", energy = ", energy, " J/kg)"));
  }
  KeplerianElements el;
  el.semi_major_axis_m = -gm / (2 * energy);
  el.eccentricity = e;
  el.inclination_rad = std::acos(std::clamp(h.z() / hn, -1.0, 1.0));
  const bool equatorial = n.norm() < kSmall * hn;
  const bool circular = e < kSmall;
  // Angles measured with atan2 against an orthonormal in-plane basis keep
  // full precision near 0 and π.
  const Eigen::Vector3d w = h / hn;
  const Eigen::Vector3d node_dir = equatorial ? Eigen::Vector3d::UnitX() : Eigen::Vector3d(n / n.norm());
  const Eigen::Vector3d node_perp = w.cross(node_dir);
  el.raan_rad = equatorial ? 0.0 : Wrap(std::atan2(n.y(), n.x()));
  if (circular) {
    el.arg_perigee_rad = 0;
    el.true_anomaly_rad = Wrap(std::atan2(r.dot(node_perp), r.dot(node_dir)));
  } else {
    el.arg_perigee_rad = Wrap(std::atan2(ev.dot(node_perp), ev.dot(node_dir)));
    const Eigen::Vector3d e_dir = ev / e, e_perp = w.cross(e_dir);
    el.true_anomaly_rad = Wrap(std::atan2(r.dot(e_perp), r.dot(e_dir)));
  }
  return el;
}

absl::StatusOr<Eigen::Matrix<double, 6, 1>> PropagateKepler(
    const Eigen::Matrix<double, 6, 1>& state, double gm, double dt) {
  auto el = CartesianToKeplerian(state, gm);
  if (!el.ok()) return el.status();
  const double a = el->semi_major_axis_m, e = el->eccentricity;
  const double n = std::sqrt(gm / (a * a * a));
  // Keep the mean-anomaly increment exact: reduce n·dt modulo 2π first.
  const double m0 = MeanFromTrueAnomaly(el->true_anomaly_rad, e);
  const double dm = std::remainder(n * dt, kTwoPi);
  el->true_anomaly_rad = TrueFromMeanAnomaly(m0 + dm, e);
  return KeplerianToCartesian(*el, gm);
}

}  // namespace sstrack::astro
