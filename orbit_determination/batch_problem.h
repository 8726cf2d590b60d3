// Copyright sstrack authors.
//
// orbit_determination/batch_problem.h — the cost side of the batch
// least-squares fit (batch_least_squares.cc is its only user): the problem
// one evaluation needs, with its two-point evaluation cache, and the Ceres
// pieces built on it — the measurement cost, the a priori cost and the
// step-in-σ convergence callback.
#ifndef SSTRACK_ORBIT_DETERMINATION_BATCH_PROBLEM_H_
#define SSTRACK_ORBIT_DETERMINATION_BATCH_PROBLEM_H_

#include <array>
#include <vector>

#include <Eigen/Core>

#include "astro/propagation/numerical/force_model.h"
#include "ceres/ceres.h"
#include "orbit_determination/batch_least_squares.h"
#include "orbit_determination/measurement_model.h"

namespace sstrack::od::internal {

// Everything one evaluation needs; shared by the cost function and the
// editing/covariance steps. Unknowns z are offsets from x_ref in units of
// `scale`.
class FitProblem {
 public:
  const BatchOptions* options = nullptr;
  const astro::ForceModel* force_model = nullptr;
  astro::Epoch epoch;
  Eigen::VectorXd x_ref, scale;
  int num_force = 0;
  std::vector<Measurement> meas;
  std::vector<StationState> stations;
  std::vector<astro::Epoch> times;  // unique, sorted
  std::vector<int> time_index;      // per measurement
  std::vector<int> bias_index;      // per measurement, −1 if none
  std::vector<int> clock_index;     // per measurement: its station's time offset, −1 if none
  int transponder_index = -1;       // the transponder delay's unknown, −1 if none
  std::vector<bool> edited;
  std::vector<bool> free;           // per unknown: estimated (not fixed)
  // A priori information: whitened residuals prior_rows · z + prior_offset —
  // six rows for the state (when it has a prior), then one per parameter
  // with an a priori σ.
  Eigen::MatrixXd prior_rows;       // k × n, or empty
  Eigen::VectorXd prior_offset;
  std::vector<double> last_oc;      // observed − computed, last evaluation
  long propagations = 0;

  int num_unknowns() const { return static_cast<int>(x_ref.size()); }
  int num_residuals() const { return static_cast<int>(meas.size()); }
  Eigen::VectorXd X(const double* z) const {
    return x_ref + scale.cwiseProduct(Eigen::Map<const Eigen::VectorXd>(z, num_unknowns()));
  }

  // Residuals (computed − observed)/σ, and the row-major Jacobian if asked
  // (edited measurements: zero rows). The last two evaluated points are
  // cached without the editing mask — Ceres ends on its best point, which
  // may be the one before its last trial, and the editing, convergence and
  // covariance steps ask again at the same point, also after the edited set
  // changed.
  bool Evaluate(const double* z, double* residuals, double* jac);

  // The Gauss–Newton step from `z` measured in its own formal σ: the
  // Mahalanobis length √(Δᵀ JᵀJ Δ) = ‖J Δ‖ of the step Δ that minimizes
  // ‖r + J Δ‖ (prior rows included). Below ~0.1 the point is the solution
  // for every practical purpose.
  double GaussNewtonStepSigma(const double* z);

  Eigen::VectorXd PriorResiduals(const double* z) const;
  // The prior's rows (free columns) under a Jacobian of the free columns.
  Eigen::MatrixXd StackPrior(const Eigen::MatrixXd& j) const;
  // The Jacobian's columns of the estimated (not fixed) unknowns.
  Eigen::MatrixXd FreeColumns(const double* row_major_jacobian) const;
  // Weighted RMS of the kept measurements at the last evaluation.
  double Wrms() const;

 private:
  struct CacheEntry {
    bool valid = false;
    std::vector<double> z, oc, jac;  // oc and Jacobian rows for every measurement
  };
  // observed − computed and the Jacobian rows of (computed − observed)/σ for
  // every measurement, edited or not: one propagation with the STM.
  bool EvaluateUnmasked(const double* z, std::vector<double>* oc, std::vector<double>* jac);

  std::array<CacheEntry, 2> cache_;
  size_t next_cache_ = 0;
};

class OrbitCost : public ceres::CostFunction {
 public:
  explicit OrbitCost(FitProblem* p);
  bool Evaluate(double const* const* parameters, double* residuals,
                double** jacobians) const override;

 private:
  FitProblem* p_;
};

// The a priori information as whitened residuals (linear in z).
class PriorCost : public ceres::CostFunction {
 public:
  explicit PriorCost(const FitProblem* p);
  bool Evaluate(double const* const* parameters, double* residuals,
                double** jacobians) const override;

 private:
  const FitProblem* p_;
};

// Ends a Ceres solve when the Gauss–Newton step from the current point is
// below `converge` formal σ (Ceres' own tests — relative cost change, step
// size — would take one or two more propagations to notice), or, when
// editing is due, below `edit` σ: the residuals are then within about that
// of their final values, and editing now rather than after convergence
// saves the propagations of a pass. Needs update_state_every_iteration.
class StepSigmaCallback : public ceres::IterationCallback {
 public:
  // An early stop for editing waits for `edit_after_iterations` iterations
  // of a solve that Reset marks as the first.
  StepSigmaCallback(FitProblem* p, const double* z, double converge, double edit,
                    int edit_after_iterations = 0)
      : p_(p), z_(z), converge_(converge), edit_(edit), edit_after_(edit_after_iterations) {}
  void Reset(bool edit_due, bool first_solve = false) {
    edit_due_ = edit_due;
    converged_ = false;
    wait_ = first_solve ? edit_after_ : 0;
  }
  bool converged() const { return converged_; }
  ceres::CallbackReturnType operator()(const ceres::IterationSummary&) override;

 private:
  FitProblem* p_;
  const double* z_;
  double converge_, edit_;
  int edit_after_ = 0, wait_ = 0;
  bool edit_due_ = false, converged_ = false;
};

}  // namespace sstrack::od::internal

#endif  // SSTRACK_ORBIT_DETERMINATION_BATCH_PROBLEM_H_
