// Copyright sstrack authors.
//
// tasking/scheduler.h — the fast heuristic for the night's plan
// (problem.h): lazy greedy by marginal value, then local improvement.
//
//   1. Greedy: candidates in a priority queue by marginal gain (the change
//      of the objective if added now; it only falls as the plan grows, so a
//      popped candidate whose recomputed gain is still the largest is
//      taken if it fits: compatible with every task of its sensor, its
//      window free, the sensor under its task limit).
//   2. Local improvement, repeated while it gains and time remains: for
//      each candidate left out, remove the (at most max_swap_out) tasks it
//      conflicts with, add it, refill the freed time and the removed
//      objects' other candidates greedily, and keep the change only if the
//      objective rose.
// Re-planning uses the same machinery: `locked` tasks (under way or done)
// are kept and never removed, failed tasks and offline sensors are
// excluded, nothing starts before `not_before_s`, and the remaining tasks
// of the previous plan are the starting point.
#ifndef SSTRACK_TASKING_SCHEDULER_H_
#define SSTRACK_TASKING_SCHEDULER_H_

#include <limits>
#include <vector>

#include "tasking/problem.h"

namespace sstrack::tasking {

struct SchedulerOptions {
  int improvement_passes = 4;
  int max_swap_out = 2;
  double time_limit_s = 30.0;
};

struct ScheduleRequest {
  std::vector<int> locked;        // kept as they are
  std::vector<int> initial;       // a starting plan (may change)
  std::vector<int> excluded;      // never chosen (failed tasks)
  std::vector<bool> sensor_offline;  // per sensor; empty: all online
  double not_before_s = -std::numeric_limits<double>::infinity();
};

struct ScheduleSummary {
  double greedy_objective = 0.0;
  double objective = 0.0;
  int improvements = 0;
  double seconds = 0.0;
};

// The chosen candidates (indices into problem.candidates), sorted by
// sensor then start.
std::vector<int> Schedule(const Problem& problem, const ScheduleRequest& request = {},
                          const SchedulerOptions& options = {}, ScheduleSummary* summary = nullptr);

}  // namespace sstrack::tasking

#endif  // SSTRACK_TASKING_SCHEDULER_H_
