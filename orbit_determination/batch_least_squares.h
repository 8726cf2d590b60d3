// Copyright sstrack authors.
//
// orbit_determination/batch_least_squares.h — batch least-squares orbit
// determination on Ceres Solver: the epoch state (and optionally Cd·A/m,
// Cr·A/m, empirical accelerations, measurement biases and a time offset per
// station, a transponder delay) that best fit a set of measurements.
//
// Shape (Ceres' own): BatchOptions → SolveBatch → BatchSummary.
//
// One cost function holds every residual r_i = (computed_i − observed_i)/σ_i.
// Each evaluation propagates the trajectory once from the epoch state — with
// the variational equations when Ceres asks for the Jacobian — and the rows
// are ∂h_i/∂x(t_i) · [Φ(t_i, t0) | S(t_i)] / σ_i (chain rule through the
// state-transition matrix; no finite differences of the propagator).
// Unknowns are offsets from the initial guess divided by a scale (1 m,
// 1 mm/s, ...), so the solver works on well-conditioned numbers.
//
// Residual editing (k-σ): once a pass's Gauss–Newton step is below
// `editing_start_sigma` (else after it converges), a measurement is
// edited (kept in the report, weight 0) when |r_i| > k · max(1, WRMS) with
// WRMS the weighted RMS of the kept ones; passes repeat until the edited set
// stops changing (or returns to a set seen before: a measurement on the
// threshold flipping in and out); from the third pass on an edited
// measurement stays edited, so the passes end. The first pass uses
// everything.
//
// Quality gates decide `accepted`: Ceres converged, editing settled, enough
// measurements (≥ 2 × free unknowns; with an a priori state covariance,
// ≥ 2 × the other free unknowns and at least 1), WRMS ≤ max_wrms, a positive-definite
// covariance (well conditioned), position σ ≤ max_position_sigma_m. A fit
// that fails any gate says which in `message`; callers must not store it.
#ifndef SSTRACK_ORBIT_DETERMINATION_BATCH_LEAST_SQUARES_H_
#define SSTRACK_ORBIT_DETERMINATION_BATCH_LEAST_SQUARES_H_

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "absl/status/statusor.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "orbit_determination/measurement.h"

namespace sstrack::od {

inline astro::NumericalPropagatorOptions FitPropagatorOptions() {
  astro::NumericalPropagatorOptions p;
  p.position_tolerance_m = 1e-4;
  p.velocity_tolerance_m_s = 1e-7;
  p.relative_tolerance = 1e-12;
  return p;
}

struct BatchOptions {
  int max_iterations = 50;         // Ceres iterations per solve
  int max_editing_passes = 8;
  double editing_threshold = 3.0;  // k of the k-σ editing; 0 = no editing
  double function_tolerance = 1e-8;   // relative cost change (integration noise ~1e-9)
  double parameter_tolerance = 1e-8;
  // A pass has converged when the Gauss–Newton step from the current point
  // is shorter than this many formal σ (Mahalanobis length ‖J Δ‖ of the
  // step): the usual orbit-determination test, which stops one or two
  // propagations before the relative tolerances above. 0 = Ceres' tests only.
  double convergence_step_sigma = 0.01;
  // Editing happens as soon as the step is below this many σ (before the
  // pass converges: the residuals are then within about that of their
  // final values), saving a propagation per pass. Needs the step-σ test.
  double editing_start_sigma = 1.0;
  // Editing controls. The first editing waits for at least this many Ceres
  // iterations of the first pass (or its convergence), however small the
  // step: from a poor guess the early residuals say little.
  int editing_start_iterations = 0;
  // > 0 (and ≥ editing_threshold): the first editing uses this looser k,
  // taking out only the gross outliers, and the passes after it
  // editing_threshold — a start far from the solution inflates every
  // residual, and a tight k would edit good measurements with the bad.
  double initial_editing_threshold = 0;
  // A fit that edits more than this share of its measurements is refused
  // (not accepted; the message names the share): what is left is not the
  // data the sensors sent.
  double max_edited_fraction = 0.5;
  // Measurement biases to estimate: one per station and listed type,
  // added to the computed value (m, m/s or rad; solver units 1 m, 1 mm/s,
  // 1″). Named "range_bias_m[STATION]", "azimuth_bias_rad[STATION]", ...
  std::vector<MeasurementType> estimate_biases;
  // A time offset per station, "time_offset_s[STATION]": its time tags
  // minus the true reception times (solver unit 0.1 ms); every measurement
  // of the station is computed at tag − offset (ComputeModelShifted, meant
  // for offsets up to about a second). One station's offset must be held
  // (ParameterSpec fixed or a_priori_sigma): a common offset of all stations
  // is an along-track shift of the orbit.
  bool estimate_time_offsets = false;
  // One on-board (transponder) delay shared by all stations,
  // "transponder_delay_s": c · delay / 2 is added to every two-way range
  // (solver unit 1 ns). An error when the data have no two-way range, or
  // when every station's range bias is free (a common range bias).
  bool estimate_transponder_delay = false;
  // Per unknown, by name (BatchSummary::parameter_names, e.g. "x_m",
  // "drag_cd_area_over_mass_m2_kg", "range_bias_m[YARRAGADEE]"): the
  // solver's unit step, bounds, an initial value, or fixed (held at its
  // initial value: e.g. a calibrated station bias). Unknown names are an
  // error that lists the fit's unknowns.
  struct ParameterSpec {
    double scale = 0;  // 0 = the default scale
    double lower = -INFINITY, upper = INFINITY;
    std::optional<double> initial = std::nullopt;  // default: the guess, nominal or 0
    bool fixed = false;
    // > 0: a priori information on the parameter — mean its initial value
    // (`initial`, else the nominal), this 1σ — as one more whitened
    // residual: a parameter one night of data cannot determine (Cd·A/m,
    // Cr·A/m from a few tracks) stays near what earlier nights found
    // instead of making the fit ill-conditioned. 0: none.
    double a_priori_sigma = 0;
  };
  std::map<std::string, ParameterSpec> parameters;
  // A priori information on the state: the initial state is then also the
  // prior mean, with this covariance (GCRF, m and m/s, at the epoch) —
  // e.g. the catalog's previous solution propagated to the epoch. The fit
  // minimizes the measurement residuals plus the prior's (whitened,
  // L⁻¹(x − x_prior) with P = L Lᵀ), so a short track updates an orbit
  // instead of being rejected as undetermined, and the covariance is the
  // posterior one. Force parameters and biases get no prior. Checked
  // against the closed-form information update without force parameters
  // (0.002 σ); with Cd·A/m estimated too, a 6-h LEO test differed from the
  // closed form by 0.7–0.9 σ (σ's by 0.3–2 %) at either solve epoch — not
  // explained yet; the service's fits estimate no force parameters.
  std::optional<astro::Matrix6d> a_priori_covariance_gcrf;
  // The prior's mean (GCRF, at the epoch) when it is not the initial state:
  // e.g. an element set's state as the prior while the fit starts from a
  // closer guess (fewer iterations, the same minimum). Used only with
  // a_priori_covariance_gcrf.
  std::optional<astro::CartesianState> a_priori_mean_gcrf;
  // Instead of a_priori_covariance_gcrf: a prior on the state (GCRF, at
  // the epoch) and the force model's parameters together, (6 + k)² in the
  // order of ForceModel::parameter_names (Cd·A/m, then Cr·A/m) — e.g. the
  // previous fit's full covariance propagated to the epoch, so that one
  // night's data update the force parameters with their correlation with
  // the state instead of against an independent σ (then the parameters'
  // ParameterSpec::a_priori_sigma must be 0). Their prior mean is their
  // initial value (ParameterSpec::initial, else the nominal). A sequential
  // chain of fits under it reproduces one batch over all their data
  // (batch_least_squares_test).
  std::optional<Eigen::MatrixXd> a_priori_joint_covariance;
  // Bound Cd·A/m and Cr·A/m below by 0. Off by default: Ceres' projected
  // steps crawl along a bound (LEO radar benchmark: 3 of 20 fits stalled
  // there) and the covariance ignores it; an estimate below zero — the data
  // cannot separate the force from the state — is named in the message.
  bool nonnegative_force_parameters = false;
  // When the guess fits badly (pre-fit WRMS > max_wrms), fit a quarter and
  // then half of the data's time extent around the solve epoch first:
  // more fits from poor guesses converge, at several times the cost. Off by
  // default (the LEO radar benchmark converges 100/100 without it).
  bool grow_arc = false;
  // When all the data lie on one side of the epoch (and no ParameterSpec
  // names a state component, which refers to the epoch), solve for the state in
  // the middle of the data (each propagation then runs half the arc each
  // way, on two threads: LEO radar benchmark 37 ms instead of 55 ms per
  // fit), then map the state and covariance to the epoch. Same solution as
  // solving at the epoch (tested). Data on both sides: solved at the epoch
  // (a guess's error is most linear where it was made — the LAGEOS-2 fit
  // from its far guess takes 3 iterations there, 15 from the middle).
  bool solve_at_mid_arc = true;
  // Quality gates.
  double max_wrms = 5.0;
  double max_position_sigma_m = 1e6;
  double max_condition_number = 1e14;
  // Integration accuracy of the fit's trajectory: position tolerance
  // 0.1 mm and relative 1e-12 per step — over a day of a 500–700 km LEO
  // (20×20, drag) 1.5–6 mm from a 1e-8 m reference, far below any radar,
  // optical or laser-ranging noise, at 60 % of the steps of the
  // propagator's own (0.1 mm a day) defaults.
  astro::NumericalPropagatorOptions propagator = FitPropagatorOptions();
  // Variational equations of a reduced model (ForceModelOptions::
  // partials_degree, which this overrides): the field to this degree and
  // order, tidal, drag and SRP partials. −1 = the full model's partials.
  // The residuals always use the full model.
  int partials_degree = 4;
  // Scales of the unknowns (the solver's unit step).
  double position_scale_m = 1.0;
  double velocity_scale_m_s = 1e-3;

  absl::Status Validate() const;
};

struct ResidualRecord {
  int64_t id = 0;
  astro::Epoch epoch;
  MeasurementType type = MeasurementType::kRange;
  std::string station;
  double observed = 0;
  double sigma = 0;
  double prefit = 0;   // observed − computed at the initial guess
  double postfit = 0;  // observed − computed at the solution
  bool edited = false;
};

struct BatchSummary {
  bool converged = false;
  bool accepted = false;
  std::string message;  // how it ended / which gate failed
  int iterations = 0;   // Ceres iterations over all passes
  int editing_passes = 0;
  int used = 0, edited = 0;
  std::vector<int> edited_per_pass;  // measurements edited after each editing decision
  double prefit_wrms = 0, postfit_wrms = 0;
  double condition_number = 0;
  astro::Epoch epoch;
  astro::CartesianState state_gcrf;
  astro::Matrix6d covariance_gcrf = astro::Matrix6d::Zero();  // m, m/s
  Eigen::Matrix3d position_covariance_ric = Eigen::Matrix3d::Zero();
  // All unknowns: "x","y","z","vx","vy","vz", force parameters, biases.
  std::vector<std::string> parameter_names;
  Eigen::VectorXd parameters;
  Eigen::VectorXd parameter_sigmas;
  Eigen::MatrixXd covariance;  // of all unknowns
  std::vector<ResidualRecord> residuals;
  double wall_time_s = 0;
  long propagations = 0;
};

// `stations` maps Measurement::station to its site; `eop` may be null (zero
// EOP). Errors (INVALID_ARGUMENT) for bad input name the measurement's index
// and id; a fit that runs but fails its gates returns a summary with
// accepted = false.
absl::StatusOr<BatchSummary> SolveBatch(const BatchOptions& options,
                                        const astro::ForceModelOptions& force_model,
                                        const astro::Epoch& epoch,
                                        const astro::CartesianState& initial_gcrf,
                                        const std::vector<Measurement>& measurements,
                                        const std::map<std::string, Station>& stations,
                                        std::shared_ptr<const astro::EopTable> eop);

}  // namespace sstrack::od

#endif  // SSTRACK_ORBIT_DETERMINATION_BATCH_LEAST_SQUARES_H_
