// Copyright sstrack authors.
//
// astro/propagation/numerical/empirical.h — empirical accelerations: the
// forces a model does not have (a propellant leak, an unmodelled thrust,
// mis-modelled radiation pressure) as small accelerations of a fixed shape
// whose amplitudes an estimator can fit, as in GEODYN and Orekit.
//
// One term is  a(t) = c · f(t, r, v) · ê(r, v)  on an interval [start, end):
//   ê   an axis of the RTN frame — R̂ = r/|r|, N̂ = (r × v)/|r × v|,
//       T̂ = N̂ × R̂ (along track for a circular orbit) — or of GCRF;
//   f   a power of the time since the interval's start in days,
//       ((t − start)/86400 s)^k (k = 0: a constant), or cos u / sin u with
//       u the argument of latitude (once per revolution): cos u = R̂ · n̂,
//       sin u = R̂ · (N̂ × n̂), n̂ the ascending node's direction (x̂ of GCRF
//       for an orbit within 1e-9 rad of the equator);
//   c   the amplitude in m/s² (per dayᵏ for a power k) — the parameter.
// Outside its interval a term is zero. Terms over consecutive intervals make
// a piecewise model (PiecewiseEmpirical). The basis is written on a generic
// scalar so that its partials in r and v come from automatic
// differentiation; ∂a/∂c is the basis itself (a is linear in c).
#ifndef SSTRACK_ASTRO_PROPAGATION_NUMERICAL_EMPIRICAL_H_
#define SSTRACK_ASTRO_PROPAGATION_NUMERICAL_EMPIRICAL_H_

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/time/epoch.h"

namespace sstrack::astro {

enum class EmpiricalAxes { kRtn, kGcrf };
enum class EmpiricalShape { kPower, kCosArgumentOfLatitude, kSinArgumentOfLatitude };

struct EmpiricalAcceleration {
  EmpiricalAxes axes = EmpiricalAxes::kRtn;
  int axis = 1;  // 0, 1, 2: R, T, N (or x, y, z of GCRF)
  EmpiricalShape shape = EmpiricalShape::kPower;
  int power = 0;  // kPower: the power of the time in days (0 = constant)
  // The interval [start, end); absent: unbounded on that side. A power
  // k ≥ 1 needs a start (its time origin).
  std::optional<Epoch> start, end;
  double value_m_s2 = 0;  // the amplitude (nominal, or the truth's)
  bool estimate = false;  // a parameter of the force model

  // The parameter's name: "empirical_T_m_s2", "empirical_T_t1_m_s2" (per
  // day), "empirical_R_cos_m_s2", "empirical_GCRF_z_m_s2", followed by
  // "[START]" (ISO UTC) when the interval has a start.
  std::string Name() const;
  absl::Status Validate() const;
  bool ActiveAt(const Epoch& t) const {
    return (!start || !(t < *start)) && (!end || t < *end);
  }
};

// The direction times the shape at t (seconds since the term's start, 0
// when it has none), r (m), v (m/s), GCRF: the acceleration per unit
// amplitude. T is double or Dual<8> (r: derivatives 0–2, v: 3–5).
template <typename T>
std::array<T, 3> EmpiricalBasis(const EmpiricalAcceleration& term, double since_start_s,
                                const std::array<T, 3>& r, const std::array<T, 3>& v);

// `shapes` (their intervals ignored) repeated over consecutive intervals of
// `interval_s` from `start` until `end` (the last one ends at `end`;
// interval_s ≤ 0: one interval [start, end)). An interval longer than the
// span is an error naming it, as is an empty span.
absl::StatusOr<std::vector<EmpiricalAcceleration>> PiecewiseEmpirical(
    const std::vector<EmpiricalAcceleration>& shapes, const Epoch& start, const Epoch& end,
    double interval_s);

// Parses one shape: "AXIS[:SHAPE]" with AXIS one of R, T, N (RTN) or X, Y, Z
// (GCRF) and SHAPE one of const (default), t1, t2, … (power of the time in
// days), cos, sin (once per revolution, RTN axes only). Errors name the text.
absl::StatusOr<EmpiricalAcceleration> ParseEmpiricalShape(const std::string& text);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_PROPAGATION_NUMERICAL_EMPIRICAL_H_
