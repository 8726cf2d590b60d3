// Copyright sstrack authors.
//
// orbit_determination/iod.h — initial orbit determination: a first two-body
// state for an object that has none, from three positions, from two
// positions and a time of flight, or from three (or more) optical
// angles-only observations. The result seeds the batch least-squares fit.
//
// Everything is SI (m, s, rad) in GCRF, two-body motion about a centre of
// gravitational parameter GM (default Earth, 3.986004418e14 m^3/s^2).
// Equations follow Vallado, "Fundamentals of Astrodynamics and
// Applications" (4th ed.), §7.2–7.6 (Algorithms 52, 54, 55, 58).
//
// Three positions → velocity at the middle one
//   Gibbs (Alg. 54), for three coplanar positions on one conic (no times):
//     Z12 = r1×r2, Z23 = r2×r3, Z31 = r3×r1,
//     N = |r1| Z23 + |r2| Z31 + |r3| Z12,   D = Z12 + Z23 + Z31,
//     S = (|r2|−|r3|) r1 + (|r3|−|r1|) r2 + (|r1|−|r2|) r3,
//     v2 = sqrt(GM / (N·D)) (D×r2 / |r2| + S).
//   Herrick–Gibbs (Alg. 55), a Taylor series in time for close positions:
//     v2 = −Δt32 (1/(Δt21 Δt31) + GM/(12 |r1|³)) r1
//          + (Δt32 − Δt21) (1/(Δt21 Δt32) + GM/(12 |r2|³)) r2
//          + Δt21 (1/(Δt32 Δt31) + GM/(12 |r3|³)) r3.
//   Gibbs loses digits as the positions close up (cancellation in the cross
//   products), Herrick–Gibbs as they spread (truncation, ∝ Δt⁴). On exact
//   two-body data the two cross near 0.5° of separation; Vallado recommends
//   Herrick–Gibbs below ~1° and Gibbs above ~5°. VelocityFromThreePositions
//   uses Herrick–Gibbs when both separations are below
//   `herrick_gibbs_max_separation_rad` (1°), Gibbs otherwise.
//   The coplanarity angle is the angle of r1 out of the plane of r2, r3,
//   asin(r1·(r2×r3) / (|r1| |r2×r3|)); beyond the tolerance → INVALID_ARGUMENT.
//
// Lambert (Alg. 58, universal variables): the conic from r1 to r2 in time t.
//   cos Δν = r1·r2 / (|r1||r2|), Δν in (0, π) the short way, (π, 2π) the
//   long way;  A = ±sqrt(|r1||r2| (1 + cos Δν)) (+ short, − long);
//   y(ψ) = |r1| + |r2| + A (ψ c3(ψ) − 1) / sqrt(c2(ψ)),  χ = sqrt(y / c2),
//   sqrt(GM) t(ψ) = χ³ c3(ψ) + A sqrt(y),
//   with the Stumpff functions c2, c3 of ψ = χ²/a. With N full revolutions
//   ψ lies in ((2πN)², (2π(N+1))²). For N = 0, t(ψ) increases monotonically
//   and the root is bracketed and found by Brent's method; for N ≥ 1, t(ψ)
//   tends to infinity at both ends of the interval, has one minimum, and
//   there are two solutions (below and above the minimum's ψ) or none.
//   Then f = 1 − y/|r1|, g = A sqrt(y/GM), ġ = 1 − y/|r2|,
//   v1 = (r2 − f r1)/g, v2 = (ġ r2 − r1)/g.
//   Δν = 0 or π leaves the transfer plane undefined → INVALID_ARGUMENT.
//
// Gauss angles-only (Alg. 52), refined after Gooding (Celest. Mech. Dyn.
// Astron. 66, 387–423, 1997):
//   line of sight L_i = (cos δ cos α, cos δ sin α, sin δ), observer R_i, and
//   r_i = R_i + ρ_i L_i. With τ1 = t1 − t2, τ3 = t3 − t2 and the truncated
//   f and g series, c1 r1 − r2 + c3 r3 = 0 leads to the eighth-degree
//   polynomial  r2⁸ − (d1² + 2 C d1 + |R2|²) r2⁶ − 2 GM d2 (C + d1) r2³
//   − GM² d2² = 0; the largest positive root whose three ranges are all
//   positive is taken. Positions → v2 by Gibbs/Herrick–Gibbs. On exact data
//   this series solution is off by 1–5 km for LEO arcs of 2–4 minutes and
//   by 100–300 km for MEO/GEO arcs of 40 min–2 h (see the tests).
//   Refinement: the outer ranges (ρ1, ρ3) fix r1 and r3; Lambert's arc
//   between them over t3 − t1 (the way round of the series solution, less
//   than one revolution) is propagated to t2, and Newton's method (central-
//   difference Jacobian, step halving) drives the two components of
//   r(t2) − R2 perpendicular to L2 to zero, until the range step is below
//   `range_tolerance_m`. Three directions fix the six elements exactly, so
//   this converges to the two-body orbit through all three lines of sight
//   (the truth, for exact two-body data). The plain fixed-point iteration
//   with exact f and g (Curtis, Alg. 5.6) diverges for some well-observed
//   geometries (Vallado's Example 7-2 among them), hence Newton.
//   Geometric directions are assumed: no light time, aberration or
//   refraction (correct the epochs or directions before calling).
//
// Example:
//   std::vector<od::AnglesObservation> obs = ...;   // ≥ 3, any order
//   absl::StatusOr<od::GaussSolution> s = od::GaussAnglesOnly(obs);
//   if (s.ok()) UseState(s->epoch, s->state_gcrf);  // at obs[s->used[1]]
#ifndef SSTRACK_ORBIT_DETERMINATION_IOD_H_
#define SSTRACK_ORBIT_DETERMINATION_IOD_H_

#include <Eigen/Core>
#include <array>
#include <cmath>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "astro/frames/frames.h"
#include "astro/time/epoch.h"

namespace sstrack::od {

// Earth's GM (EGM96/WGS-84 value used by Vallado), m^3/s^2.
inline constexpr double kEarthGm = 3.986004418e14;

// ---------------------------------------------------------------------------
// Three positions → velocity at the middle one.

enum class ThreePositionMethod { kGibbs, kHerrickGibbs };
// "Gibbs", "Herrick-Gibbs".
absl::string_view ThreePositionMethodName(ThreePositionMethod method);

struct TimedPosition {
  astro::Epoch epoch;
  Eigen::Vector3d position_gcrf_m = Eigen::Vector3d::Zero();
};

struct ThreePositionOptions {
  double gm_m3_s2 = kEarthGm;
  // Largest accepted angle of r1 out of the plane of r2 and r3.
  double coplanarity_tolerance_rad = 1.0 * M_PI / 180;
  // VelocityFromThreePositions: Herrick–Gibbs when both separations are
  // below this, Gibbs otherwise.
  double herrick_gibbs_max_separation_rad = 1.0 * M_PI / 180;

  absl::Status Validate() const;
};

struct ThreePositionSolution {
  Eigen::Vector3d velocity_gcrf_m_s = Eigen::Vector3d::Zero();  // at r2
  ThreePositionMethod method = ThreePositionMethod::kGibbs;
  double separation_12_rad = 0;  // angle between r1 and r2
  double separation_23_rad = 0;  // angle between r2 and r3
  double coplanarity_rad = 0;    // signed angle of r1 out of plane(r2, r3)
};

// Gibbs. INVALID_ARGUMENT for non-finite or zero positions, two positions
// parallel, positions not coplanar within the tolerance, or positions that no
// conic through the centre visits in this order (N·D ≤ 0).
absl::StatusOr<ThreePositionSolution> Gibbs(
    const Eigen::Vector3d& r1_gcrf_m, const Eigen::Vector3d& r2_gcrf_m,
    const Eigen::Vector3d& r3_gcrf_m, const ThreePositionOptions& options = {});

// Herrick–Gibbs. Also INVALID_ARGUMENT unless t1 < t2 < t3.
absl::StatusOr<ThreePositionSolution> HerrickGibbs(
    const TimedPosition& p1, const TimedPosition& p2, const TimedPosition& p3,
    const ThreePositionOptions& options = {});

// Either of the two, chosen by the separations (see above).
absl::StatusOr<ThreePositionSolution> VelocityFromThreePositions(
    const TimedPosition& p1, const TimedPosition& p2, const TimedPosition& p3,
    const ThreePositionOptions& options = {});

// ---------------------------------------------------------------------------
// Lambert's problem.

enum class LambertPath { kShortWay, kLongWay };
// Multi-revolution transfers have two solutions for one time of flight:
// ψ below the minimum-time ψ of the interval, or above it.
enum class LambertBranch { kLowerPsi, kUpperPsi };

struct LambertOptions {
  double gm_m3_s2 = kEarthGm;
  LambertPath path = LambertPath::kShortWay;
  int revolutions = 0;  // complete revolutions before arriving, ≥ 0
  LambertBranch branch = LambertBranch::kLowerPsi;  // revolutions ≥ 1 only
  int max_iterations = 200;

  absl::Status Validate() const;
};

struct LambertSolution {
  Eigen::Vector3d velocity1_m_s = Eigen::Vector3d::Zero();  // at r1
  Eigen::Vector3d velocity2_m_s = Eigen::Vector3d::Zero();  // at r2
  double transfer_angle_rad = 0;  // Δν in (0, 2π), not counting revolutions
  double psi = 0;                 // ψ = χ²/a of the solution
  int iterations = 0;             // function evaluations of t(ψ)
};

// INVALID_ARGUMENT for non-finite or zero positions, time of flight ≤ 0,
// a transfer angle within 1e-8 rad of 0 or π, or (revolutions ≥ 1) a time
// of flight below the minimum for that many revolutions (the message gives
// the minimum). RESOURCE_EXHAUSTED if the root is not found within
// `max_iterations`.
absl::StatusOr<LambertSolution> SolveLambert(
    const Eigen::Vector3d& r1_m, const Eigen::Vector3d& r2_m,
    double time_of_flight_s, const LambertOptions& options = {});

// ---------------------------------------------------------------------------
// Gauss angles-only.

struct AnglesObservation {
  astro::Epoch epoch;
  double right_ascension_rad = 0;  // topocentric, GCRF axes
  double declination_rad = 0;
  Eigen::Vector3d observer_position_gcrf_m = Eigen::Vector3d::Zero();
};

struct GaussOptions {
  double gm_m3_s2 = kEarthGm;
  // Refine the series solution by Newton iteration (see above).
  bool refine = true;
  int max_iterations = 100;
  double range_tolerance_m = 1e-4;
  // For the velocity of the series solution (see VelocityFromThreePositions).
  double herrick_gibbs_max_separation_rad = 1.0 * M_PI / 180;

  absl::Status Validate() const;
};

struct GaussSolution {
  astro::Epoch epoch;  // of the middle observation used
  astro::CartesianState state_gcrf;
  // Indices into the input of the three observations used (time order):
  // the first, the one nearest the mid-time, the last.
  std::array<int, 3> used = {0, 1, 2};
  std::array<double, 3> ranges_m = {0, 0, 0};  // observer → object
  // Before refinement: the truncated-series solution.
  astro::CartesianState series_state_gcrf;
  ThreePositionMethod series_velocity_method = ThreePositionMethod::kGibbs;
  int candidate_roots = 0;  // positive roots with positive ranges
  int iterations = 0;       // Newton iterations of the refinement
  // False if refinement was asked for and did not converge; the state is
  // then the series solution.
  bool refined = false;
};

// INVALID_ARGUMENT for fewer than three observations, non-finite values or
// |declination| > π/2, fewer than three distinct epochs, lines of sight
// (nearly) coplanar (|L1·(L2×L3)| < 1e-12), or no positive root with
// positive ranges. Non-convergence of the refinement is not an error: see
// `refined`.
absl::StatusOr<GaussSolution> GaussAnglesOnly(
    absl::Span<const AnglesObservation> observations,
    const GaussOptions& options = {});

// Unit vector of a right ascension / declination pair.
Eigen::Vector3d LineOfSight(double right_ascension_rad, double declination_rad);

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_IOD_H_
