// Copyright sstrack authors.
//
// Lambert's problem in universal variables (Vallado, 4th ed., Algorithm 58),
// with the root of t(ψ) = Δt bracketed and found by Brent's method, and the
// multi-revolution minimum found by golden-section search. Equations in iod.h.
#include <Eigen/Geometry>
#include <cmath>
#include <functional>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "orbit_determination/iod.h"
#include "orbit_determination/universal_kepler.h"

namespace sstrack::od {
namespace {

constexpr double kTwoPi = 2 * M_PI;

// The time of flight as a function of ψ for fixed geometry. Where y(ψ) < 0
// (hyperbolic short-way side, A > 0) no conic exists; t is continued as 0
// there, which is its limit as y → 0⁺, so that t(ψ) stays monotone.
class TimeOfFlight {
 public:
  TimeOfFlight(double r1, double r2, double a, double gm)
      : r1_(r1), r2_(r2), a_(a), sqrt_gm_(std::sqrt(gm)) {}

  double Y(double psi) const {
    const internal::Stumpff s = internal::StumpffFunctions(psi);
    return r1_ + r2_ + a_ * (psi * s.c3 - 1) / std::sqrt(s.c2);
  }

  double operator()(double psi) {
    ++evaluations_;
    const internal::Stumpff s = internal::StumpffFunctions(psi);
    const double y = r1_ + r2_ + a_ * (psi * s.c3 - 1) / std::sqrt(s.c2);
    if (!(y > 0)) return 0;
    const double chi = std::sqrt(y / s.c2);
    return (chi * chi * chi * s.c3 + a_ * std::sqrt(y)) / sqrt_gm_;
  }

  int evaluations() const { return evaluations_; }

 private:
  double r1_, r2_, a_, sqrt_gm_;
  int evaluations_ = 0;
};

// Brent's method for g(x) = 0 on [a, b] with g(a), g(b) of opposite signs
// (Brent 1973, ch. 4: inverse quadratic interpolation, secant, bisection).
// Returns false if `max_evaluations` are used up first.
bool BrentRoot(const std::function<double(double)>& g, double a, double b,
               double ga, double gb, double x_tolerance, int max_evaluations,
               double* root) {
  constexpr double kEps = std::numeric_limits<double>::epsilon();
  double c = a, gc = ga, d = b - a, e = d;
  for (int n = 0; n < max_evaluations; ++n) {
    if ((gb > 0) == (gc > 0)) {
      c = a;
      gc = ga;
      d = e = b - a;
    }
    if (std::abs(gc) < std::abs(gb)) {
      a = b, b = c, c = a;
      ga = gb, gb = gc, gc = ga;
    }
    const double tol = 2 * kEps * std::abs(b) + 0.5 * x_tolerance;
    const double m = 0.5 * (c - b);
    if (std::abs(m) <= tol || gb == 0) {
      *root = b;
      return true;
    }
    if (std::abs(e) >= tol && std::abs(ga) > std::abs(gb)) {
      const double s = gb / ga;
      double p, q;
      if (a == c) {  // secant
        p = 2 * m * s;
        q = 1 - s;
      } else {  // inverse quadratic interpolation
        const double qa = ga / gc, r = gb / gc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) {
        q = -q;
      } else {
        p = -p;
      }
      if (2 * p < std::min(3 * m * q - std::abs(tol * q), std::abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = e = m;
      }
    } else {
      d = e = m;
    }
    a = b;
    ga = gb;
    b += std::abs(d) > tol ? d : std::copysign(tol, m);
    gb = g(b);
  }
  return false;
}

// Golden-section search for the minimum of a unimodal t on (lo, hi).
double GoldenSectionMinimum(TimeOfFlight& t, double lo, double hi) {
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  double x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo);
  double t1 = t(x1), t2 = t(x2);
  while (hi - lo > 1e-13 * hi) {
    if (t1 < t2) {
      hi = x2;
      x2 = x1;
      t2 = t1;
      x1 = hi - ratio * (hi - lo);
      t1 = t(x1);
    } else {
      lo = x1;
      x1 = x2;
      t1 = t2;
      x2 = lo + ratio * (hi - lo);
      t2 = t(x2);
    }
  }
  return 0.5 * (lo + hi);
}

// Moves `x` from `inner` towards the open end `end` (where t → ∞) until
// t(x) > tof. False if the end is reached first.
bool BracketTowardsEnd(TimeOfFlight& t, double inner, double end, double tof,
                       double* x, double* tx) {
  for (int k = 1; k <= 60; ++k) {
    *x = end - (end - inner) * std::ldexp(1.0, -k);
    *tx = t(*x);
    if (*tx > tof) return true;
  }
  return false;
}

}  // namespace

absl::Status LambertOptions::Validate() const {
  if (!(gm_m3_s2 > 0) || !std::isfinite(gm_m3_s2)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Lambert: gm_m3_s2 must be positive and finite, got ", gm_m3_s2));
  }
  if (revolutions < 0 || revolutions > 1000) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Lambert: revolutions must be in [0, 1000], got ", revolutions));
  }
  if (max_iterations < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Lambert: max_iterations must be positive, got ", max_iterations));
  }
  return absl::OkStatus();
}

absl::StatusOr<LambertSolution> SolveLambert(const Eigen::Vector3d& r1_m,
                                             const Eigen::Vector3d& r2_m,
                                             double tof_s,
                                             const LambertOptions& options) {
  if (absl::Status s = options.Validate(); !s.ok()) return s;
  if (!r1_m.allFinite() || !r2_m.allFinite()) {
    return absl::InvalidArgumentError("Lambert: a position is not finite");
  }
  const double r1 = r1_m.norm(), r2 = r2_m.norm();
  if (r1 == 0 || r2 == 0) {
    return absl::InvalidArgumentError("Lambert: a position is zero");
  }
  if (!(tof_s > 0) || !std::isfinite(tof_s)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Lambert: time of flight must be positive and finite, got ", tof_s,
        " s"));
  }
  const double sin_dnu = r1_m.cross(r2_m).norm() / (r1 * r2);
  const double cos_dnu = r1_m.dot(r2_m) / (r1 * r2);
  if (sin_dnu < 1e-8) {
    return absl::InvalidArgumentError(absl::StrCat(
        "Lambert: r1 and r2 are collinear with the centre (transfer angle ",
        cos_dnu > 0 ? "0" : "180", " deg); the transfer plane is undefined"));
  }
  const bool short_way = options.path == LambertPath::kShortWay;
  const double dnu = std::atan2(sin_dnu, cos_dnu);
  const double a =
      (short_way ? 1.0 : -1.0) * std::sqrt(r1 * r2 * (1 + cos_dnu));
  TimeOfFlight t(r1, r2, a, options.gm_m3_s2);
  const auto g = [&](double psi) { return t(psi) - tof_s; };
  const int n = options.revolutions;

  double lo, hi, t_lo, t_hi;
  if (n == 0) {
    // t(ψ) increases from 0 (or from its hyperbolic limit) to ∞ at 4π².
    const double end = kTwoPi * kTwoPi;
    lo = 0;
    t_lo = t(lo);
    if (t_lo > tof_s) {
      hi = lo;
      t_hi = t_lo;
      lo = -end;
      constexpr double kMostNegativePsi = -4e5;  // cosh overflows near −5e5
      while ((t_lo = t(lo)) > tof_s) {
        if (lo <= kMostNegativePsi) {
          return absl::InvalidArgumentError(
              absl::StrCat("Lambert: time of flight ", tof_s,
                           " s is shorter than any hyperbolic transfer found (",
                           t_lo, " s at psi = ", lo, ")"));
        }
        hi = lo;
        t_hi = t_lo;
        lo = std::max(4 * lo, kMostNegativePsi);
      }
    } else if (!BracketTowardsEnd(t, lo, end, tof_s, &hi, &t_hi)) {
      return absl::ResourceExhaustedError(
          absl::StrCat("Lambert: time of flight ", tof_s,
                       " s not bracketed below psi = 4 pi^2"));
    }
  } else {
    const double start = (kTwoPi * n) * (kTwoPi * n);
    const double end = (kTwoPi * (n + 1)) * (kTwoPi * (n + 1));
    const double psi_min = GoldenSectionMinimum(t, start, end);
    const double t_min = t(psi_min);
    if (t_min > tof_s) {
      return absl::InvalidArgumentError(absl::StrCat(
          "Lambert: no ", n, "-revolution transfer: time of flight ", tof_s,
          " s is below the minimum ", t_min, " s"));
    }
    double x, tx;
    const bool lower = options.branch == LambertBranch::kLowerPsi;
    if (!BracketTowardsEnd(t, psi_min, lower ? start : end, tof_s, &x, &tx)) {
      return absl::ResourceExhaustedError(
          absl::StrCat("Lambert: ", n, "-revolution time of flight ", tof_s,
                       " s not bracketed"));
    }
    lo = lower ? x : psi_min;
    t_lo = lower ? tx : t_min;
    hi = lower ? psi_min : x;
    t_hi = lower ? t_min : tx;
  }

  double psi = lo;
  if (t_lo != tof_s) {
    if (t_hi == tof_s) {
      psi = hi;
    } else if (!BrentRoot(g, lo, hi, t_lo - tof_s, t_hi - tof_s, 1e-15,
                          options.max_iterations, &psi)) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "Lambert: no convergence within ", options.max_iterations,
          " iterations (time of flight ", tof_s, " s)"));
    }
  }
  const double y = t.Y(psi);
  if (!(y > 0)) {
    return absl::InternalError("Lambert: root outside the domain y(psi) > 0");
  }
  const double f = 1 - y / r1;
  const double gg = a * std::sqrt(y / options.gm_m3_s2);
  const double g_dot = 1 - y / r2;
  LambertSolution sol;
  sol.velocity1_m_s = (r2_m - f * r1_m) / gg;
  sol.velocity2_m_s = (g_dot * r2_m - r1_m) / gg;
  sol.transfer_angle_rad = short_way ? dnu : kTwoPi - dnu;
  sol.psi = psi;
  sol.iterations = t.evaluations();
  if (!sol.velocity1_m_s.allFinite() || !sol.velocity2_m_s.allFinite()) {
    return absl::InternalError("Lambert: non-finite velocity");
  }
  return sol;
}

}  // namespace sstrack::od
