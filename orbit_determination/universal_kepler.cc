// Copyright sstrack authors.
#include "orbit_determination/universal_kepler.h"

#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sstrack::od::internal {

Stumpff StumpffFunctions(double psi) {
  Stumpff s;
  if (std::abs(psi) < 1.0) {
    // c2 = Σ (−ψ)^k / (2k+2)!,  c3 = Σ (−ψ)^k / (2k+3)!; 1/22! < 1e-21.
    double term2 = 0.5, term3 = 1.0 / 6;
    s.c2 = term2;
    s.c3 = term3;
    for (int k = 1; k <= 10; ++k) {
      term2 *= -psi / ((2 * k + 1) * (2 * k + 2));
      term3 *= -psi / ((2 * k + 2) * (2 * k + 3));
      s.c2 += term2;
      s.c3 += term3;
    }
  } else if (psi > 0) {
    const double x = std::sqrt(psi);
    const double h = std::sin(0.5 * x);
    s.c2 = 2 * h * h / psi;  // (1 − cos x)/ψ without cancellation
    s.c3 = (x - std::sin(x)) / (psi * x);
  } else {
    const double x = std::sqrt(-psi);
    const double h = std::sinh(0.5 * x);
    s.c2 = -2 * h * h / psi;  // (cosh x − 1)/(−ψ)
    s.c3 = (std::sinh(x) - x) / (-psi * x);
  }
  return s;
}

absl::StatusOr<LagrangeCoefficients> UniversalKepler(
    const Eigen::Vector3d& r0_m, const Eigen::Vector3d& v0_m_s, double dt_s,
    double gm_m3_s2) {
  if (!r0_m.allFinite() || !v0_m_s.allFinite() || !std::isfinite(dt_s)) {
    return absl::InvalidArgumentError("universal Kepler: non-finite input");
  }
  const double r0 = r0_m.norm();
  if (r0 == 0) {
    return absl::InvalidArgumentError("universal Kepler: zero position");
  }
  LagrangeCoefficients lc;
  lc.g = dt_s;
  if (dt_s == 0) return lc;
  const double sqrt_gm = std::sqrt(gm_m3_s2);
  const double sigma0 = r0_m.dot(v0_m_s) / sqrt_gm;
  const double alpha = 2 / r0 - v0_m_s.squaredNorm() / gm_m3_s2;  // 1/a
  const double target = sqrt_gm * dt_s;

  // Start: the elliptic guess √GM α Δt, or the near-parabolic / hyperbolic
  // guess √GM Δt / r0 (Laguerre–Conway converges from either).
  double chi = alpha > 1e-12 / r0 ? sqrt_gm * alpha * dt_s : target / r0;
  const double one_minus_alpha_r0 = 1 - alpha * r0;
  constexpr int kMaxIterations = 60;
  constexpr double kOrder = 5;
  bool converged = false;
  Stumpff s;
  double psi = 0, r = r0;
  for (int it = 0; it < kMaxIterations; ++it) {
    psi = alpha * chi * chi;
    s = StumpffFunctions(psi);
    const double chi2 = chi * chi;
    const double f_val = sigma0 * chi2 * s.c2 +
                         one_minus_alpha_r0 * chi2 * chi * s.c3 + r0 * chi -
                         target;
    r = chi2 * s.c2 + sigma0 * chi * (1 - psi * s.c3) + r0 * (1 - psi * s.c2);
    const double d2 =
        sigma0 * (1 - psi * s.c2) + one_minus_alpha_r0 * chi * (1 - psi * s.c3);
    const double disc = std::sqrt(std::abs((kOrder - 1) * (kOrder - 1) * r * r -
                                           kOrder * (kOrder - 1) * f_val * d2));
    const double denom = r + std::copysign(disc, r);
    const double delta = kOrder * f_val / denom;
    if (!std::isfinite(delta)) break;
    chi -= delta;
    // Laguerre converges cubically: after a step of 1e-11 relative the
    // error left is far below rounding.
    if (std::abs(delta) <= 1e-11 * std::abs(chi)) {
      converged = true;
      break;
    }
  }
  if (!converged) {
    return absl::ResourceExhaustedError(
        absl::StrCat("universal Kepler: no convergence for dt = ", dt_s,
                     " s, 1/a = ", alpha, " 1/m"));
  }
  psi = alpha * chi * chi;
  s = StumpffFunctions(psi);
  const double chi2 = chi * chi;
  r = chi2 * s.c2 + sigma0 * chi * (1 - psi * s.c3) + r0 * (1 - psi * s.c2);
  lc.f = 1 - chi2 * s.c2 / r0;
  lc.g = dt_s - chi2 * chi * s.c3 / sqrt_gm;
  lc.f_dot = sqrt_gm * chi * (psi * s.c3 - 1) / (r * r0);
  lc.g_dot = 1 - chi2 * s.c2 / r;
  return lc;
}

absl::StatusOr<Eigen::Matrix<double, 6, 1>> PropagateUniversal(
    const Eigen::Vector3d& r0_m, const Eigen::Vector3d& v0_m_s, double dt_s,
    double gm_m3_s2) {
  absl::StatusOr<LagrangeCoefficients> lc =
      UniversalKepler(r0_m, v0_m_s, dt_s, gm_m3_s2);
  if (!lc.ok()) return lc.status();
  Eigen::Matrix<double, 6, 1> out;
  out.head<3>() = lc->f * r0_m + lc->g * v0_m_s;
  out.tail<3>() = lc->f_dot * r0_m + lc->g_dot * v0_m_s;
  return out;
}

}  // namespace sstrack::od::internal
