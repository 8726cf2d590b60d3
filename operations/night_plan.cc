// Copyright sstrack authors.
#include "operations/night_plan.h"

#include <map>

#include <Eigen/Geometry>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "astro/frames/frames.h"
#include "astro/frames/topocentric.h"
#include "astro/time/eop.h"
#include "astro/propagation/sgp4/sgp4.h"
#include "astro/time/utc.h"
#include "sensors/visibility.h"
#include "tasking/milp.h"
#include "tasking/scheduler.h"
#include "tasking/value.h"

namespace sstrack::operations {
namespace {

constexpr double kDeg = M_PI / 180.0;

std::pair<astro::Epoch, astro::Epoch> SensorNight(const astro::Epoch& noon_utc,
                                                  const sensors::Sensor& s) {
  double lon = std::remainder(s.spec().geodetic.longitude_rad, 2 * M_PI) / kDeg;
  const astro::Epoch start = noon_utc - lon / 15.0 * 3600.0;
  return {start, start + 86400.0};
}

std::string Num(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  if (res.ec != std::errc()) return absl::StrFormat("%.17g", v);
  return std::string(buf, res.ptr);
}

std::string Quoted(const std::string& s) { return absl::StrCat("\"", s, "\""); }

}  // namespace

absl::StatusOr<astro::Epoch> NightNoonUtc(const std::string& night) {
  if (night.size() != 10) {
    return absl::InvalidArgumentError(absl::StrCat("night \"", night, "\": expected YYYY-MM-DD"));
  }
  auto t = astro::ParseIsoUtc(absl::StrCat(night, "T12:00:00Z"));
  if (!t.ok()) return absl::InvalidArgumentError(absl::StrCat("night: ", t.status().message()));
  return t;
}

void UseCatalogPredictions(catalog::Catalog& cat, const FitSettings& fit, NightPlanOptions* po) {
  po->predict = [&cat, &fit](int id, const std::vector<astro::Epoch>& times) {
    return OdPredictionsAt(cat, id, times, fit);
  };
  po->predict_covariance = [&cat, &fit](int id, const astro::Epoch& t) -> absl::StatusOr<PredictedCovariance> {
    auto p = CatalogPredictionAt(cat, id, t, fit);
    if (!p.ok()) return p.status();
    if (!p->od_state || !p->covariance) {
      return absl::NotFoundError(absl::StrCat("object ", id, " has no OD covariance"));
    }
    return PredictedCovariance{p->state, *p->covariance};
  };
}

absl::StatusOr<NightProblem> BuildNightProblem(catalog::Catalog& cat,
                                               const std::vector<sensors::Sensor>& sel,
                                               const NightPlanOptions& o) {
  NightProblem np;
  auto noon = NightNoonUtc(o.night);
  if (!noon.ok()) return noon.status();
  if (sel.empty()) return absl::InvalidArgumentError("no sensors to plan");
  auto list = cat.ListObjects();
  if (!list.ok()) return list.status();
  std::vector<std::pair<astro::Epoch, astro::Epoch>> spans;
  astro::Epoch first = SensorNight(*noon, sel[0]).first, last = first;
  for (const sensors::Sensor& s : sel) {
    spans.push_back(SensorNight(*noon, s));
    first = std::min(first, spans.back().first);
    last = std::max(last, spans.back().second);
  }
  const astro::Epoch middle = first + 0.5 * (last - first);
  std::vector<tasking::PlanObject> objects;
  std::vector<sensors::VisibilityObject> vis;
  std::optional<astro::Epoch> newest;  // the freshest state of any object
  for (const catalog::ObjectRecord& r : *list) {
    if (o.max_objects > 0 && static_cast<int>(objects.size()) >= o.max_objects) break;
    auto st = cat.LatestState(r.catalog_number);
    if (!st.ok()) continue;
    auto sgp4 = astro::Sgp4::Create(st->elements);
    if (!sgp4.ok()) continue;
    tasking::PlanObject obj;
    obj.catalog_number = r.catalog_number;
    obj.category = r.category;
    auto od = cat.LatestCartesianState(r.catalog_number);
    astro::Epoch freshest = st->elements.epoch;
    if (od.ok() && od->epoch - freshest > 0) freshest = od->epoch;
    if (!newest || freshest - *newest > 0) newest = freshest;
    if (o.max_state_age_days > 0 && std::abs(*noon - freshest) > o.max_state_age_days * 86400.0) {
      ++np.stale_objects;
      continue;
    }
    // An orbit-determination state with its covariance gives the predicted
    // uncertainty (rotated to radial/in-track/cross-track at its epoch) and
    // the time since the object was last tracked.
    if (od.ok() && od->covariance) {
      auto to_ric = [](const astro::CartesianState& x, const tasking::Matrix6d& gcrf) {
        const Eigen::Matrix3d m = astro::RicMatrix(x.position_m, x.velocity_m_s);
        tasking::Matrix6d rot = tasking::Matrix6d::Zero();
        rot.topLeftCorner<3, 3>() = m;
        rot.bottomRightCorner<3, 3>() = m;
        return tasking::Matrix6d(rot * gcrf * rot.transpose());
      };
      const astro::CartesianState x{Eigen::Vector3d(od->state[0], od->state[1], od->state[2]),
                                    Eigen::Vector3d(od->state[3], od->state[4], od->state[5])};
      obj.covariance_ric = to_ric(
          x, Eigen::Map<const Eigen::Matrix<double, 6, 6, Eigen::RowMajor>>(od->covariance->data()));
      obj.covariance_epoch = od->epoch;
      if (o.predict_covariance) {
        // An object the prediction fails for keeps the stored covariance.
        if (auto at_middle = o.predict_covariance(r.catalog_number, middle); at_middle.ok()) {
          const double var_i = to_ric(at_middle->state, at_middle->covariance)(1, 1);
          if (var_i > 0) obj.in_track_sigma_m = std::sqrt(var_i);
        }
      }
      obj.days_since_last_track = std::max(0.0, (*noon - od->epoch) / 86400.0);
    }
    objects.push_back(obj);
    vis.push_back({*sgp4, {}});
  }
  if (objects.empty() && np.stale_objects > 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the night of ", o.night, ": every object's latest state (", np.stale_objects,
        " objects) is more than ", o.max_state_age_days, " days from the night; the newest is of ",
        astro::FormatIsoUtc(*newest, 0).substr(0, 10),
        ": import fresh element sets (sstrack catalog import) or plan a night nearer them"));
  }
  if (objects.empty()) return absl::FailedPreconditionError("the catalog has no objects to plan");
  np.first = first;
  np.last = last;
  const absl::Time t0 = absl::Now();
  sensors::VisibilityOptions vo;
  auto windows = sensors::ComputeVisibility(vis, sel, first, last, vo);
  if (!windows.ok()) return windows.status();
  auto grid = sensors::VisibilityGrid::Create(first, last, vo);
  if (!grid.ok()) return grid.status();
  np.visibility_s = absl::ToDoubleSeconds(absl::Now() - t0);
  np.problem = tasking::BuildProblem(objects, vis, sel, spans, *windows, *grid);
  np.objects = std::move(objects);
  np.vis = std::move(vis);
  np.spans = std::move(spans);
  np.windows = windows->size();
  np.noon = *noon;
  return np;
}

catalog::TaskRecord TaskOfCandidate(const NightProblem& np, const std::vector<sensors::Sensor>& sel,
                                    int candidate, int64_t plan_id, const NightPlanOptions& o) {
  const tasking::Candidate& c = np.problem.candidates[static_cast<size_t>(candidate)];
  const sensors::Sensor& s = sel[static_cast<size_t>(c.sensor)];
  catalog::TaskRecord t;
  t.plan_id = plan_id;
  t.sensor = s.name();
  t.catalog_number = np.objects[static_cast<size_t>(c.object)].catalog_number;
  t.start_tai_s = (np.problem.origin + c.start_s).TaiSecondsSinceJ2000();
  t.end_tai_s = (np.problem.origin + c.end_s).TaiSecondsSinceJ2000();
  t.azimuth_rad = c.at_start.azimuth_rad;
  t.elevation_rad = c.at_start.elevation_rad;
  t.expected_observations = s.spec().observations_per_track;
  t.status = catalog::TaskStatus::kPlanned;
  const astro::Sgp4State at = np.vis[static_cast<size_t>(c.object)].sgp4.PropagateTo(np.problem.origin + c.start_s);
  if (at.error == astro::Sgp4Error::kNone) {
    t.pointing_lead_s = tasking::SearchLeadS(c.sigma_pred_m, at.velocity_teme_m_s.norm(), c.end_s - c.start_s,
                                             o.search_sigmas, o.search_max_fraction);
  }
  return t;
}

void PointAlongPredictions(const std::vector<sensors::Sensor>& sel, const PredictFunction& predict,
                           std::vector<catalog::TaskRecord>& tasks) {
  if (!predict) return;
  std::map<int, std::vector<size_t>> by_object;
  for (size_t k = 0; k < tasks.size(); ++k) by_object[tasks[k].catalog_number].push_back(k);
  std::map<std::string, const sensors::Sensor*> sensor_of;
  for (const sensors::Sensor& s : sel) sensor_of[s.name()] = &s;
  for (const auto& [id, ks] : by_object) {
    std::vector<astro::Epoch> times;
    for (size_t k : ks) {
      times.push_back(astro::Epoch::FromTaiSeconds(0, 0) + (tasks[k].start_tai_s + tasks[k].pointing_lead_s));
    }
    auto states = predict(id, times);
    if (!states.ok() || states->size() != ks.size()) continue;
    for (size_t j = 0; j < ks.size(); ++j) {
      auto itrf = astro::ConvertState((*states)[j], astro::Frame::kGcrf, astro::Frame::kItrf,
                                      times[j], astro::ZeroEop(times[j]));
      // A task of a sensor no longer in the network keeps its pointing.
      const auto sensor = sensor_of.find(tasks[ks[j]].sensor);
      if (!itrf.ok() || sensor == sensor_of.end()) continue;
      const astro::LookAngles look = astro::ComputeLookAngles(sensor->second->site(), *itrf);
      tasks[ks[j]].azimuth_rad = look.azimuth_rad;
      tasks[ks[j]].elevation_rad = look.elevation_rad;
    }
  }
}

absl::StatusOr<NightPlan> PlanNight(catalog::Catalog& cat,
                                    const std::vector<sensors::Sensor>& sel,
                                    const NightPlanOptions& o) {
  const absl::Time t0 = absl::Now();
  auto built = BuildNightProblem(cat, sel, o);
  if (!built.ok()) return built.status();
  const std::vector<tasking::PlanObject>& objects = built->objects;
  const std::vector<std::pair<astro::Epoch, astro::Epoch>>& spans = built->spans;
  const tasking::Problem& problem = built->problem;
  const astro::Epoch first = built->first, last = built->last;
  NightPlan out;
  out.objects = objects.size();
  out.stale_objects = built->stale_objects;
  out.night_start = first;
  out.night_end = last;
  out.visibility_s = built->visibility_s;
  out.windows = built->windows;
  out.candidates = problem.candidates.size();
  tasking::SchedulerOptions so;
  so.time_limit_s = o.time_limit_s;
  tasking::ScheduleSummary summary;
  const std::vector<int> chosen = tasking::Schedule(problem, {}, so, &summary);
  out.greedy_objective = summary.greedy_objective;
  tasking::PlanMetrics& m = out.metrics;
  m = tasking::ComputeMetrics(problem, chosen, objects, spans);
  out.bound = std::numeric_limits<double>::quiet_NaN();
  if (static_cast<int>(problem.candidates.size()) <= o.exact_max_candidates) {
    tasking::MilpOptions mo;
    mo.time_limit_s = o.time_limit_s;
    auto exact = tasking::SolveExact(problem, mo);
    if (exact.ok()) {
      out.bound = std::max(exact->best_bound, m.objective);
      m.gap_to_bound = out.bound > 0 ? (out.bound - m.objective) / out.bound : 0.0;
    }
  }
  out.total_s = absl::ToDoubleSeconds(absl::Now() - t0);
  std::vector<catalog::SensorRecord> srec;
  for (const sensors::Sensor& s : sel) {
    srec.push_back({s.name(), std::string(sensors::SensorTypeName(s.type())),
                    s.spec().geodetic.latitude_rad, s.spec().geodetic.longitude_rad,
                    s.spec().geodetic.height_m,
                    o.sensor_json ? o.sensor_json(s) : absl::StrCat("{\"name\":", Quoted(s.name()), "}")});
  }
  if (absl::Status s = cat.UpsertSensors(srec); !s.ok()) return s;
  std::vector<catalog::TaskRecord> tasks;
  for (int i : chosen) tasks.push_back(TaskOfCandidate(*built, sel, i, 0, o));
  PointAlongPredictions(sel, o.predict, tasks);
  std::string util_json = "{";
  for (size_t k = 0; k < sel.size(); ++k) {
    absl::StrAppend(&util_json, k ? "," : "", Quoted(sel[k].name()), ":",
                    Num(std::round(m.utilization[k] * 1e4) / 1e4));
  }
  util_json += "}";
  out.metrics_json = absl::StrCat(
      "{\"sensors\":", sel.size(), ",\"objects\":", objects.size(), ",\"stale_objects\":",
      built->stale_objects, ",\"windows\":",
      built->windows, ",\"candidates\":", problem.candidates.size(), ",\"tasks\":", m.tasks,
      ",\"unique_objects\":", m.unique_objects, ",\"category12_objects\":", m.category12_objects,
      ",\"category12_visible\":", m.category12_with_candidates, ",\"category12_tasked\":",
      m.category12_tasked, ",\"utilization\":", util_json, ",\"objective\":", Num(m.objective),
      ",\"greedy_objective\":", Num(summary.greedy_objective), ",\"uncertainty_reduction_km\":",
      Num(m.sigma_reduction_km), ",\"information_bits\":", Num(m.information_bits),
      ",\"gap_to_bound\":", Num(m.gap_to_bound), ",\"visibility_s\":",
      Num(std::round(out.visibility_s * 100) / 100), ",\"total_s\":",
      Num(std::round(out.total_s * 100) / 100), "}");
  catalog::PlanRecord plan{0, first.tai_whole_seconds(), last.tai_whole_seconds(),
                           absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone()),
                           o.night, out.metrics_json};
  auto id = cat.WritePlan(plan, tasks);
  if (!id.ok()) return id.status();
  out.plan_id = *id;
  return out;
}

}  // namespace sstrack::operations
