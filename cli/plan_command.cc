// Copyright sstrack authors.
#include "cli/plan_command.h"

#include <unistd.h>

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "cli/cli_common.h"
#include "cli/sensors_command.h"
#include "tasking/milp.h"
#include "tasking/planner.h"
#include "tasking/scheduler.h"

namespace sstrack::cli {
namespace {

constexpr double kDeg = M_PI / 180.0;

absl::StatusOr<astro::Epoch> NightNoonUtc(const std::string& night) {
  if (night.size() != 10) {
    return absl::InvalidArgumentError(absl::StrCat("--night \"", night, "\": expected YYYY-MM-DD"));
  }
  auto t = astro::ParseIsoUtc(absl::StrCat(night, "T12:00:00Z"));
  if (!t.ok()) return absl::InvalidArgumentError(absl::StrCat("--night: ", t.status().message()));
  return t;
}

std::pair<astro::Epoch, astro::Epoch> SensorNight(const astro::Epoch& noon_utc,
                                                  const sensors::Sensor& s) {
  double lon = std::remainder(s.spec().geodetic.longitude_rad, 2 * M_PI) / kDeg;
  const astro::Epoch start = noon_utc - lon / 15.0 * 3600.0;
  return {start, start + 86400.0};
}

}  // namespace

absl::Status RunPlan(const PlanOptions& o, std::FILE* out, std::FILE* err) {
  const bool progress = isatty(fileno(err));
  auto say = [&](const std::string& s) {
    if (progress) std::fprintf(err, "plan: %s\n", s.c_str());
  };
  auto noon = NightNoonUtc(o.night);
  if (!noon.ok()) return noon.status();
  auto net = LoadNetwork(o.config);
  if (!net.ok()) return net.status();
  auto sel = SelectSensors(*net, o.sensors);
  if (!sel.ok()) return sel.status();
  auto cat = catalog::Catalog::Open(o.db, {.create_if_missing = false});
  if (!cat.ok()) return cat.status();
  auto list = (*cat)->ListObjects();
  if (!list.ok()) return list.status();
  std::vector<tasking::PlanObject> objects;
  std::vector<sensors::VisibilityObject> vis;
  for (const catalog::ObjectRecord& r : *list) {
    auto st = (*cat)->LatestState(r.catalog_number);
    if (!st.ok()) continue;
    auto sgp4 = astro::Sgp4::Create(st->elements);
    if (!sgp4.ok()) continue;
    objects.push_back({r.catalog_number, r.category, std::numeric_limits<double>::infinity(), {}});
    vis.push_back({*sgp4, {}});
  }
  if (objects.empty()) return absl::FailedPreconditionError(absl::StrCat(o.db, " has no objects to plan"));
  std::vector<std::pair<astro::Epoch, astro::Epoch>> spans;
  astro::Epoch first = SensorNight(*noon, (*sel)[0]).first, last = first;
  for (const sensors::Sensor& s : *sel) {
    spans.push_back(SensorNight(*noon, s));
    first = std::min(first, spans.back().first);
    last = std::max(last, spans.back().second);
  }
  say(absl::StrCat("visibility of ", objects.size(), " objects from ", sel->size(), " sensors"));
  const absl::Time t0 = absl::Now();
  sensors::VisibilityOptions vo;
  auto windows = sensors::ComputeVisibility(vis, *sel, first, last, vo);
  if (!windows.ok()) return windows.status();
  auto grid = sensors::VisibilityGrid::Create(first, last, vo);
  if (!grid.ok()) return grid.status();
  const double vis_s = absl::ToDoubleSeconds(absl::Now() - t0);
  say(absl::StrCat(windows->size(), " windows in ", absl::StrFormat("%.1f", vis_s), " s; scheduling"));
  const tasking::Problem problem = tasking::BuildProblem(objects, vis, *sel, spans, *windows, *grid);
  tasking::SchedulerOptions so;
  so.time_limit_s = o.time_limit_s;
  tasking::ScheduleSummary summary;
  const std::vector<int> chosen = tasking::Schedule(problem, {}, so, &summary);
  tasking::PlanMetrics m = tasking::ComputeMetrics(problem, chosen, objects, spans);
  double bound = std::numeric_limits<double>::quiet_NaN();
  if (static_cast<int>(problem.candidates.size()) <= o.exact_max_candidates) {
    say("exact MILP for the gap");
    tasking::MilpOptions mo;
    mo.time_limit_s = o.time_limit_s;
    auto exact = tasking::SolveExact(problem, mo);
    if (exact.ok()) {
      bound = std::max(exact->best_bound, m.objective);
      m.gap_to_bound = bound > 0 ? (bound - m.objective) / bound : 0.0;
    }
  }
  const double total_s = absl::ToDoubleSeconds(absl::Now() - t0);
  // The plan in the catalog.
  std::vector<catalog::SensorRecord> srec;
  for (const sensors::Sensor& s : *sel) {
    srec.push_back({s.name(), std::string(sensors::SensorTypeName(s.type())),
                    s.spec().geodetic.latitude_rad, s.spec().geodetic.longitude_rad,
                    s.spec().geodetic.height_m, SensorJson(s)});
  }
  if (absl::Status s = (*cat)->UpsertSensors(srec); !s.ok()) return s;
  std::vector<catalog::TaskRecord> tasks;
  for (int i : chosen) {
    const tasking::Candidate& c = problem.candidates[static_cast<size_t>(i)];
    const sensors::Sensor& s = (*sel)[static_cast<size_t>(c.sensor)];
    tasks.push_back({0, 0, s.name(), objects[static_cast<size_t>(c.object)].catalog_number,
                     (problem.origin + c.start_s).TaiSecondsSinceJ2000(),
                     (problem.origin + c.end_s).TaiSecondsSinceJ2000(), c.at_start.azimuth_rad,
                     c.at_start.elevation_rad, s.spec().observations_per_track,
                     catalog::TaskStatus::kPlanned});
  }
  std::string util_json = "{";
  for (size_t k = 0; k < sel->size(); ++k) {
    absl::StrAppend(&util_json, k ? "," : "", JsonString((*sel)[k].name()), ":",
                    JsonNumber(std::round(m.utilization[k] * 1e4) / 1e4));
  }
  util_json += "}";
  const std::string metrics = absl::StrCat(
      "{\"sensors\":", sel->size(), ",\"objects\":", objects.size(), ",\"windows\":",
      windows->size(), ",\"candidates\":", problem.candidates.size(), ",\"tasks\":", m.tasks,
      ",\"unique_objects\":", m.unique_objects, ",\"category12_objects\":", m.category12_objects,
      ",\"category12_visible\":", m.category12_with_candidates, ",\"category12_tasked\":",
      m.category12_tasked, ",\"utilization\":", util_json, ",\"objective\":",
      JsonNumber(m.objective), ",\"greedy_objective\":", JsonNumber(summary.greedy_objective),
      ",\"uncertainty_reduction_km\":", JsonNumber(m.sigma_reduction_km),
      ",\"information_bits\":", JsonNumber(m.information_bits), ",\"gap_to_bound\":",
      std::isnan(m.gap_to_bound) ? "null" : JsonNumber(m.gap_to_bound),
      ",\"visibility_s\":", JsonNumber(std::round(vis_s * 100) / 100), ",\"total_s\":",
      JsonNumber(std::round(total_s * 100) / 100), "}");
  catalog::PlanRecord plan{0, first.tai_whole_seconds(), last.tai_whole_seconds(),
                           absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone()),
                           o.night, metrics};
  auto id = (*cat)->WritePlan(plan, tasks);
  if (!id.ok()) return id.status();
  if (o.json) {
    std::fprintf(out, "{\"plan_id\":%lld,\"night\":%s,%s\n", static_cast<long long>(*id),
                 JsonString(o.night).c_str(), metrics.substr(1).c_str());
    return absl::OkStatus();
  }
  std::fprintf(out, "plan %lld for the night of %s: %zu sensors, %zu objects, %zu windows, %zu candidates\n",
               static_cast<long long>(*id), o.night.c_str(), sel->size(), objects.size(),
               windows->size(), problem.candidates.size());
  std::fprintf(out, "objects tasked: %d tasks, %d unique objects\n", m.tasks, m.unique_objects);
  std::fprintf(out, "category 1-2 coverage: %d of %d objects (%d visible tonight)\n",
               m.category12_tasked, m.category12_objects, m.category12_with_candidates);
  std::fprintf(out, "expected uncertainty reduction: %.1f km in-track (%.0f bits)\n",
               m.sigma_reduction_km, m.information_bits);
  std::fprintf(out, "value: %.1f (greedy %.1f)", m.objective, summary.greedy_objective);
  if (std::isnan(m.gap_to_bound)) {
    std::fprintf(out, "; gap to bound: not computed (%zu candidates > %d)\n",
                 problem.candidates.size(), o.exact_max_candidates);
  } else {
    std::fprintf(out, "; gap to bound: %.2f %% (exact MILP bound %.1f)\n", 100 * m.gap_to_bound,
                 bound);
  }
  std::fprintf(out, "utilization per sensor:\n");
  for (size_t k = 0; k < sel->size(); ++k) {
    std::fprintf(out, "  %-14s %5.1f %%\n", (*sel)[k].name().c_str(), 100 * m.utilization[k]);
  }
  std::fprintf(out, "time: visibility %.1f s, total %.1f s\n", vis_s, total_s);
  return absl::OkStatus();
}

absl::Status RunTasks(const TasksOptions& o, std::FILE* out) {
  auto net = LoadNetwork(o.config);
  if (!net.ok()) return net.status();
  auto k = FindSensor(*net, o.sensor);
  if (!k.ok()) return k.status();
  const sensors::Sensor& sensor = (*net)[*k];
  if (!o.night.empty()) {
    if (auto n = NightNoonUtc(o.night); !n.ok()) return n.status();
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

}  // namespace sstrack::cli
