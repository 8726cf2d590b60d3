// Copyright sstrack authors.
//
// service/night_plan.h — one night's plan from the catalog and the sensor
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
#ifndef SSTRACK_SERVICE_NIGHT_PLAN_H_
#define SSTRACK_SERVICE_NIGHT_PLAN_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/time/epoch.h"
#include "catalog/catalog.h"
#include "sensors/sensor.h"
#include "tasking/planner.h"

namespace sstrack::service {

struct NightPlanOptions {
  std::string night;  // YYYY-MM-DD
  int exact_max_candidates = 400;
  double time_limit_s = 10.0;
  int max_objects = 0;  // 0 = all
  // The sensor's parameters stored with it (catalog sensors.config).
  std::function<std::string(const sensors::Sensor&)> sensor_json;
};

struct NightPlan {
  int64_t plan_id = 0;
  size_t objects = 0, windows = 0, candidates = 0;
  tasking::PlanMetrics metrics;
  double greedy_objective = 0;
  double bound = 0;  // NaN when the MILP was not run
  double visibility_s = 0, total_s = 0;
  std::string metrics_json;
  astro::Epoch night_start, night_end;
};

absl::StatusOr<astro::Epoch> NightNoonUtc(const std::string& night);

// `sensors` are the selected sensors (non-empty).
absl::StatusOr<NightPlan> PlanNight(catalog::Catalog& cat,
                                    const std::vector<sensors::Sensor>& sensors,
                                    const NightPlanOptions& options);

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_NIGHT_PLAN_H_
