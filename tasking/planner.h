// Copyright sstrack authors.
//
// tasking/planner.h — from visibility windows to the night's scheduling
// problem (problem.h), and the figures of a plan.
//
// Each window of a sensor, clipped to the sensor's night, that holds a whole
// track gives up to max_starts_per_window candidates, evenly spread from
// its start to its end minus the track duration. A candidate carries the
// pointing at its start and end, and at its middle the range, the expected
// magnitude (optical) or SNR (radar), σ_pred (value.h: by covariance or by
// element age) and σ_post, and its base value.
#ifndef SSTRACK_TASKING_PLANNER_H_
#define SSTRACK_TASKING_PLANNER_H_

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sensors/visibility.h"
#include "tasking/problem.h"
#include "tasking/value.h"

namespace sstrack::tasking {

struct PlanObject {
  int catalog_number = 0;
  int category = 5;
  double days_since_last_track = std::numeric_limits<double>::infinity();
  std::optional<Matrix6d> covariance_ric;  // m and m/s, at covariance_epoch
  // The epoch of covariance_ric (an orbit-determination state); absent: the
  // element set's epoch.
  std::optional<astro::Epoch> covariance_epoch;
  // The catalog's own in-track 1σ for the night (e.g. its prediction's at
  // the night's middle, with process noise and force-parameter
  // uncertainty): when set, σ_pred of every candidate, instead of
  // covariance_ric carried by Clohessy–Wiltshire.
  std::optional<double> in_track_sigma_m;
};

struct PlannerOptions {
  int max_starts_per_window = 3;
  AgeSigmaModel age_model;
};

// `objects[i]` and `visibility_objects[i]` describe the same object;
// `sensor_spans[k]` is sensor k's night.
Problem BuildProblem(const std::vector<PlanObject>& objects,
                     std::span<const sensors::VisibilityObject> visibility_objects,
                     const std::vector<sensors::Sensor>& sensors,
                     const std::vector<std::pair<astro::Epoch, astro::Epoch>>& sensor_spans,
                     const std::vector<sensors::VisibilityWindow>& windows,
                     const sensors::VisibilityGrid& grid, const PlannerOptions& options = {});

struct PlanMetrics {
  int tasks = 0;
  int unique_objects = 0;
  int category12_objects = 0;           // in the catalog
  int category12_with_candidates = 0;   // visible to some sensor tonight
  int category12_tasked = 0;
  std::vector<double> utilization;      // per sensor: (tracks + slews) / night
  double objective = 0.0;
  double information_bits = 0.0;        // Σ over tracks, in sequence per object
  double sigma_reduction_km = 0.0;      // Σ over objects of σ_pred − σ_after
  double gap_to_bound = std::numeric_limits<double>::quiet_NaN();  // when computed
};

PlanMetrics ComputeMetrics(const Problem& p, const std::vector<int>& chosen,
                           const std::vector<PlanObject>& objects,
                           const std::vector<std::pair<astro::Epoch, astro::Epoch>>& sensor_spans);

}  // namespace sstrack::tasking

#endif  // SSTRACK_TASKING_PLANNER_H_
