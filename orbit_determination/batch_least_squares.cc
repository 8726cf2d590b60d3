// Copyright sstrack authors.
#include "orbit_determination/batch_least_squares.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <Eigen/Cholesky>
#include <Eigen/Geometry>
#include <Eigen/SVD>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "astro/frames/cip_cache.h"
#include "astro/frames/frames.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "ceres/ceres.h"
#include "orbit_determination/batch_problem.h"
#include "orbit_determination/measurement_model.h"

namespace sstrack::od {
namespace {

// Ceres' first trust-region radius: effectively Gauss–Newton.
constexpr double kInitialTrustRegionRadius = 1e10;

using internal::FitProblem;
using internal::OrbitCost;
using internal::PriorCost;
using internal::StepSigmaCallback;

std::string BiasName(MeasurementType type, const std::string& station) {
  const char* unit = type == MeasurementType::kRange       ? "_m"
                     : type == MeasurementType::kRangeRate ? "_m_s"
                                                           : "_rad";
  return absl::StrCat(absl::AsciiStrToLower(MeasurementTypeName(type)), "_bias", unit, "[",
                      station, "]");
}

// Solver unit of a bias: 1 m, 1 mm/s, 1″.
double BiasScale(MeasurementType type) {
  if (type == MeasurementType::kRange) return 1.0;
  if (type == MeasurementType::kRangeRate) return 1e-3;
  return M_PI / 180 / 3600;
}

absl::Status CheckInput(const std::vector<Measurement>& meas,
                        const std::map<std::string, Station>& stations) {
  if (meas.empty()) return absl::InvalidArgumentError("orbit determination: no measurements");
  for (size_t i = 0; i < meas.size(); ++i) {
    const Measurement& m = meas[i];
    const std::string where = absl::StrCat("measurement ", i, " (id ", m.id, ", ",
                                           MeasurementTypeName(m.type), "): ");
    if (!std::isfinite(m.value)) return absl::InvalidArgumentError(where + "value is not finite");
    if (!(m.sigma > 0) || !std::isfinite(m.sigma))
      return absl::InvalidArgumentError(absl::StrCat(where, "sigma ", m.sigma, " must be > 0"));
    if (!stations.count(m.station))
      return absl::InvalidArgumentError(absl::StrCat(where, "unknown station '", m.station, "'"));
    if (m.type == MeasurementType::kRange && !(m.value > 0))
      return absl::InvalidArgumentError(where + "range must be > 0");
    if (m.type == MeasurementType::kElevation && std::abs(m.value) > M_PI / 2)
      return absl::InvalidArgumentError(where + "elevation outside [-90°, 90°]");
    if (m.type == MeasurementType::kDeclination && std::abs(m.value) > M_PI / 2)
      return absl::InvalidArgumentError(where + "declination outside [-90°, 90°]");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<BatchSummary> SolveBatch(const BatchOptions& o,
                                        const astro::ForceModelOptions& force_options,
                                        const astro::Epoch& epoch,
                                        const astro::CartesianState& initial,
                                        const std::vector<Measurement>& measurements,
                                        const std::map<std::string, Station>& sites,
                                        std::shared_ptr<const astro::EopTable> eop) {
  const absl::Time wall_start = absl::Now();
  if (absl::Status s = o.Validate(); !s.ok()) return s;
  if (absl::Status s = CheckInput(measurements, sites); !s.ok()) return s;
  if (absl::Status s = astro::ValidateState(initial); !s.ok()) return s;

  FitProblem p;
  p.options = &o;
  p.meas = measurements;
  std::sort(p.meas.begin(), p.meas.end(),
            [](const Measurement& a, const Measurement& b) { return a.epoch < b.epoch; });
  // Force model over the span of the data and the epoch.
  astro::Epoch first = std::min(epoch, p.meas.front().epoch);
  astro::Epoch last = std::max(epoch, p.meas.back().epoch);
  astro::ForceModelOptions fo = force_options;
  if (eop) fo.eop = eop;
  fo.partials_degree = o.partials_degree;
  auto fm = astro::ForceModel::Create(fo, first, last);
  if (!fm.ok()) return fm.status();
  p.force_model = fm->get();
  p.num_force = (*fm)->num_parameters();

  // The solve epoch: the middle of the data, so that each propagation runs
  // half the arc in each direction (on two threads) and a poor guess's
  // error grows over half the arc; the guess is mapped there first and the
  // solution and its covariance mapped back to `epoch` at the end.
  const double half_span = 0.5 * (p.meas.back().epoch - p.meas.front().epoch);
  const astro::Epoch middle = p.meas.front().epoch + half_span;
  p.epoch = epoch;
  astro::CartesianState guess = initial;
  const bool one_side = !(p.meas.front().epoch < epoch) || !(epoch < p.meas.back().epoch);
  // The prior's square root M (P = M Mᵀ) and, after the move to the middle,
  // the sensitivity of the middle state to the force parameters: the prior
  // residual is M⁻¹ (δx_mid − S δp) with M = Φ L (δx_epoch = Φ⁻¹ (δx_mid − S δp)).
  // With a joint prior (a_priori_joint_covariance) the prior covers the
  // force parameters too: r_p = L⁻¹ (y − y_prior), y = (x_epoch, p).
  if (o.a_priori_joint_covariance && o.a_priori_covariance_gcrf) {
    return absl::InvalidArgumentError(
        "orbit determination: a_priori_joint_covariance and a_priori_covariance_gcrf are both set");
  }
  const int joint_size = 6 + p.num_force;
  if (o.a_priori_joint_covariance && (o.a_priori_joint_covariance->rows() != joint_size ||
                                      o.a_priori_joint_covariance->cols() != joint_size)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "orbit determination: a_priori_joint_covariance is ", o.a_priori_joint_covariance->rows(),
        "×", o.a_priori_joint_covariance->cols(), ", expected ", joint_size, "×", joint_size,
        " (the state and the force model's ", p.num_force, " parameters)"));
  }
  const Eigen::MatrixXd prior_cov =
      o.a_priori_joint_covariance ? *o.a_priori_joint_covariance
      : o.a_priori_covariance_gcrf ? Eigen::MatrixXd(*o.a_priori_covariance_gcrf)
                                   : Eigen::MatrixXd();
  const bool prior = prior_cov.size() > 0;
  Eigen::MatrixXd prior_sqrt;
  astro::Matrix6d prior_phi = astro::Matrix6d::Identity();
  Eigen::MatrixXd prior_sensitivity = Eigen::MatrixXd::Zero(6, p.num_force);
  if (prior) {
    const Eigen::LLT<Eigen::MatrixXd> llt(prior_cov);
    if (!prior_cov.allFinite() || !prior_cov.isApprox(prior_cov.transpose(), 1e-9) ||
        llt.info() != Eigen::Success) {
      return absl::InvalidArgumentError(
          "orbit determination: the a priori covariance must be finite, symmetric and positive "
          "definite");
    }
    prior_sqrt = llt.matrixL();
  }
  // The prior mean, at p.epoch once the state has moved to the middle.
  astro::CartesianState prior_mean_state = initial;
  if (prior && o.a_priori_mean_gcrf) {
    if (absl::Status s = astro::ValidateState(*o.a_priori_mean_gcrf); !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("orbit determination: a_priori_mean_gcrf: ", s.message()));
    }
    prior_mean_state = *o.a_priori_mean_gcrf;
  }
  // Settings on state components refer to the state at `epoch`: solve there.
  bool state_specs = false;
  for (const char* c : {"x_m", "y_m", "z_m", "vx_m_s", "vy_m_s", "vz_m_s"}) state_specs |= o.parameters.count(c) > 0;
  if (o.solve_at_mid_arc && one_side && half_span > 0 && !state_specs) {
    astro::NumericalPropagatorOptions po = o.propagator;
    po.variational = prior;
    auto mapped = astro::PropagateNumerically(**fm, epoch, initial, {middle}, po);
    ++p.propagations;
    if (!mapped.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "orbit determination: the initial orbit could not be propagated to the middle of the data: ",
          mapped.status().message()));
    }
    p.epoch = middle;
    guess = (*mapped)[0].gcrf;
    prior_mean_state = guess;
    const astro::PropagatedState* about = &(*mapped)[0];  // the prior's trajectory
    absl::StatusOr<std::vector<astro::PropagatedState>> mean;
    if (prior && o.a_priori_mean_gcrf) {
      // The mean's own trajectory (with the nominal force parameters) and
      // its Φ and S, not a linear map of its offset from the guess's.
      mean = astro::PropagateNumerically(**fm, epoch, *o.a_priori_mean_gcrf, {middle}, po);
      ++p.propagations;
      if (!mean.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "orbit determination: the a priori mean could not be propagated to the middle of the "
            "data: ",
            mean.status().message()));
      }
      prior_mean_state = (*mean)[0].gcrf;
      about = &(*mean)[0];
    }
    if (prior) {
      prior_phi = about->stm;
      prior_sensitivity = about->sensitivity;
    }
  }

  // Unknowns: state, force parameters, measurement biases, time offsets,
  // the transponder delay.
  std::vector<std::string> names = {"x_m", "y_m", "z_m", "vx_m_s", "vy_m_s", "vz_m_s"};
  std::vector<double> ref = {guess.position_m.x(),   guess.position_m.y(),
                             guess.position_m.z(),   guess.velocity_m_s.x(),
                             guess.velocity_m_s.y(), guess.velocity_m_s.z()};
  std::vector<double> scl = {o.position_scale_m,   o.position_scale_m,   o.position_scale_m,
                             o.velocity_scale_m_s, o.velocity_scale_m_s, o.velocity_scale_m_s};
  const Eigen::VectorXd nominal = (*fm)->nominal_parameters();
  const Eigen::VectorXd force_scales = (*fm)->parameter_scales();
  for (int j = 0; j < p.num_force; ++j) {
    names.push_back((*fm)->parameter_names()[j]);
    ref.push_back(nominal[j]);
    scl.push_back(force_scales[j]);
  }
  std::map<std::pair<std::string, MeasurementType>, int> bias_of;
  p.bias_index.assign(p.meas.size(), -1);
  for (size_t i = 0; i < p.meas.size(); ++i) {
    const Measurement& m = p.meas[i];
    if (std::find(o.estimate_biases.begin(), o.estimate_biases.end(), m.type) ==
        o.estimate_biases.end()) {
      continue;
    }
    auto [it, inserted] = bias_of.emplace(std::make_pair(m.station, m.type), static_cast<int>(names.size()));
    if (inserted) {
      names.push_back(BiasName(m.type, m.station));
      ref.push_back(0.0);
      scl.push_back(BiasScale(m.type));
    }
    p.bias_index[i] = it->second;
  }
  if (o.estimate_time_offsets) {
    std::map<std::string, int> clock_of;
    p.clock_index.assign(p.meas.size(), -1);
    for (size_t i = 0; i < p.meas.size(); ++i) {
      const std::string& station = p.meas[i].station;
      auto [it, inserted] = clock_of.emplace(station, static_cast<int>(names.size()));
      if (inserted) {
        names.push_back(absl::StrCat("time_offset_s[", station, "]"));
        ref.push_back(0.0);
        scl.push_back(1e-4);
      }
      p.clock_index[i] = it->second;
    }
  }
  if (o.estimate_transponder_delay) {
    if (std::none_of(p.meas.begin(), p.meas.end(), [](const Measurement& m) {
          return m.type == MeasurementType::kRange && m.two_way;
        })) {
      return absl::InvalidArgumentError(
          "batch options: estimate_transponder_delay: the data have no two-way range");
    }
    p.transponder_index = static_cast<int>(names.size());
    names.push_back("transponder_delay_s");
    ref.push_back(0.0);
    scl.push_back(1e-9);
  }
  // Parameters that only a reference separates: a delay shared by every
  // station's ranges is a common range bias, and a time offset common to
  // every station is (but for the Earth's rotation in the offset, ~1 mm
  // per ms) a shift of the orbit along itself. At least one station must be
  // held (fixed, or an a-priori σ).
  auto held = [&](int j) {
    const auto spec = o.parameters.find(names[j]);
    return spec != o.parameters.end() && (spec->second.fixed || spec->second.a_priori_sigma > 0);
  };
  if (p.transponder_index >= 0) {
    bool separable = false;
    for (const Measurement& m : p.meas) {
      if (m.type != MeasurementType::kRange || !m.two_way) continue;
      const auto b = bias_of.find({m.station, m.type});
      if (b == bias_of.end() || held(b->second)) separable = true;
    }
    if (!separable && !held(p.transponder_index)) {
      return absl::InvalidArgumentError(
          "batch options: transponder_delay_s and a free range bias at every station are not "
          "separable: fix one station's range bias (a calibrated station) or give it an "
          "a_priori_sigma");
    }
  }
  if (!p.clock_index.empty() &&
      std::none_of(p.clock_index.begin(), p.clock_index.end(), held)) {
    return absl::InvalidArgumentError(
        "batch options: a free time_offset_s at every station is an along-track shift of the "
        "orbit: fix one station's (the reference clock) or give it an a_priori_sigma");
  }
  // Per-parameter settings: scale, initial value, bounds, fixed.
  std::vector<double> lower(names.size(), -INFINITY), upper(names.size(), INFINITY);
  if (o.nonnegative_force_parameters) {
    for (int j = 0; j < p.num_force; ++j) {
      if ((*fm)->parameter_is_nonnegative(j)) lower[6 + j] = 0.0;
    }
  }
  std::vector<int> fixed;
  for (const auto& [name, spec] : o.parameters) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      return absl::InvalidArgumentError(absl::StrCat("batch options: parameter '", name,
                                                     "' is not an unknown of this fit (",
                                                     absl::StrJoin(names, ", "), ")"));
    }
    const int j = static_cast<int>(it - names.begin());
    if (!(spec.a_priori_sigma >= 0) || !std::isfinite(spec.a_priori_sigma)) {
      return absl::InvalidArgumentError(absl::StrCat("batch options: parameter '", name,
                                                     "': a_priori_sigma ", spec.a_priori_sigma,
                                                     " must be finite and > 0 (0: no prior)"));
    }
    if (spec.scale < 0 || !std::isfinite(spec.scale) || !(spec.lower <= spec.upper)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "batch options: parameter '", name, "': scale must be finite and >= 0, lower <= upper"));
    }
    if (spec.scale > 0) scl[j] = spec.scale;
    if (spec.initial) ref[j] = *spec.initial;
    if (!(ref[j] >= spec.lower && ref[j] <= spec.upper)) {
      return absl::InvalidArgumentError(absl::StrCat("batch options: parameter '", name,
                                                     "': initial value ", ref[j], " outside [",
                                                     spec.lower, ", ", spec.upper, "]"));
    }
    lower[j] = std::max(lower[j], spec.lower);
    upper[j] = spec.upper;
    if (!(ref[j] >= lower[j])) {
      return absl::InvalidArgumentError(absl::StrCat("batch options: parameter '", name,
                                                     "': initial value ", ref[j], " below ",
                                                     lower[j], " (nonnegative_force_parameters)"));
    }
    if (spec.fixed) fixed.push_back(j);
  }
  if (fixed.size() == names.size()) {
    return absl::InvalidArgumentError("batch options: every unknown is fixed: nothing to estimate");
  }
  p.x_ref = Eigen::Map<Eigen::VectorXd>(ref.data(), ref.size());
  p.scale = Eigen::Map<Eigen::VectorXd>(scl.data(), scl.size());
  const int n = p.num_unknowns();
  p.free.assign(n, true);
  for (int j : fixed) p.free[j] = false;
  const int n_free = n - static_cast<int>(fixed.size());
  // A priori information: the state's six rows (when it has a prior), then
  // one row (x_j − x_j,prior)/σ_j per parameter with an a priori σ, whose
  // prior mean is its initial value.
  std::vector<int> param_prior;
  for (const auto& [name, spec] : o.parameters) {
    if (spec.a_priori_sigma == 0) continue;
    const int j = static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
    if (o.a_priori_joint_covariance && j >= 6 && j < joint_size) {
      return absl::InvalidArgumentError(absl::StrCat(
          "batch options: parameter '", name,
          "' has an a_priori_sigma and is in a_priori_joint_covariance: give one"));
    }
    if (p.free[j]) param_prior.push_back(j);
  }
  const int state_rows = prior ? static_cast<int>(prior_cov.rows()) : 0;
  const int prior_determined = state_rows + static_cast<int>(param_prior.size());
  if (prior_determined > 0) {
    p.prior_rows = Eigen::MatrixXd::Zero(prior_determined, n);
    p.prior_offset = Eigen::VectorXd::Zero(prior_determined);
  }
  if (prior) {
    // The state at the epoch from the unknowns (state at the solve epoch,
    // force parameters p): δx_epoch = Φ⁻¹ (x − x_prior − S (p − p_nominal)),
    // x = x_ref + scale ∘ z, Φ and S from the epoch to the solve epoch (I
    // and 0 when solved at the epoch). State prior: r_p = L⁻¹ δx_epoch;
    // joint prior: r_p = L⁻¹ (δx_epoch, p − p_prior), p_prior their
    // initial values.
    const astro::Matrix6d phi_inv = prior_phi.partialPivLu().inverse();
    Eigen::MatrixXd t = Eigen::MatrixXd::Zero(state_rows, n);  // y − y_prior = t z + t0
    t.topLeftCorner<6, 6>() = phi_inv * p.scale.head<6>().asDiagonal();
    if (p.num_force > 0) {
      t.block(0, 6, 6, p.num_force) =
          -phi_inv * prior_sensitivity * p.scale.segment(6, p.num_force).asDiagonal();
    }
    for (int j = 6; j < state_rows; ++j) t(j, j) = p.scale[j];
    Eigen::Matrix<double, 6, 1> prior_mean;
    prior_mean << prior_mean_state.position_m, prior_mean_state.velocity_m_s;
    Eigen::VectorXd t0 = Eigen::VectorXd::Zero(state_rows);
    t0.head<6>() = phi_inv * (p.x_ref.head<6>() - prior_mean -
                              prior_sensitivity * (p.x_ref.segment(6, p.num_force) - nominal));
    const auto l = prior_sqrt.triangularView<Eigen::Lower>();
    p.prior_rows.topRows(state_rows) = l.solve(t);
    p.prior_offset.head(state_rows) = l.solve(t0);
  }
  for (size_t k = 0; k < param_prior.size(); ++k) {
    const int j = param_prior[k];
    const double sigma = o.parameters.at(names[j]).a_priori_sigma;
    p.prior_rows(state_rows + static_cast<int>(k), j) = p.scale[j] / sigma;
  }

  // Times and station states, once (Earth orientation from a CIP cache
  // over the data: < 1e-12 rad from the full series).
  auto cip = astro::CipCache::Create(p.meas.front().epoch, p.meas.back().epoch);
  if (!cip.ok()) return cip.status();
  for (size_t i = 0; i < p.meas.size(); ++i) {
    const Measurement& m = p.meas[i];
    if (p.times.empty() || !(p.times.back() == m.epoch)) p.times.push_back(m.epoch);
    p.time_index.push_back(static_cast<int>(p.times.size()) - 1);
    astro::EopSample sample = astro::ZeroEop(m.epoch);
    if (eop) {
      auto at = eop->At(m.epoch);
      if (!at.ok()) return at.status();
      sample = *at;
    }
    auto gcrf_to_itrf = cip->GcrfToItrfMatrix(m.epoch, sample);
    if (!gcrf_to_itrf.ok()) return gcrf_to_itrf.status();
    p.stations.push_back(MakeStationState(sites.at(m.station), m.epoch, *gcrf_to_itrf, sample,
                                          m.aberration.annual));
  }
  p.edited.assign(p.meas.size(), false);

  BatchSummary out;
  out.epoch = epoch;
  out.parameter_names = names;
  std::vector<double> z(n, 0.0);
  std::vector<double> scratch(p.meas.size());
  if (!p.Evaluate(z.data(), scratch.data(), nullptr)) {
    return absl::InternalError("orbit determination: the initial orbit could not be propagated");
  }
  const std::vector<double> prefit = p.last_oc;
  out.prefit_wrms = p.Wrms();

  ceres::Problem problem;
  problem.AddResidualBlock(new OrbitCost(&p), nullptr, z.data());
  if (prior_determined > 0) problem.AddResidualBlock(new PriorCost(&p), nullptr, z.data());
  for (int j = 0; j < n; ++j) {
    if (std::isfinite(lower[j])) problem.SetParameterLowerBound(z.data(), j, (lower[j] - p.x_ref[j]) / p.scale[j]);
    if (std::isfinite(upper[j])) problem.SetParameterUpperBound(z.data(), j, (upper[j] - p.x_ref[j]) / p.scale[j]);
  }
  if (!fixed.empty()) problem.SetManifold(z.data(), new ceres::SubsetManifold(n, fixed));
  ceres::Solver::Options so;
  so.linear_solver_type = ceres::DENSE_QR;
  // Start close to Gauss–Newton: orbit fits are nearly linear near the
  // solution, and a small initial trust region costs many iterations.
  so.initial_trust_region_radius = kInitialTrustRegionRadius;
  so.max_num_iterations = o.max_iterations;
  so.function_tolerance = o.function_tolerance;
  so.parameter_tolerance = o.parameter_tolerance;
  so.logging_type = ceres::SILENT;
  so.minimizer_progress_to_stdout = false;
  StepSigmaCallback step_sigma(&p, z.data(), o.convergence_step_sigma, o.editing_start_sigma,
                               o.editing_start_iterations);
  if (o.convergence_step_sigma > 0) {
    so.update_state_every_iteration = true;
    so.callbacks.push_back(&step_sigma);
  }
  // Growing arc: from a poor guess, fit the measurements nearest the epoch
  // first (a quarter, then half of the data's time extent), so that the
  // nonlinearity of a long arc does not trap the solver; then all of them.
  if (o.grow_arc && out.prefit_wrms > o.max_wrms) {
    double extent = 0;
    for (const Measurement& m : p.meas) extent = std::max(extent, std::abs(m.epoch - p.epoch));
    for (double fraction : {0.25, 0.5}) {
      int inside = 0;
      for (size_t i = 0; i < p.meas.size(); ++i) {
        p.edited[i] = std::abs(p.meas[i].epoch - p.epoch) > fraction * extent;
        if (!p.edited[i]) ++inside;
      }
      if (inside < 2 * n) continue;
      ceres::Solver::Summary ss;
      ceres::Solve(so, &problem, &ss);
      out.iterations += std::max(0, static_cast<int>(ss.iterations.size()) - 1);
    }
    std::fill(p.edited.begin(), p.edited.end(), false);
  }
  // Solves and editing passes: a solve ends converged, or (with the
  // step-σ test) early for editing; an edit that changes the edited set
  // starts a new pass, one that does not lets the solve run on to
  // convergence with the same set.
  bool settled = false;
  bool solver_converged = false;
  std::vector<std::vector<bool>> history;  // edited sets of earlier passes
  std::string solver_message;
  const bool editing = o.editing_threshold > 0;
  bool edit_due = editing;
  bool loose_pending = o.initial_editing_threshold > 0;
  bool pass_limit = false;
  bool evaluation_failed = false;
  int pass = 0;
  while (true) {
    step_sigma.Reset(edit_due, pass == 0);
    ceres::Solver::Summary ss;
    ceres::Solve(so, &problem, &ss);
    out.iterations += std::max(0, static_cast<int>(ss.iterations.size()) - 1);
    out.editing_passes = pass + 1;
    // The next pass starts from the trust region this one ended with: a
    // fit whose Gauss–Newton steps overshoot (a poorly observed direction)
    // would otherwise spend several rejected propagations per pass
    // shrinking it again from the initial radius.
    if (!ss.iterations.empty()) {
      so.initial_trust_region_radius =
          std::clamp(ss.iterations.back().trust_region_radius, 1e2, kInitialTrustRegionRadius);
    }
    solver_message = ss.message;
    solver_converged = ss.termination_type == ceres::CONVERGENCE ||
                       (ss.termination_type == ceres::USER_SUCCESS && step_sigma.converged());
    const bool stopped_to_edit = ss.termination_type == ceres::USER_SUCCESS && !solver_converged;
    if (!solver_converged && !stopped_to_edit) break;  // failure or iteration limit
    if (!p.Evaluate(z.data(), scratch.data(), nullptr)) {
      evaluation_failed = true;
      break;
    }
    if (!editing) {
      settled = true;
      break;
    }
    auto decide = [&](double k) {
      const double limit = k * std::max(1.0, p.Wrms());
      std::vector<bool> next(p.meas.size());
      for (size_t i = 0; i < p.meas.size(); ++i) {
        next[i] = std::abs(p.last_oc[i] / p.meas[i].sigma) > limit;
        // From the third pass on, an edited measurement stays edited, so the
        // passes end (the edited set can only grow).
        if (pass >= 2 && p.edited[i]) next[i] = true;
      }
      return next;
    };
    // The first decision on the loose threshold (initial_editing_threshold);
    // when that edits nothing new, the regular one at once.
    std::vector<bool> next = decide(loose_pending ? o.initial_editing_threshold : o.editing_threshold);
    if (loose_pending && next == p.edited) next = decide(o.editing_threshold);
    loose_pending = false;
    out.edited_per_pass.push_back(static_cast<int>(std::count(next.begin(), next.end(), true)));
    // A measurement on the threshold can flip in and out forever; a set seen
    // before means the editing cycles: keep the current set.
    const bool changed =
        next != p.edited && std::find(history.begin(), history.end(), next) == history.end();
    if (!changed) {
      if (solver_converged) {
        settled = true;
        break;
      }
      edit_due = false;  // solve on with this set
      continue;
    }
    if (pass + 1 >= o.max_editing_passes) {
      pass_limit = true;
      break;
    }
    history.push_back(p.edited);
    p.edited = next;
    ++pass;
    edit_due = true;
  }

  // Solution, residuals, covariance.
  const Eigen::VectorXd x = p.X(z.data());
  out.parameters = x;
  out.state_gcrf = {x.head<3>(), x.segment<3>(3)};
  out.postfit_wrms = p.Wrms();
  for (size_t i = 0; i < p.meas.size(); ++i) {
    const Measurement& m = p.meas[i];
    out.residuals.push_back({m.id, m.epoch, m.type, m.station, m.value, m.sigma, prefit[i],
                             p.last_oc[i], static_cast<bool>(p.edited[i])});
    if (p.edited[i]) ++out.edited; else ++out.used;
  }
  std::vector<double> jac(p.meas.size() * n);
  if (!p.Evaluate(z.data(), scratch.data(), jac.data())) evaluation_failed = true;
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(p.StackPrior(p.FreeColumns(jac.data())));
  const auto sv = svd.singularValues();
  out.condition_number = sv[sv.size() - 1] > 0 ? sv[0] / sv[sv.size() - 1] : INFINITY;

  bool covariance_ok = false;
  {
    ceres::Covariance::Options co;
    co.algorithm_type = ceres::DENSE_SVD;
    co.null_space_rank = 0;
    co.min_reciprocal_condition_number = 1.0 / (o.max_condition_number * o.max_condition_number);
    ceres::Covariance cov(co);
    std::vector<std::pair<const double*, const double*>> blocks = {{z.data(), z.data()}};
    if ((prior_determined > 0 || out.used >= n_free) && cov.Compute(blocks, &problem)) {
      Eigen::MatrixXd cz(n, n);
      cov.GetCovarianceBlock(z.data(), z.data(), cz.data());  // row-major n×n (symmetric)
      out.covariance = p.scale.asDiagonal() * cz * p.scale.asDiagonal();
      covariance_ok = true;
    }
  }
  // Back from the solve epoch to the requested one: the state along the
  // solution's trajectory, the covariance through [Φ S; 0 I].
  bool mapped = true;
  if (!(p.epoch == epoch)) {
    astro::NumericalPropagatorOptions po = o.propagator;
    po.variational = true;
    po.parameters = x.segment(6, p.num_force);
    auto back = astro::PropagateNumerically(*p.force_model, p.epoch, out.state_gcrf, {epoch}, po);
    ++p.propagations;
    if (back.ok()) {
      out.state_gcrf = (*back)[0].gcrf;
      out.parameters.head<3>() = out.state_gcrf.position_m;
      out.parameters.segment<3>(3) = out.state_gcrf.velocity_m_s;
      if (covariance_ok) {
        Eigen::MatrixXd map = Eigen::MatrixXd::Identity(n, n);
        map.topLeftCorner<6, 6>() = (*back)[0].stm;
        if (p.num_force > 0) map.block(0, 6, 6, p.num_force) = (*back)[0].sensitivity;
        out.covariance = map * out.covariance * map.transpose();
        out.covariance = 0.5 * (out.covariance + out.covariance.transpose()).eval();
      }
    } else {
      mapped = false;
      covariance_ok = false;
    }
  }
  if (covariance_ok) {
    out.covariance_gcrf = out.covariance.topLeftCorner<6, 6>();
    out.parameter_sigmas = out.covariance.diagonal().cwiseMax(0.0).cwiseSqrt();
    const Eigen::Matrix3d ric =
        astro::RicMatrix(out.state_gcrf.position_m, out.state_gcrf.velocity_m_s);
    out.position_covariance_ric = ric * out.covariance_gcrf.topLeftCorner<3, 3>() * ric.transpose();
  }
  out.propagations = p.propagations;
  out.converged = solver_converged && settled;

  // Quality gates, first failure wins.
  const int min_used = prior_determined > 0 ? std::max(1, 2 * (n_free - prior_determined)) : 2 * n_free;
  if (evaluation_failed) {
    out.message = "the orbit could not be propagated at the solution";
  } else if (!mapped) {
    out.message = "the solution could not be propagated from the middle of the data to the epoch";
  } else if (pass_limit) {
    out.message = absl::StrCat("residual editing did not settle in ", o.max_editing_passes, " passes");
  } else if (!solver_converged) {
    out.message = absl::StrCat("did not converge: ", solver_message);
  } else if (!settled) {
    out.message = absl::StrCat("residual editing did not settle in ", o.max_editing_passes, " passes");
  } else if (out.edited > o.max_edited_fraction * static_cast<double>(p.meas.size())) {
    out.message = absl::StrFormat(
        "edited %d of %zu measurements (%.1f %%), more than the %.1f %% allowed (max_edited_fraction)",
        out.edited, p.meas.size(), 100.0 * out.edited / static_cast<double>(p.meas.size()),
        100.0 * o.max_edited_fraction);
  } else if (out.used < min_used) {
    out.message = absl::StrCat("too few measurements kept: ", out.used, " for ", n_free, " unknowns",
                               prior_determined > 0 ? absl::StrCat(" (", prior_determined, " of them with a priori information)") : "");
  } else if (!covariance_ok || !(out.condition_number < o.max_condition_number)) {
    out.message = absl::StrCat("ill-conditioned: condition number ", out.condition_number,
                               " (the data do not determine all unknowns)");
  } else if (out.postfit_wrms > o.max_wrms) {
    out.message = absl::StrCat("weighted RMS ", out.postfit_wrms, " exceeds ", o.max_wrms);
  } else if (std::sqrt(out.covariance_gcrf.topLeftCorner<3, 3>().trace()) > o.max_position_sigma_m) {
    out.message = absl::StrCat("position sigma ",
                               std::sqrt(out.covariance_gcrf.topLeftCorner<3, 3>().trace()),
                               " m exceeds ", o.max_position_sigma_m, " m");
  } else {
    out.accepted = true;
    out.message = absl::StrCat("converged in ", out.iterations, " iterations, ", out.editing_passes,
                               " editing pass(es); WRMS ", out.postfit_wrms);
  }
  for (int j = 6; j < 6 + p.num_force && out.parameter_sigmas.size() > j; ++j) {
    if (out.parameters[j] < 0 && (*fm)->parameter_is_nonnegative(j - 6)) {
      absl::StrAppend(&out.message, "; ", names[j], " estimated below zero (", out.parameters[j],
                      " ± ", out.parameter_sigmas[j], "): the data barely separate it from the state");
    }
  }
  out.wall_time_s = absl::ToDoubleSeconds(absl::Now() - wall_start);
  return out;
}

}  // namespace sstrack::od
