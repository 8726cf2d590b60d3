// Copyright sstrack authors.
//
// operations/object_fit.h — the orbit determination of one catalog object from
// its stored observations (catalog ↔ orbit_determination wiring; the maths
// is in orbit_determination/): observations → measurements at the sensors'
// sites, an initial state from the catalog (its latest OD state propagated
// numerically, else its element set through SGP4) at the first measurement,
// SolveBatch, and the run recorded with RecordOdRun — the state written only
// when the fit passed its quality gates.
#ifndef SSTRACK_OPERATIONS_OBJECT_FIT_H_
#define SSTRACK_OPERATIONS_OBJECT_FIT_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "astro/elements/regime.h"
#include "catalog/catalog.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "orbit_determination/batch_least_squares.h"
#include "operations/observation_codec.h"
#include "orbit_determination/measurement.h"
#include "sensors/sensor.h"

namespace sstrack::operations {

// The estimator's defaults, except that a fit whose 1σ position is worse
// than 5 km (e.g. one short angles-only track: range barely observable) is
// not accepted — it would not improve an element set's ~1 km.
inline od::BatchOptions CatalogBatchOptions() {
  od::BatchOptions b;
  b.max_position_sigma_m = 5000.0;
  return b;
}

// What the catalog knew before the fit, as a priori information
// (od::BatchOptions::a_priori_covariance_gcrf): an OD state's covariance
// propagated to the fit epoch (Φ P Φᵀ plus white acceleration noise of
// `process_noise_m2_s3`, for the forces the fit model lacks), or for an
// element set an assumed 1σ in radial / in-track / cross-track that grows
// with the element set's age (|fit epoch − its epoch|) as element-set errors
// do — ~1 km in-track at epoch and a few km per day in LEO — with radial
// and cross-track velocity σ's n σ_I, n σ_C (n the mean motion; a time
// error along the orbit turns the velocity), and a semi-major-axis σ of
// the in-track growth per day / (1.5 n · 1 d), the δa whose drift is that
// growth: the in-track velocity error follows from δa through vis-viva, so
// the element set's period is kept as well as it is known.
// With it a short track updates the orbit instead of failing the
// position-σ gate. The OD-state prior comes only from the service's own
// previous fit, whose state lies at the end of the data it used, and only
// later observations are then fitted — no observation counts twice.
//
// The element-set prior is off in this library's defaults and on in the
// server's (ServerConfig fit.element_set_prior, default true): in the
// 3-night demo against simulation/ it raised the accepted share from 86–94 %
// to 96–99 % and lowered the fit-epoch p95 from 6–8 km to 4–5 km
// (docs/BENCHMARKS.md). Its assumed covariance is not honest for every
// object (SGP4's errors on some far exceed a few km), so it is a setting.
struct PriorSettings {
  bool use_catalog_prior = true;  // an OD state's covariance
  // > 0: each fit uses every observation of the last `refit_span_days`
  // before its last one, afresh — the element set's state and assumed
  // covariance at the fit epoch as the prior (when element_set_prior), the
  // configured force parameters — instead of the observations after the
  // previous fit with its propagated covariance: a batch over several
  // nights rather than a chain of one-night updates. The chain keeps only
  // the previous fit's 6×6 state covariance, not its correlation with
  // Cd·A/m and Cr·A/m nor their effect over the day between the fits, and
  // in the 3-night demo it lost the period night after night (next-night
  // median 4.4 → 6.5 → 15 km) where the 3-day re-fit gained it (4.4 → 2.3 →
  // 0.4 km), at 2–4× the fit time (docs/BENCHMARKS.md). The server's
  // default is 3 days (ServerConfig fit.refit_span_days); this library's 0.
  double refit_span_days = 0;
  bool element_set_prior = false;
  double process_noise_m2_s3 = 1e-8;  // ≈ 1.5 km of in-track σ after a day
  // A prediction's Cd·A/m σ adds this fraction of its value to the fit's:
  // the fit determines Cd·A/m times the density its arc flew through (in
  // LEO below 400 km to 0.1 %), but the density of the next days differs —
  // Harris–Priester-class models are 15–30 % off (1σ) from day to day
  // (solar and geomagnetic activity), so a prediction that kept the fit's
  // σ was over-confident in track below 400 km (22 % of the objects beyond
  // 2.58 σ) and 0.25 puts it in the middle of that range. Predictions
  // (PredictAt) and the prior a chain carries from a 6×6 state
  // (CatalogPriorAt); never a fit's own a priori σ on Cd·A/m.
  double density_uncertainty_fraction = 0.25;
  Eigen::Vector3d element_set_sigma_ric_m{200, 1000, 200};          // at its epoch
  Eigen::Vector3d element_set_growth_ric_m_per_day{100, 3000, 100};  // per day of age
};

// source_ref of the states the service's fits store (at the end of their data).
inline constexpr char kServiceFitSource[] = "service fit";

// The fit's dynamical model for the objects of one orbit regime: the forces
// and the a priori information (ParameterSpec::a_priori_sigma) on their
// estimated parameters. A previous service fit's estimate of Cd·A/m or
// Cr·A/m replaces the configured a priori value and σ (the σ grown by
// `force_parameter_growth_per_day` of the value per day since that fit, as
// the atmosphere and attitude change), so one night's few tracks refine
// what earlier nights found instead of starting over.
struct FitModel {
  astro::ForceModelOptions force_model;
  std::map<std::string, od::BatchOptions::ParameterSpec> parameters;
  double force_parameter_growth_per_day = 0.1;
};

struct FitSettings {
  // Of the fit and of the catalog-state propagation, for the objects of a
  // regime without an entry in `regimes` (their parameters: batch.parameters).
  astro::ForceModelOptions force_model;
  od::BatchOptions batch = CatalogBatchOptions();
  PriorSettings prior;
  std::map<astro::OrbitRegime, FitModel> regimes;
  // regimes[r], else {force_model, batch.parameters}.
  FitModel ModelFor(astro::OrbitRegime r) const;
};

// The orbit regime of the catalog's latest state of `id` (an OD state's
// osculating elements, else the element set's mean motion and
// eccentricity).
absl::StatusOr<astro::OrbitRegime> CatalogRegime(catalog::Catalog& cat, int id);

// The catalog's latest state of `id` at `t` in GCRF with its a priori
// covariance (see PriorSettings).
struct CatalogPrior {
  astro::CartesianState state;
  astro::Matrix6d covariance;
};
// Empty when the catalog has no covariance for the object (and the
// element-set prior is off).
absl::StatusOr<std::optional<CatalogPrior>> CatalogPriorAt(catalog::Catalog& cat, int id,
                                                           const astro::Epoch& t,
                                                           const astro::ForceModelOptions& fo,
                                                           const PriorSettings& settings);

// The integration accuracy of every prediction from a stored OD state
// (PredictAt, OdPredictionsAt, CatalogPriorAt): 0.3 mm and 1e-11 of the
// state per step rather than the propagator's default 1 µm / 1e-13 (which
// the reference comparisons need). A prediction is used where its own σ is
// metres to kilometres — pointing, planning, a fit's prior, scoring — and
// the looser control takes half the steps for under 1 m of difference over
// two days (ObjectFitTest.PredictionsIntegrateToAMetre).
astro::NumericalPropagatorOptions PredictionPropagatorOptions();

// The object's latest orbit-determination state propagated (with its
// regime's model and its estimated force parameters) to `times` (GCRF, in
// the order given): the catalog's best prediction, for pointing sensors.
// NOT_FOUND when the object has no OD state.
absl::StatusOr<std::vector<astro::CartesianState>> OdPredictionsAt(
    catalog::Catalog& cat, int id, const std::vector<astro::Epoch>& times,
    const FitSettings& settings);
// The same from a state already read (no catalog access: for use outside
// the catalog lock), with the object's regime.
absl::StatusOr<std::vector<astro::CartesianState>> OdPredictionsAt(
    const catalog::CartesianStateRecord& state, astro::OrbitRegime regime,
    const std::vector<astro::Epoch>& times, const FitSettings& settings);

// The catalog's best prediction of `id` at `t` with its covariance, as
// the planner, the gRPC PropagateObject and the demo's scoring see it: an
// OD state propagated with its regime's model and its estimated force
// parameters, its covariance ΦPΦᵀ plus the prior's process noise
// (`covariance_assumed` false); else the element set through SGP4 with the
// assumed element-set covariance of PriorSettings (`covariance_assumed`
// true); no covariance when the OD state has none.
struct CatalogPrediction {
  bool od_state = false;
  astro::CartesianState state;
  std::optional<astro::Matrix6d> covariance;
  bool covariance_assumed = false;
};
absl::StatusOr<CatalogPrediction> CatalogPredictionAt(catalog::Catalog& cat, int id,
                                                      const astro::Epoch& t,
                                                      const FitSettings& settings);
// The same in two steps, so that a server reads under its catalog lock
// (ReadCatalogKnowledge) and propagates outside it (PredictAt).
struct CatalogKnowledge {
  int catalog_number = 0;
  std::optional<catalog::CartesianStateRecord> od_state;  // the latest
  std::optional<astro::MeanElements> elements;            // the latest
  astro::OrbitRegime regime = astro::OrbitRegime::kLeo;
};
absl::StatusOr<CatalogKnowledge> ReadCatalogKnowledge(catalog::Catalog& cat, int id);
absl::StatusOr<CatalogPrediction> PredictAt(const CatalogKnowledge& knowledge, const astro::Epoch& t,
                                            const FitSettings& settings);

// A stored OD state (with its covariance) at `t` on `fo` with the stored
// force parameters: the state, and its covariance [Φ S] P₀ [Φ S]ᵀ + Q — P₀
// the stored state and force-parameter covariance (a state without the
// force parameters' rows: the 6×6 alone, Φ P₀ Φᵀ), S the sensitivity of
// the state at `t` to those parameters, Q white acceleration noise of
// `process_noise_m2_s3` over |t − epoch|. The force parameters' own
// uncertainty is then part of the prediction: over a day in LEO a Cd·A/m
// known to a few per cent is kilometres in track, which the 6×6 alone
// would not show. FAILED_PRECONDITION without a covariance.
//
// `density_uncertainty_fraction` f: the prediction's Cd·A/m variance is the
// fit's plus (f · Cd·A/m)² — the atmosphere over the prediction is not the
// one the fit's arc averaged (PriorSettings::density_uncertainty_fraction).
absl::StatusOr<std::pair<astro::CartesianState, astro::Matrix6d>> OdStateWithCovarianceAt(
    const catalog::CartesianStateRecord& state, const astro::Epoch& t,
    const astro::ForceModelOptions& fo, double process_noise_m2_s3,
    double density_uncertainty_fraction = 0.0);

// The same with the force parameters the state carries: their rows too,
// P(t) = [Φ S; 0 I] P₀ [Φ S; 0 I]ᵀ, each parameter's variance grown by
// (`force_parameter_growth_per_day` · value · days)² — the joint prior of
// the next fit in a chain (od::BatchOptions::a_priori_joint_covariance).
struct JointPrediction {
  astro::CartesianState state;
  Eigen::MatrixXd covariance;                // (6 + k)², state then parameters
  std::vector<std::string> parameter_names;  // the k parameters, stored order
};
absl::StatusOr<JointPrediction> OdStateWithJointCovarianceAt(const catalog::CartesianStateRecord& state,
                                                             const astro::Epoch& t,
                                                             const astro::ForceModelOptions& fo,
                                                             double process_noise_m2_s3,
                                                             double force_parameter_growth_per_day,
                                                             double density_uncertainty_fraction = 0.0);

// The catalog's latest state of `id` at `t` in GCRF.
absl::StatusOr<astro::CartesianState> CatalogStateAt(catalog::Catalog& cat, int id,
                                                     const astro::Epoch& t,
                                                     const astro::ForceModelOptions& fo);

// A sensor's declared corrections (its config) as the measurement model's
// flags: what every measurement of that sensor contains.
od::StationCorrections StationCorrectionsOf(const sensors::Sensor& sensor);
// The network's sites and declared corrections, by sensor name.
std::map<std::string, od::Station> NetworkStations(const std::vector<sensors::Sensor>& network);
std::map<std::string, od::StationCorrections> NetworkCorrections(
    const std::vector<sensors::Sensor>& network);


struct ObjectFit {
  int64_t run_id = 0;
  std::string status;  // CONVERGED, REJECTED, DIVERGED
  od::BatchSummary summary;
};

// Fits the object's stored observations (after its previous service fit's
// data, with that fit as a priori information — see PriorSettings) at the
// epoch of the last one. FAILED_PRECONDITION when fewer than 6 are usable.
absl::StatusOr<ObjectFit> FitObject(catalog::Catalog& cat,
                                    const std::vector<sensors::Sensor>& network,
                                    int catalog_number, const FitSettings& settings);

// The same in three steps, so that a server can hold its catalog lock only
// for the reads (PrepareFit) and the write (RecordFit), not for the solve.
struct FitInput {
  int catalog_number = 0;
  astro::OrbitRegime regime = astro::OrbitRegime::kLeo;
  FitModel model;  // of the regime, with the previous fit's force parameters
  std::vector<od::Measurement> measurements;
  std::map<std::string, od::Station> stations;
  astro::Epoch epoch;
  astro::CartesianState initial_gcrf;  // the prior's mean when there is a prior
  std::optional<astro::Matrix6d> a_priori_covariance_gcrf;
  // In a chain (refit_span_days 0): the previous fit's state and force
  // parameters' covariance at `epoch` when it carries the parameters this
  // fit estimates — replacing a_priori_covariance_gcrf and their
  // independent a priori σ (od::BatchOptions::a_priori_joint_covariance).
  std::optional<Eigen::MatrixXd> a_priori_joint_covariance;
  // A re-fit (refit_span_days) of an object with an OD state starts from
  // that state propagated to `epoch` (in SolveFit, outside the catalog
  // lock; closer than the element set, so fewer iterations), the element
  // set's state staying the prior's mean.
  std::optional<catalog::CartesianStateRecord> start_from;
};
absl::StatusOr<FitInput> PrepareFit(catalog::Catalog& cat,
                                    const std::vector<sensors::Sensor>& network,
                                    int catalog_number, const FitSettings& settings);
absl::StatusOr<od::BatchSummary> SolveFit(const FitInput& input, const FitSettings& settings);
// With `cycle_night`: the run closes that night's queued fit of the object
// in the same transaction (catalog::OdRunRecord::cycle_night).
absl::StatusOr<ObjectFit> RecordFit(catalog::Catalog& cat, int catalog_number,
                                    const od::BatchSummary& fit, absl::Time started,
                                    absl::Time finished, const std::string& cycle_night = "");

}  // namespace sstrack::operations

#endif  // SSTRACK_OPERATIONS_OBJECT_FIT_H_
