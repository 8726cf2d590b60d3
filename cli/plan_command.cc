// Copyright sstrack authors.
#include "cli/plan_command.h"

#include <algorithm>

#include <unistd.h>

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "cli/cli_common.h"
#include "cli/sensors_command.h"
#include "operations/night_plan.h"
#include "tasking/planner.h"

namespace sstrack::cli {
namespace {

constexpr double kDeg = M_PI / 180.0;

}  // namespace

absl::Status RunPlan(const PlanOptions& o, std::FILE* out, std::FILE* err) {
  const bool progress = isatty(fileno(err));
  if (progress) std::fprintf(err, "plan: visibility, candidates and schedule\n");
  if (auto n = operations::NightNoonUtc(o.night); !n.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--", n.status().message()));
  }
  auto net = LoadNetwork(o.config);
  if (!net.ok()) return net.status();
  auto sel = SelectSensors(*net, o.sensors);
  if (!sel.ok()) return sel.status();
  auto cat = catalog::Catalog::Open(o.db, {.create_if_missing = false});
  if (!cat.ok()) return cat.status();
  operations::NightPlanOptions po;
  po.night = o.night;
  po.exact_max_candidates = o.exact_max_candidates;
  po.time_limit_s = o.time_limit_s;
  po.sensor_json = [](const sensors::Sensor& s) { return SensorJson(s); };
  auto plan = operations::PlanNight(**cat, *sel, po);
  if (!plan.ok()) {
    if (plan.status().code() == absl::StatusCode::kFailedPrecondition) {
      return absl::FailedPreconditionError(absl::StrCat(o.db, " has no objects to plan"));
    }
    return plan.status();
  }
  const tasking::PlanMetrics& m = plan->metrics;
  if (o.json) {
    std::fprintf(out, "{\"plan_id\":%lld,\"night\":%s,%s\n", static_cast<long long>(plan->plan_id),
                 JsonString(o.night).c_str(), plan->metrics_json.substr(1).c_str());
    return absl::OkStatus();
  }
  std::fprintf(out, "plan %lld for the night of %s: %zu sensors, %zu objects, %zu windows, %zu candidates\n",
               static_cast<long long>(plan->plan_id), o.night.c_str(), sel->size(), plan->objects,
               plan->windows, plan->candidates);
  std::fprintf(out, "objects tasked: %d tasks, %d unique objects\n", m.tasks, m.unique_objects);
  std::fprintf(out, "category 1-2 coverage: %d of %d objects (%d visible tonight)\n",
               m.category12_tasked, m.category12_objects, m.category12_with_candidates);
  std::fprintf(out, "expected uncertainty reduction: %.1f km in-track (%.0f bits)\n",
               m.sigma_reduction_km, m.information_bits);
  std::fprintf(out, "value: %.1f (greedy %.1f)", m.objective, plan->greedy_objective);
  if (std::isnan(m.gap_to_bound)) {
    std::fprintf(out, "; gap to bound: not computed (%zu candidates > %d)\n", plan->candidates,
                 o.exact_max_candidates);
  } else {
    std::fprintf(out, "; gap to bound: %.2f %% (exact MILP bound %.1f)\n", 100 * m.gap_to_bound,
                 plan->bound);
  }
  std::fprintf(out, "utilization per sensor:\n");
  for (size_t k = 0; k < sel->size(); ++k) {
    std::fprintf(out, "  %-14s %5.1f %%\n", (*sel)[k].name().c_str(), 100 * m.utilization[k]);
  }
  std::fprintf(out, "time: visibility %.1f s, total %.1f s\n", plan->visibility_s, plan->total_s);
  return absl::OkStatus();
}

absl::Status RunTasks(const TasksOptions& o, std::FILE* out) {
  auto net = LoadNetwork(o.config);
  if (!net.ok()) return net.status();
  auto k = FindSensor(*net, o.sensor);
  if (!k.ok()) return k.status();
  const sensors::Sensor& sensor = (*net)[*k];
  if (!o.night.empty()) {
    if (auto n = operations::NightNoonUtc(o.night); !n.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--", n.status().message()));
    }
  }
  auto cat = catalog::Catalog::Open(o.db, {.create_if_missing = false});
  if (!cat.ok()) return cat.status();
  auto plan = (*cat)->LatestPlan(o.night);
  if (!plan.ok()) return plan.status();
  auto tasks = (*cat)->ListTasks(plan->id, o.sensor);
  if (!tasks.ok()) return tasks.status();
  std::unique_ptr<sensors::VisibilityGrid> grid;
  if (!tasks->empty()) {
    const astro::Epoch a = astro::Epoch::FromTaiSeconds(0, tasks->front().start_tai_s);
    const astro::Epoch b = astro::Epoch::FromTaiSeconds(0, tasks->back().end_tai_s + 60);
    auto g = sensors::VisibilityGrid::Create(a, b, {});
    if (!g.ok()) return g.status();
    grid = std::make_unique<sensors::VisibilityGrid>(*std::move(g));
  }
  if (o.json) std::fprintf(out, "[");
  else {
    std::fprintf(out, "# %s, plan %lld (night %s)\n", o.sensor.c_str(),
                 static_cast<long long>(plan->id), plan->night.c_str());
    std::fprintf(out, "%-21s %-21s %7s %-20s %7s %6s %12s %4s %s\n", "start_utc", "end_utc",
                 "object", "name", "az_deg", "el_deg", "expected", "obs", "status");
  }
  bool first = true;
  for (const catalog::TaskRecord& t : *tasks) {
    const astro::Epoch a = astro::Epoch::FromTaiSeconds(0, t.start_tai_s);
    const astro::Epoch b = astro::Epoch::FromTaiSeconds(0, t.end_tai_s);
    std::string name;
    double expected = std::numeric_limits<double>::quiet_NaN();
    if (auto obj = (*cat)->GetObject(t.catalog_number); obj.ok()) name = obj->name;
    if (auto st = (*cat)->LatestState(t.catalog_number); st.ok()) {
      if (auto sgp4 = astro::Sgp4::Create(st->elements); sgp4.ok()) {
        sensors::Geometry g;
        if (grid->GeometryAt(*sgp4, a + 0.5 * (b - a), &g)) {
          const sensors::Evaluation e = sensors::Evaluate(sensor, {}, g);
          expected = sensors::IsRadar(sensor.type()) ? e.snr_db : e.magnitude;
        }
      }
    }
    const char* what = sensors::IsRadar(sensor.type()) ? "snr_db" : "magnitude";
    if (o.json) {
      std::fprintf(out,
                   "%s\n{\"task\":%lld,\"sensor\":%s,\"object\":%d,\"name\":%s,\"start_utc\":%s,"
                   "\"end_utc\":%s,\"azimuth_deg\":%s,\"elevation_deg\":%s,\"%s\":%s,"
                   "\"observations\":%d,\"status\":\"%s\"}",
                   first ? "" : ",", static_cast<long long>(t.id), JsonString(t.sensor).c_str(),
                   t.catalog_number, JsonString(name).c_str(),
                   JsonString(astro::FormatIsoUtc(a, 1)).c_str(),
                   JsonString(astro::FormatIsoUtc(b, 1)).c_str(),
                   JsonNumber(std::round(t.azimuth_rad / kDeg * 1e3) / 1e3).c_str(),
                   JsonNumber(std::round(t.elevation_rad / kDeg * 1e3) / 1e3).c_str(), what,
                   JsonNumber(std::round(expected * 100) / 100).c_str(), t.expected_observations,
                   catalog::TaskStatusName(t.status));
      first = false;
    } else {
      std::fprintf(out, "%-21s %-21s %7d %-20.20s %7.2f %6.2f %12s %4d %s\n",
                   astro::FormatIsoUtc(a, 1).c_str(), astro::FormatIsoUtc(b, 1).c_str(),
                   t.catalog_number, name.c_str(), t.azimuth_rad / kDeg, t.elevation_rad / kDeg,
                   absl::StrFormat("%s %.1f", sensors::IsRadar(sensor.type()) ? "SNR" : "mag",
                                   expected)
                       .c_str(),
                   t.expected_observations, catalog::TaskStatusName(t.status));
    }
  }
  if (o.json) std::fprintf(out, "\n]\n");
  return absl::OkStatus();
}

absl::Status RunReplan(const ReplanOptions& o, std::FILE* out, std::FILE* /*err*/) {
  if (auto n = operations::NightNoonUtc(o.night); !n.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--", n.status().message()));
  }
  auto now = astro::ParseIsoUtc(o.now);
  if (!now.ok()) return absl::InvalidArgumentError(absl::StrCat("--now: ", now.status().message()));
  std::vector<int64_t> failed;
  for (absl::string_view f : absl::StrSplit(o.failed, ',', absl::SkipEmpty())) {
    int64_t id = 0;
    if (!absl::SimpleAtoi(f, &id)) {
      return absl::InvalidArgumentError(absl::StrCat("--failed: '", f, "' is not a task id"));
    }
    failed.push_back(id);
  }
  std::vector<std::string> offline = absl::StrSplit(o.offline, ',', absl::SkipEmpty());
  auto net = LoadNetwork(o.config);
  if (!net.ok()) return net.status();
  auto cat = catalog::Catalog::Open(o.db, {.create_if_missing = false});
  if (!cat.ok()) return cat.status();
  // The sensors of the stored plan.
  auto stored = (*cat)->LatestPlan(o.night);
  if (!stored.ok()) return stored.status();
  auto stored_tasks = (*cat)->ListTasks(stored->id);
  if (!stored_tasks.ok()) return stored_tasks.status();
  std::vector<std::string> names;
  for (const catalog::TaskRecord& t : *stored_tasks) {
    if (std::find(names.begin(), names.end(), t.sensor) == names.end()) names.push_back(t.sensor);
  }
  auto sel = SelectSensors(*net, absl::StrJoin(names, ","));
  if (!sel.ok()) return sel.status();
  operations::NightPlanOptions po;
  po.night = o.night;
  po.time_limit_s = o.time_limit_s;
  auto r = operations::ReplanNight(**cat, *sel, po, *now, failed, offline);
  if (!r.ok()) return r.status();
  if (o.json) {
    std::fprintf(out,
                 "{\"plan_id\":%lld,\"night\":%s,\"kept\":%d,\"removed\":%d,\"added\":%d,"
                 "\"objective_before\":%s,\"objective_after\":%s}\n",
                 static_cast<long long>(r->plan_id), JsonString(o.night).c_str(), r->kept, r->removed,
                 r->added, JsonNumber(r->objective_before).c_str(),
                 JsonNumber(r->objective_after).c_str());
    return absl::OkStatus();
  }
  std::fprintf(out,
               "plan %lld for the night of %s re-planned from %s: %d tasks under way or done kept, "
               "%d planned tasks replaced by %d; value of the rest %.1f -> %.1f\n",
               static_cast<long long>(r->plan_id), o.night.c_str(), o.now.c_str(), r->kept,
               r->removed, r->added, r->objective_before, r->objective_after);
  return absl::OkStatus();
}

}  // namespace sstrack::cli
