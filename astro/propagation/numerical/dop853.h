// Copyright sstrack authors.
//
// astro/propagation/numerical/dop853.h — the explicit Runge–Kutta method of
// Dormand & Prince of order 8 with embedded 5th- and 3rd-order error
// estimates and 7th-order dense output ("DOP853"; Hairer, Nørsett & Wanner,
// Solving Ordinary Differential Equations I, 2nd ed., §II.10), for
// y' = f(t, y).
//
// Step control: the error estimate of Hairer et al. (the 5th-order and
// 3rd-order embedded differences combined), measured component-wise against
// atol_i + rtol·max(|y_i|, |y_i,new|) over the first `controlled`
// components only (the variational equations ride along uncontrolled), and
// the new step h·0.9·err^(−1/8), kept within [h/3, 6h] (and not above h
// right after a rejection).
//
// Dense output: states at the requested times are interpolated inside the
// step that contains them with the method's 7th-order continuous extension
// (three extra evaluations, only in steps that contain an output time) —
// the step sequence, and so the result, does not depend on the output times.
#ifndef SSTRACK_ASTRO_PROPAGATION_NUMERICAL_DOP853_H_
#define SSTRACK_ASTRO_PROPAGATION_NUMERICAL_DOP853_H_

#include <functional>
#include <vector>

#include "absl/status/status.h"

namespace sstrack::astro {

struct Dop853Options {
  double relative_tolerance = 1e-13;
  // One per controlled component (or a single value for all).
  std::vector<double> absolute_tolerance = {1e-6};
  int controlled = -1;          // components under error control; −1 = all
  double initial_step = 0;      // 0 = automatic (Hairer's starting step)
  double max_step = 0;          // 0 = unlimited (magnitude)
  long max_steps = 5'000'000;
};

struct Dop853Summary {
  long accepted_steps = 0;
  long rejected_steps = 0;
  long evaluations = 0;
};

// f(t, y, dydt): y and dydt have the system's dimension.
using OdeFunction = std::function<void(double t, const double* y, double* dydt)>;

// Integrates from (t0, y0) through every time in `t_out`, which must be
// sorted in the direction of integration (all ≥ t0 or all ≤ t0); y_out[i]
// receives y(t_out[i]). Errors: invalid options, a step below the
// resolution of t, a non-finite derivative, too many steps.
absl::Status IntegrateDop853(const OdeFunction& f, double t0, const std::vector<double>& y0,
                             const std::vector<double>& t_out, const Dop853Options& options,
                             std::vector<std::vector<double>>* y_out,
                             Dop853Summary* summary = nullptr);

}  // namespace sstrack::astro

#endif  // SSTRACK_ASTRO_PROPAGATION_NUMERICAL_DOP853_H_
