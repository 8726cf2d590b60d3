// Copyright sstrack authors.
//
// operations/night_plan.h — one night's plan from the catalog and the sensor
// network, written back to the catalog: the code path of `sstrack plan` and
// of the PlanningService.RunPlan RPC.
//
// The night of a date, for a sensor, is the 24 h from local mean noon of
// that date at the sensor's longitude (12:00 UTC − longitude/15°·1 h).
// Visibility of every catalog object (or the first `max_objects` by catalog
// number) for every sensor over those nights, candidates
// (tasking/planner.h), the schedule (tasking/scheduler.h), the exact MILP
// when there are at most `exact_max_candidates` candidates (for the gap to
// the bound), and the plan and its tasks in the catalog in one transaction.
#ifndef SSTRACK_OPERATIONS_NIGHT_PLAN_H_
#define SSTRACK_OPERATIONS_NIGHT_PLAN_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/time/epoch.h"
#include "catalog/catalog.h"
#include "operations/object_fit.h"
#include "sensors/sensor.h"
#include "tasking/planner.h"

namespace sstrack::operations {

using PredictFunction = std::function<absl::StatusOr<std::vector<astro::CartesianState>>(
    int catalog_number, const std::vector<astro::Epoch>& times)>;
// The catalog's position covariance of an object at `t` (GCRF, m²) with the
// state it belongs to — e.g. an OD state's, propagated with its force
// parameters' uncertainty and the process noise (CatalogPredictionAt).
struct PredictedCovariance {
  astro::CartesianState state;
  tasking::Matrix6d covariance;
};

struct NightPlanOptions {
  std::string night;  // YYYY-MM-DD
  int exact_max_candidates = 400;
  double time_limit_s = 10.0;
  int max_objects = 0;  // 0 = all
  // An object whose freshest state (element set or OD state) lies more
  // than this many days from the night's noon is not planned: SGP4 weeks
  // from its epoch points nowhere useful. When that leaves no object the
  // plan fails (FAILED_PRECONDITION naming the newest state). 0: no limit.
  double max_state_age_days = 30;
  // The sensor's parameters stored with it (catalog sensors.config).
  std::function<std::string(const sensors::Sensor&)> sensor_json;
  // The catalog's best prediction of an object (GCRF) at the given times —
  // e.g. its orbit-determination state propagated — for the tasks'
  // pointing, which the sensors look along. Unset, or an error for an
  // object (one known only by its element set): SGP4 of its element set,
  // which also gives the visibility windows in every case.
  PredictFunction predict;
  // When set: an object with an OD state is valued (tasking/value.h,
  // σ_pred) by this covariance's in-track σ at the middle of the night
  // (tasking::PlanObject::in_track_sigma_m), not by its stored
  // covariance carried with Clohessy–Wiltshire alone, which leaves
  // out the process noise and the force parameters' uncertainty — a state
  // two days old then looked nearly as good as a fresh one and was not
  // re-observed. An error for an object: the stored covariance.
  std::function<absl::StatusOr<PredictedCovariance>(int catalog_number, const astro::Epoch& t)>
      predict_covariance;
  // Each task's search lead (catalog::TaskRecord::pointing_lead_s,
  // tasking::SearchLeadS): the object's in-track σ (the σ_pred it was
  // valued by) × search_sigmas as time along its track, at most
  // search_max_fraction of the track.
  double search_sigmas = 4.0;
  double search_max_fraction = 0.5;
};

// `options`' predict and predict_covariance from the catalog's best
// prediction (an OD state propagated with `fit`'s model: OdPredictionsAt,
// CatalogPredictionAt). `cat` must outlive the options, and PlanNight /
// ReplanNight call them under whatever lock guards `cat`.
void UseCatalogPredictions(catalog::Catalog& cat, const FitSettings& fit, NightPlanOptions* options);

// Sets each task's pointing (at its start + pointing_lead_s) to the look
// angles of `predict` where it gives a state; leaves the others (SGP4's),
// and tasks of a sensor not in `sensors`, as they are.
void PointAlongPredictions(const std::vector<sensors::Sensor>& sensors,
                           const PredictFunction& predict, std::vector<catalog::TaskRecord>& tasks);

struct NightPlan {
  int64_t plan_id = 0;
  size_t objects = 0, windows = 0, candidates = 0;
  size_t stale_objects = 0;  // left out by max_state_age_days
  tasking::PlanMetrics metrics;
  double greedy_objective = 0;
  double bound = 0;  // NaN when the MILP was not run
  double visibility_s = 0, total_s = 0;
  std::string metrics_json;
  astro::Epoch night_start, night_end;
};

absl::StatusOr<astro::Epoch> NightNoonUtc(const std::string& night);

// The night's scheduling problem: objects (with their catalog uncertainty),
// each sensor's night, visibility windows and the candidate tracks.
struct NightProblem {
  std::vector<tasking::PlanObject> objects;
  std::vector<sensors::VisibilityObject> vis;
  std::vector<std::pair<astro::Epoch, astro::Epoch>> spans;  // per sensor
  tasking::Problem problem;
  size_t windows = 0;
  double visibility_s = 0;
  astro::Epoch noon, first, last;
  size_t stale_objects = 0;  // left out by max_state_age_days
};
absl::StatusOr<NightProblem> BuildNightProblem(catalog::Catalog& cat,
                                               const std::vector<sensors::Sensor>& sensors,
                                               const NightPlanOptions& options);

// The PLANNED task of candidate `candidate` of `np`, with its search lead
// (the object's speed from its element set at the task's start); its
// pointing is SGP4's until PointAlongPredictions.
catalog::TaskRecord TaskOfCandidate(const NightProblem& np, const std::vector<sensors::Sensor>& sensors,
                                    int candidate, int64_t plan_id, const NightPlanOptions& options);

// Re-planning the rest of a night after failures: the latest plan of
// `options.night` is kept for every task under way or done (status SENT or
// DONE, or starting before `now`), tasks reported FAILED (or listed in
// `failed_task_ids`) are not chosen again, sensors in `offline` get nothing
// new, and the PLANNED tasks from `now` on are replaced by a new schedule of
// the remaining time — in one transaction.
struct ReplanSummary {
  int64_t plan_id = 0;
  int kept = 0;        // tasks under way or done, untouched
  int removed = 0;     // planned tasks from `now` on that were replaced
  int added = 0;       // new planned tasks
  double objective_before = 0, objective_after = 0;  // of the tasks from `now` on
};
absl::StatusOr<ReplanSummary> ReplanNight(catalog::Catalog& cat,
                                          const std::vector<sensors::Sensor>& sensors,
                                          const NightPlanOptions& options, const astro::Epoch& now,
                                          const std::vector<int64_t>& failed_task_ids,
                                          const std::vector<std::string>& offline);

// `sensors` are the selected sensors (non-empty).
absl::StatusOr<NightPlan> PlanNight(catalog::Catalog& cat,
                                    const std::vector<sensors::Sensor>& sensors,
                                    const NightPlanOptions& options);

}  // namespace sstrack::operations

#endif  // SSTRACK_OPERATIONS_NIGHT_PLAN_H_
