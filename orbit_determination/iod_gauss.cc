// Copyright sstrack authors.
//
// Gauss's angles-only method (Vallado, 4th ed., Algorithm 52), refined by
// Newton iteration on the outer ranges with a Lambert arc between them (after
// Gooding's method). Equations in iod.h.
#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "orbit_determination/iod.h"
#include "orbit_determination/universal_kepler.h"

namespace sstrack::od {
namespace {

// The three observations used, in time order.
absl::StatusOr<std::array<int, 3>> SelectThree(
    absl::Span<const AnglesObservation> obs) {
  if (obs.size() < 3) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Gauss angles-only needs at least 3 observations, got ", obs.size()));
  }
  for (size_t i = 0; i < obs.size(); ++i) {
    const AnglesObservation& o = obs[i];
    if (!std::isfinite(o.right_ascension_rad) ||
        !std::isfinite(o.declination_rad) ||
        !o.observer_position_gcrf_m.allFinite() ||
        !std::isfinite(o.epoch.TaiSecondsSinceJ2000())) {
      return absl::InvalidArgumentError(
          absl::StrCat("Gauss: observation ", i, " has a non-finite value"));
    }
    if (std::abs(o.declination_rad) > M_PI / 2) {
      return absl::InvalidArgumentError(absl::StrCat(
          "Gauss: observation ", i, ": declination ",
          o.declination_rad * 180 / M_PI, " deg not in [-90, 90]"));
    }
  }
  std::vector<int> order(obs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return obs[a].epoch < obs[b].epoch; });
  const int first = order.front(), last = order.back();
  const double span_s = obs[last].epoch - obs[first].epoch;
  int middle = -1;
  double best = 0;
  for (size_t k = 1; k + 1 < order.size(); ++k) {
    const double t = obs[order[k]].epoch - obs[first].epoch;
    if (t <= 0 || t >= span_s) continue;
    const double distance = std::abs(t - 0.5 * span_s);
    if (middle < 0 || distance < best) {
      middle = order[k];
      best = distance;
    }
  }
  if (middle < 0) {
    return absl::InvalidArgumentError(
        "Gauss: the observations need three distinct epochs");
  }
  return std::array<int, 3>{first, middle, last};
}

// Positive real roots of x⁸ + a x⁶ + b x³ + c (companion matrix, then Newton).
std::vector<double> PositiveRoots(double a, double b, double c) {
  Eigen::Matrix<double, 8, 8> companion = Eigen::Matrix<double, 8, 8>::Zero();
  companion.diagonal(-1).setOnes();
  // Monic coefficients of x⁰..x⁷ (negated in the last column).
  const double coeff[8] = {c, 0, 0, b, 0, 0, a, 0};
  for (int i = 0; i < 8; ++i) companion(i, 7) = -coeff[i];
  Eigen::EigenSolver<Eigen::Matrix<double, 8, 8>> solver(companion, false);
  std::vector<double> roots;
  for (const std::complex<double>& z : solver.eigenvalues()) {
    if (std::abs(z.imag()) > 1e-6 * std::max(1.0, std::abs(z)) ||
        z.real() <= 0) {
      continue;
    }
    double x = z.real();
    for (int it = 0; it < 5; ++it) {
      const double x2 = x * x, x3 = x2 * x, x5 = x3 * x2;
      const double p = x5 * x3 + a * x5 * x + b * x3 + c;
      const double dp = 8 * x5 * x2 + 6 * a * x5 + 3 * b * x2;
      if (dp == 0) break;
      x -= p / dp;
    }
    if (x > 0) roots.push_back(x);
  }
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end(),
                          [](double u, double v) {
                            return std::abs(u - v) <= 1e-9 * std::abs(v);
                          }),
              roots.end());
  return roots;
}

struct Geometry {
  Eigen::Matrix3d los;   // columns L1, L2, L3
  Eigen::Matrix3d site;  // columns R1, R2, R3
  Eigen::FullPivLU<Eigen::Matrix3d> lu;
};

// Ranges from c1 r1 − r2 + c3 r3 = 0 with r_i = R_i + ρ_i L_i.
Eigen::Vector3d Ranges(const Geometry& g, double c1, double c3) {
  const Eigen::Vector3d rhs =
      -(c1 * g.site.col(0) - g.site.col(1) + c3 * g.site.col(2));
  const Eigen::Vector3d x = g.lu.solve(rhs);  // (c1 ρ1, −ρ2, c3 ρ3)
  return Eigen::Vector3d(x(0) / c1, -x(1), x(2) / c3);
}

Eigen::Matrix3d Positions(const Geometry& g, const Eigen::Vector3d& rho) {
  Eigen::Matrix3d r;
  for (int i = 0; i < 3; ++i) r.col(i) = g.site.col(i) + rho(i) * g.los.col(i);
  return r;
}

// The miss of the arc r1 → r3 (Lambert over t3 − t1) at the middle epoch,
// as the two components of (r(t2) − R2) perpendicular to L2, in metres.
class MiddleMiss {
 public:
  MiddleMiss(const Geometry& g, double t31_s, double t21_s,
             const LambertOptions& lambert)
      : g_(g), t31_s_(t31_s), t21_s_(t21_s), lambert_(lambert) {
    const Eigen::Vector3d l2 = g.los.col(1);
    Eigen::Vector3d any = Eigen::Vector3d::UnitZ();
    if (std::abs(l2.z()) > 0.9) any = Eigen::Vector3d::UnitX();
    e1_ = l2.cross(any).normalized();
    e2_ = l2.cross(e1_);
  }

  absl::StatusOr<Eigen::Vector2d> operator()(const Eigen::Vector2d& rho13) {
    absl::StatusOr<Eigen::Matrix<double, 6, 1>> s2 = Middle(rho13);
    if (!s2.ok()) return s2.status();
    const Eigen::Vector3d d = s2->head<3>() - g_.site.col(1);
    return Eigen::Vector2d(d.dot(e1_), d.dot(e2_));
  }

  // The state at t2 on the arc r1 → r3.
  absl::StatusOr<Eigen::Matrix<double, 6, 1>> Middle(
      const Eigen::Vector2d& rho13) const {
    const Eigen::Vector3d r1 = g_.site.col(0) + rho13(0) * g_.los.col(0);
    const Eigen::Vector3d r3 = g_.site.col(2) + rho13(1) * g_.los.col(2);
    absl::StatusOr<LambertSolution> arc =
        SolveLambert(r1, r3, t31_s_, lambert_);
    if (!arc.ok()) return arc.status();
    return internal::PropagateUniversal(r1, arc->velocity1_m_s, t21_s_,
                                        lambert_.gm_m3_s2);
  }

 private:
  const Geometry& g_;
  double t31_s_, t21_s_;
  LambertOptions lambert_;
  Eigen::Vector3d e1_, e2_;
};

}  // namespace

Eigen::Vector3d LineOfSight(double right_ascension_rad,
                            double declination_rad) {
  const double cd = std::cos(declination_rad);
  return Eigen::Vector3d(cd * std::cos(right_ascension_rad),
                         cd * std::sin(right_ascension_rad),
                         std::sin(declination_rad));
}

absl::Status GaussOptions::Validate() const {
  if (!(gm_m3_s2 > 0) || !std::isfinite(gm_m3_s2)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Gauss: gm_m3_s2 must be positive and finite, got ", gm_m3_s2));
  }
  if (max_iterations < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Gauss: max_iterations must be >= 0, got ", max_iterations));
  }
  if (!(range_tolerance_m > 0)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Gauss: range_tolerance_m must be positive, got ", range_tolerance_m));
  }
  if (!(herrick_gibbs_max_separation_rad >= 0) ||
      herrick_gibbs_max_separation_rad > M_PI) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Gauss: herrick_gibbs_max_separation_rad must be in [0, pi], got ",
        herrick_gibbs_max_separation_rad));
  }
  return absl::OkStatus();
}

absl::StatusOr<GaussSolution> GaussAnglesOnly(
    absl::Span<const AnglesObservation> observations,
    const GaussOptions& options) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  absl::StatusOr<std::array<int, 3>> used = SelectThree(observations);
  if (!used.ok()) return used.status();
  const AnglesObservation* o[3];
  Geometry g;
  for (int i = 0; i < 3; ++i) {
    o[i] = &observations[(*used)[i]];
    g.los.col(i) =
        LineOfSight(o[i]->right_ascension_rad, o[i]->declination_rad);
    g.site.col(i) = o[i]->observer_position_gcrf_m;
  }
  const double det = g.los.determinant();
  if (std::abs(det) < 1e-12) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Gauss: the three lines of sight are (nearly) coplanar (L1·(L2×L3) = ",
        det, "); the ranges are undetermined"));
  }
  g.lu.compute(g.los);
  const double gm = options.gm_m3_s2;
  const double tau1 = o[0]->epoch - o[1]->epoch;  // < 0
  const double tau3 = o[2]->epoch - o[1]->epoch;  // > 0
  const double tau = tau3 - tau1;

  // Truncated f and g series: c1 = a1 + a1u GM/r2³, c3 = a3 + a3u GM/r2³.
  const double a1 = tau3 / tau;
  const double a1u = tau3 * (tau * tau - tau3 * tau3) / (6 * tau);
  const double a3 = -tau1 / tau;
  const double a3u = -tau1 * (tau * tau - tau1 * tau1) / (6 * tau);
  const Eigen::Matrix3d m = g.lu.solve(g.site);  // L⁻¹ [R1 R2 R3]
  const double d1 = m(1, 0) * a1 - m(1, 1) + m(1, 2) * a3;
  const double d2 = m(1, 0) * a1u + m(1, 2) * a3u;
  const double c = g.los.col(1).dot(g.site.col(1));
  // Scale r2 by s = |R2| (or 1 m for an observer at the centre).
  const double s = std::max(g.site.col(1).norm(), 1.0);
  const double s3 = s * s * s;
  const std::vector<double> roots = PositiveRoots(
      -(d1 * d1 + 2 * c * d1 + g.site.col(1).squaredNorm()) / (s * s),
      -2 * gm * d2 * (c + d1) / (s3 * s * s),
      -(gm * gm * d2 * d2) / (s3 * s3 * s * s));

  GaussSolution out;
  out.used = *used;
  out.epoch = o[1]->epoch;
  Eigen::Vector3d rho;
  double chosen_r2 = -1;
  for (double root : roots) {
    const double r2 = root * s;
    const double u = gm / (r2 * r2 * r2);
    const Eigen::Vector3d candidate = Ranges(g, a1 + a1u * u, a3 + a3u * u);
    if (!(candidate.minCoeff() > 0)) continue;
    ++out.candidate_roots;
    if (r2 > chosen_r2) {  // Vallado: the largest admissible root
      chosen_r2 = r2;
      rho = candidate;
    }
  }
  if (out.candidate_roots == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Gauss: none of the ", roots.size(),
        " positive roots of the eighth-degree polynomial gives positive "
        "ranges to all three observations; the directions are inconsistent "
        "with two-body motion seen from these sites"));
  }
  Eigen::Matrix3d r = Positions(g, rho);
  ThreePositionOptions vo;
  vo.gm_m3_s2 = gm;
  vo.coplanarity_tolerance_rad = M_PI / 2;  // coplanar by construction
  vo.herrick_gibbs_max_separation_rad =
      options.herrick_gibbs_max_separation_rad;
  absl::StatusOr<ThreePositionSolution> v = VelocityFromThreePositions(
      {o[0]->epoch, r.col(0)}, {o[1]->epoch, r.col(1)}, {o[2]->epoch, r.col(2)},
      vo);
  if (!v.ok()) {
    return absl::Status(
        v.status().code(),
        absl::StrCat("Gauss: series solution: ", v.status().message()));
  }
  out.series_state_gcrf.position_m = r.col(1);
  out.series_state_gcrf.velocity_m_s = v->velocity_gcrf_m_s;
  out.series_velocity_method = v->method;
  out.state_gcrf = out.series_state_gcrf;
  out.ranges_m = {rho(0), rho(1), rho(2)};
  if (!options.refine) return out;

  // Refinement: Newton on the outer ranges (ρ1, ρ3) so that the Lambert arc
  // r1 → r3 passes through the middle line of sight at t2.
  const Eigen::Vector3d h = r.col(1).cross(v->velocity_gcrf_m_s);
  LambertOptions lo;
  lo.gm_m3_s2 = gm;
  lo.path = h.dot(r.col(0).cross(r.col(2))) >= 0 ? LambertPath::kShortWay
                                                 : LambertPath::kLongWay;
  MiddleMiss miss(g, o[2]->epoch - o[0]->epoch, -tau1, lo);
  Eigen::Vector2d x(rho(0), rho(2));
  absl::StatusOr<Eigen::Vector2d> fx = miss(x);
  for (int it = 1; fx.ok() && it <= options.max_iterations; ++it) {
    out.iterations = it;
    Eigen::Matrix2d jac;
    bool jac_ok = true;
    for (int j = 0; j < 2 && jac_ok; ++j) {
      const double step = 1e-7 * x(j);
      Eigen::Vector2d xp = x, xm = x;
      xp(j) += step;
      xm(j) -= step;
      absl::StatusOr<Eigen::Vector2d> fp = miss(xp), fm = miss(xm);
      jac_ok = fp.ok() && fm.ok();
      if (jac_ok) jac.col(j) = (*fp - *fm) / (2 * step);
    }
    if (!jac_ok || !(std::abs(jac.determinant()) > 0)) break;
    const Eigen::Vector2d dx = -jac.partialPivLu().solve(*fx);
    if (!dx.allFinite()) break;
    if (dx.cwiseAbs().maxCoeff() < options.range_tolerance_m) {
      x += dx;
      out.refined = true;
      break;
    }
    // Halve the step until the miss shrinks and the ranges stay positive.
    bool accepted = false;
    for (double lambda = 1; lambda > 1.0 / 1024 && !accepted; lambda /= 2) {
      const Eigen::Vector2d trial = x + lambda * dx;
      if (!(trial.minCoeff() > 0)) continue;
      absl::StatusOr<Eigen::Vector2d> ft = miss(trial);
      if (ft.ok() && ft->norm() < fx->norm()) {
        x = trial;
        fx = ft;
        accepted = true;
      }
    }
    if (!accepted) break;
  }
  if (out.refined) {
    const absl::StatusOr<Eigen::Matrix<double, 6, 1>> s2 = miss.Middle(x);
    out.refined = s2.ok();
    if (s2.ok()) {
      out.state_gcrf.position_m = s2->head<3>();
      out.state_gcrf.velocity_m_s = s2->tail<3>();
      out.ranges_m = {x(0), (s2->head<3>() - g.site.col(1)).dot(g.los.col(1)),
                      x(1)};
    }
  }
  return out;
}

}  // namespace sstrack::od
