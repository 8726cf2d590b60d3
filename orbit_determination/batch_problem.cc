// Copyright sstrack authors.
#include "orbit_determination/batch_problem.h"

#include <algorithm>
#include <cmath>

#include <Eigen/QR>

#include "astro/propagation/numerical/forces.h"
#include "astro/propagation/numerical/numerical_propagator.h"

namespace sstrack::od::internal {

bool FitProblem::Evaluate(const double* z, double* residuals, double* jac) {
  const int n = num_unknowns();
  const CacheEntry* hit = nullptr;
  for (size_t k = 0; k < cache_.size(); ++k) {
    const CacheEntry& c = cache_[k];
    if (c.valid && std::equal(z, z + n, c.z.begin())) {
      hit = &c;
      next_cache_ = (k + 1) % cache_.size();  // replace the other one next
    }
  }
  if (!hit) {
    // Near the solution almost every trial step is accepted and Ceres then
    // asks for the Jacobian at the same point: computing it with every
    // evaluation costs one propagation with the STM instead of one without
    // and one with.
    CacheEntry& c = cache_[next_cache_];
    next_cache_ = (next_cache_ + 1) % cache_.size();
    c.valid = EvaluateUnmasked(z, &c.oc, &c.jac);
    if (!c.valid) return false;
    c.z.assign(z, z + n);
    hit = &c;
  }
  last_oc = hit->oc;
  for (size_t i = 0; i < meas.size(); ++i) {
    const bool use = !edited[i];
    residuals[i] = use ? -hit->oc[i] / meas[i].sigma : 0.0;
    if (!jac) continue;
    double* row = jac + i * n;
    if (use) {
      std::copy(hit->jac.begin() + i * n, hit->jac.begin() + (i + 1) * n, row);
    } else {
      std::fill(row, row + n, 0.0);
    }
  }
  return true;
}

double FitProblem::GaussNewtonStepSigma(const double* z) {
  const int n = num_unknowns();
  std::vector<double> r(meas.size()), j(meas.size() * n);
  if (!Evaluate(z, r.data(), j.data())) return INFINITY;
  const Eigen::MatrixXd jm = StackPrior(FreeColumns(j.data()));
  Eigen::VectorXd rv(jm.rows());
  rv.head(meas.size()) = Eigen::Map<const Eigen::VectorXd>(r.data(), meas.size());
  if (prior_rows.size() > 0) rv.tail(prior_rows.rows()) = PriorResiduals(z);
  const Eigen::VectorXd step = jm.colPivHouseholderQr().solve(-rv);
  const double length = (jm * step).norm();
  return std::isfinite(length) ? length : INFINITY;
}

bool FitProblem::EvaluateUnmasked(const double* z, std::vector<double>* oc,
                                  std::vector<double>* jac) {
  const Eigen::VectorXd x = X(z);
  astro::NumericalPropagatorOptions po = options->propagator;
  po.variational = true;
  po.parameters = x.segment(6, num_force);
  const astro::CartesianState x0{x.head<3>(), x.segment<3>(3)};
  auto states = astro::PropagateNumerically(*force_model, epoch, x0, times, po);
  ++propagations;
  if (!states.ok()) return false;
  const int n = num_unknowns();
  oc->resize(meas.size());
  jac->assign(meas.size() * n, 0.0);
  for (size_t i = 0; i < meas.size(); ++i) {
    const Measurement& m = meas[i];
    const astro::PropagatedState& s = (*states)[time_index[i]];
    // A station time offset δt: the value tagged t is the model at t − δt.
    const int clock = clock_index.empty() ? -1 : clock_index[i];
    double rate = 0;
    const ModelValue mv =
        clock >= 0 ? ComputeModelShifted(m, stations[i], s.gcrf.position_m, s.gcrf.velocity_m_s, -x[clock], &rate)
                   : ComputeModel(m, stations[i], s.gcrf.position_m, s.gcrf.velocity_m_s);
    const bool delayed = transponder_index >= 0 && m.type == MeasurementType::kRange && m.two_way;
    double bias = bias_index[i] >= 0 ? x[bias_index[i]] : 0.0;
    if (delayed) bias += 0.5 * astro::kSpeedOfLightMS * x[transponder_index];
    (*oc)[i] = Residual(m.type, m.value, mv.value + bias + m.model_correction);
    double* row = jac->data() + i * n;
    const Eigen::Matrix<double, 1, 6> d_state = mv.partials * s.stm;
    for (int j = 0; j < 6; ++j) row[j] = d_state[j] * scale[j] / m.sigma;
    if (num_force > 0) {
      const Eigen::RowVectorXd d_force = mv.partials * s.sensitivity;
      for (int j = 0; j < num_force; ++j) row[6 + j] = d_force[j] * scale[6 + j] / m.sigma;
    }
    if (bias_index[i] >= 0) row[bias_index[i]] = scale[bias_index[i]] / m.sigma;
    if (clock >= 0) row[clock] = -rate * scale[clock] / m.sigma;
    if (delayed) row[transponder_index] = 0.5 * astro::kSpeedOfLightMS * scale[transponder_index] / m.sigma;
  }
  return true;
}

Eigen::VectorXd FitProblem::PriorResiduals(const double* z) const {
  return prior_rows * Eigen::Map<const Eigen::VectorXd>(z, num_unknowns()) + prior_offset;
}

Eigen::MatrixXd FitProblem::StackPrior(const Eigen::MatrixXd& j) const {
  if (prior_rows.size() == 0) return j;
  const Eigen::Index k_rows = prior_rows.rows();
  Eigen::MatrixXd out(j.rows() + k_rows, j.cols());
  out.topRows(j.rows()) = j;
  for (int c = 0, k = 0; c < num_unknowns(); ++c)
    if (free[c]) out.bottomRows(k_rows).col(k++) = prior_rows.col(c);
  return out;
}

Eigen::MatrixXd FitProblem::FreeColumns(const double* row_major_jacobian) const {
  const int n = num_unknowns();
  const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> j(
      row_major_jacobian, meas.size(), n);
  Eigen::MatrixXd out(meas.size(), std::count(free.begin(), free.end(), true));
  for (int c = 0, k = 0; c < n; ++c)
    if (free[c]) out.col(k++) = j.col(c);
  return out;
}

double FitProblem::Wrms() const {
  double sum = 0;
  int used = 0;
  for (size_t i = 0; i < meas.size(); ++i) {
    if (edited[i]) continue;
    sum += (last_oc[i] / meas[i].sigma) * (last_oc[i] / meas[i].sigma);
    ++used;
  }
  return used > 0 ? std::sqrt(sum / used) : 0.0;
}

OrbitCost::OrbitCost(FitProblem* p) : p_(p) {
  set_num_residuals(p->num_residuals());
  mutable_parameter_block_sizes()->push_back(p->num_unknowns());
}

bool OrbitCost::Evaluate(double const* const* parameters, double* residuals,
                         double** jacobians) const {
  return p_->Evaluate(parameters[0], residuals, jacobians ? jacobians[0] : nullptr);
}

PriorCost::PriorCost(const FitProblem* p) : p_(p) {
  set_num_residuals(static_cast<int>(p->prior_rows.rows()));
  mutable_parameter_block_sizes()->push_back(p->num_unknowns());
}

bool PriorCost::Evaluate(double const* const* parameters, double* residuals,
                         double** jacobians) const {
  const Eigen::Index k = p_->prior_rows.rows();
  Eigen::Map<Eigen::VectorXd>(residuals, k) = p_->PriorResiduals(parameters[0]);
  if (jacobians && jacobians[0]) {
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        jacobians[0], k, p_->num_unknowns()) = p_->prior_rows;
  }
  return true;
}

ceres::CallbackReturnType StepSigmaCallback::operator()(const ceres::IterationSummary& it) {
  // z_ holds the current point (update_state_every_iteration).
  const double sigma = p_->GaussNewtonStepSigma(z_);
  converged_ = sigma < converge_;
  const bool may_edit = edit_due_ && it.iteration >= wait_;
  if (converged_ || (may_edit && sigma < edit_)) return ceres::SOLVER_TERMINATE_SUCCESSFULLY;
  return ceres::SOLVER_CONTINUE;
}

}  // namespace sstrack::od::internal
