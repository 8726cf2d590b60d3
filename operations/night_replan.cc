// Copyright sstrack authors.
//
// Re-planning the rest of a night (night_plan.h, ReplanNight).
#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "operations/night_plan.h"
#include "tasking/scheduler.h"

namespace sstrack::operations {

absl::StatusOr<ReplanSummary> ReplanNight(catalog::Catalog& cat,
                                          const std::vector<sensors::Sensor>& sel,
                                          const NightPlanOptions& o, const astro::Epoch& now,
                                          const std::vector<int64_t>& failed_task_ids,
                                          const std::vector<std::string>& offline) {
  auto plan = cat.LatestPlan(o.night);
  if (!plan.ok()) return plan.status();
  auto tasks = cat.ListTasks(plan->id);
  if (!tasks.ok()) return tasks.status();
  for (const std::string& name : offline) {
    bool known = false;
    for (const sensors::Sensor& s : sel) known = known || s.name() == name;
    if (!known) return absl::NotFoundError(absl::StrCat("offline sensor '", name, "' is not in the network"));
  }
  for (int64_t id : failed_task_ids) {
    bool known = false;
    for (const catalog::TaskRecord& t : *tasks) known = known || t.id == id;
    if (!known) {
      return absl::NotFoundError(absl::StrCat("task ", id, " is not in plan ", plan->id, " of the night of ", o.night));
    }
  }
  auto built = BuildNightProblem(cat, sel, o);
  if (!built.ok()) return built.status();
  const tasking::Problem& problem = built->problem;
  // The candidate each stored task came from (same sensor, object, start).
  auto candidate_of = [&](const catalog::TaskRecord& t) -> int {
    for (size_t i = 0; i < problem.candidates.size(); ++i) {
      const tasking::Candidate& c = problem.candidates[i];
      if (sel[static_cast<size_t>(c.sensor)].name() != t.sensor) continue;
      if (built->objects[static_cast<size_t>(c.object)].catalog_number != t.catalog_number) continue;
      if (std::abs((problem.origin + c.start_s).TaiSecondsSinceJ2000() - t.start_tai_s) < 1.0)
        return static_cast<int>(i);
    }
    return -1;
  };
  const double now_tai = now.TaiSecondsSinceJ2000();
  tasking::ScheduleRequest req;
  req.not_before_s = now - problem.origin;
  req.sensor_offline.assign(sel.size(), false);
  for (size_t k = 0; k < sel.size(); ++k) {
    for (const std::string& name : offline) req.sensor_offline[k] = req.sensor_offline[k] || sel[k].name() == name;
  }
  ReplanSummary out;
  out.plan_id = plan->id;
  std::vector<int> before_rest;
  for (const catalog::TaskRecord& t : *tasks) {
    const int c = candidate_of(t);
    const bool failed = t.status == catalog::TaskStatus::kFailed ||
                        std::find(failed_task_ids.begin(), failed_task_ids.end(), t.id) !=
                            failed_task_ids.end();
    const bool under_way = t.status == catalog::TaskStatus::kSent ||
                           t.status == catalog::TaskStatus::kDone || t.start_tai_s < now_tai;
    if (failed) {
      if (c >= 0) req.excluded.push_back(c);
      if (t.status == catalog::TaskStatus::kPlanned || t.status == catalog::TaskStatus::kSent) {
        if (auto s = cat.SetTaskStatus(t.id, catalog::TaskStatus::kFailed); !s.ok()) return s.status();
      }
      continue;
    }
    if (under_way) {
      ++out.kept;
      if (c >= 0) req.locked.push_back(c);
      continue;
    }
    if (t.status == catalog::TaskStatus::kPlanned) ++out.removed;
    if (c >= 0) {
      req.initial.push_back(c);
      before_rest.push_back(c);
    }
  }
  tasking::SchedulerOptions so;
  so.time_limit_s = o.time_limit_s;
  const std::vector<int> chosen = tasking::Schedule(problem, req, so);
  std::vector<catalog::TaskRecord> fresh;
  std::vector<int> after_rest;
  for (int i : chosen) {
    if (std::find(req.locked.begin(), req.locked.end(), i) != req.locked.end()) continue;
    after_rest.push_back(i);
    fresh.push_back(TaskOfCandidate(*built, sel, i, plan->id, o));
  }
  out.objective_before = problem.Objective(before_rest);
  out.objective_after = problem.Objective(after_rest);
  out.added = static_cast<int>(fresh.size());
  PointAlongPredictions(sel, o.predict, fresh);
  if (absl::Status s = cat.ReplacePlannedTasks(plan->id, now_tai, fresh); !s.ok()) return s;
  return out;
}

}  // namespace sstrack::operations
