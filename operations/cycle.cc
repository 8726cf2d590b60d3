// Copyright sstrack authors.
#include "operations/cycle.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "astro/time/utc.h"

namespace sstrack::operations {
namespace {

using catalog::TaskStatus;

constexpr double kTwoPi = 6.283185307179586;
constexpr char kSimulatedTimeKey[] = "simulated_clock_utc";

// The start of a sensor's night of `night`: its local mean noon.
absl::StatusOr<astro::Epoch> LocalNoon(const std::string& night, const sensors::Sensor& s) {
  auto noon = NightNoonUtc(night);
  if (!noon.ok()) return noon.status();
  return *noon - s.spec().geodetic.longitude_rad / kTwoPi * astro::kSecondsPerDay;
}

bool Open(TaskStatus s) { return s == TaskStatus::kPlanned || s == TaskStatus::kSent; }

std::optional<double> Later(std::optional<double> a, std::optional<double> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

}  // namespace

absl::StatusOr<std::string> NextNight(const std::string& night) {
  auto noon = NightNoonUtc(night);
  if (!noon.ok()) return noon.status();
  return astro::FormatIsoUtc(*noon + astro::kSecondsPerDay, 0).substr(0, 10);
}

absl::StatusOr<astro::Epoch> NightPlanTime(const std::string& night,
                                           const std::vector<sensors::Sensor>& network,
                                           double lead_s) {
  if (network.empty()) return absl::FailedPreconditionError("the sensor network is empty");
  std::optional<astro::Epoch> first;
  for (const sensors::Sensor& s : network) {
    auto t = LocalNoon(night, s);
    if (!t.ok()) return t.status();
    if (!first || *t - *first < 0) first = *t;
  }
  return *first - lead_s;
}

absl::StatusOr<astro::Epoch> NightEndTime(const std::string& night,
                                          const std::vector<sensors::Sensor>& network) {
  if (network.empty()) return absl::FailedPreconditionError("the sensor network is empty");
  std::optional<astro::Epoch> last;
  for (const sensors::Sensor& s : network) {
    auto t = LocalNoon(night, s);
    if (!t.ok()) return t.status();
    if (!last || *t - *last > 0) last = *t;
  }
  return *last + astro::kSecondsPerDay;
}

Cycle::Cycle(CycleContext context, CycleOptions options)
    : ctx_(std::move(context)), options_(std::move(options)),
      started_tai_s_(ctx_.clock->Now().TaiSecondsSinceJ2000()) {}

absl::StatusOr<std::optional<astro::Epoch>> StoredSimulatedTime(const catalog::Catalog& cat) {
  auto v = cat.GetCycleValue(kSimulatedTimeKey);
  if (!v.ok()) return v.status();
  if (!v->has_value()) return std::optional<astro::Epoch>();
  auto t = astro::ParseIsoUtc(**v);
  if (!t.ok()) return t.status();
  return std::optional<astro::Epoch>(*t);
}

absl::Status Cycle::AdvanceClock(const astro::Epoch& t) {
  if (!ctx_.simulated) {
    return absl::FailedPreconditionError("the cycle runs on the real clock: only a simulated clock is advanced");
  }
  if (t - ctx_.simulated->Now() < 0) return ctx_.simulated->AdvanceTo(t);  // the error
  {
    absl::MutexLock l(ctx_.mu);
    if (absl::Status s = ctx_.catalog->SetCycleValue(kSimulatedTimeKey, astro::FormatIsoUtc(t, 9));
        !s.ok()) {
      return s;
    }
  }
  if (absl::Status s = ctx_.simulated->AdvanceTo(t); !s.ok()) return s;
  return Step();
}

void Cycle::NoteContact(const std::string& sensor, bool report) {
  const double now = ctx_.clock->Now().TaiSecondsSinceJ2000();
  absl::MutexLock l(&contact_mu_);
  Contact& c = contacts_[sensor];
  c.call_tai_s = Later(c.call_tai_s, now);
  if (report) c.report_tai_s = Later(c.report_tai_s, now);
}

void Cycle::Crash(absl::string_view point) const {
  if (options_.crash_hook) options_.crash_hook(point);
}

NightPlanOptions Cycle::PlanOptions(const std::string& night) {
  NightPlanOptions po;
  po.night = night;
  po.time_limit_s = options_.plan_time_limit_s;
  po.max_objects = options_.max_objects;
  po.max_state_age_days = options_.max_state_age_days;
  // Called by PlanNight/ReplanNight, which run under the catalog lock.
  UseCatalogPredictions(*ctx_.catalog, ctx_.fit, &po);
  return po;
}

absl::Status Cycle::Step() {
  absl::MutexLock step(&step_mu_);
  const astro::Epoch now = ctx_.clock->Now();
  absl::Status s = PlanDueNights(now);
  if (s.ok()) {
    absl::StatusOr<std::vector<catalog::CycleNightRecord>> nights;
    {
      absl::MutexLock l(ctx_.mu);
      nights = ctx_.catalog->ListCycleNights();
    }
    if (!nights.ok()) {
      s = nights.status();
    } else {
      for (const catalog::CycleNightRecord& n : *nights) {
        if (n.phase == "DONE") continue;
        if (absl::Status a = Advance(n, now); !a.ok()) {
          s = absl::Status(a.code(), absl::StrCat("night of ", n.night, ": ", a.message()));
          break;
        }
      }
    }
  }
  absl::MutexLock l(&contact_mu_);
  last_error_ = s.ok() ? "" : std::string(s.message());
  return s;
}

absl::Status Cycle::PlanDueNights(const astro::Epoch& now) {
  absl::StatusOr<std::vector<catalog::CycleNightRecord>> nights;
  {
    absl::MutexLock l(ctx_.mu);
    nights = ctx_.catalog->ListCycleNights();
  }
  if (!nights.ok()) return nights.status();
  // The first night not yet planned whose last sensor's night is not over.
  std::string night;
  if (!nights->empty()) {
    auto next = NextNight(nights->back().night);
    if (!next.ok()) return next.status();
    night = *next;
  } else {
    // First start: the latest night already due (the one in progress or
    // about to begin), not the tail of the one before.
    night = astro::FormatIsoUtc(now + 2 * astro::kSecondsPerDay, 0).substr(0, 10);
    for (int back = 0; back < 4; ++back) {
      auto due = NightPlanTime(night, ctx_.network, options_.plan_lead_s);
      if (!due.ok()) return due.status();
      if (now - *due >= 0) break;
      auto noon = NightNoonUtc(night);
      if (!noon.ok()) return noon.status();
      night = astro::FormatIsoUtc(*noon - astro::kSecondsPerDay, 0).substr(0, 10);
    }
  }
  for (int guard = 0;; ++guard) {
    auto end = NightEndTime(night, ctx_.network);
    if (!end.ok()) return end.status();
    if (*end - now > 0) break;
    if (guard > 400) return absl::InternalError("no night ahead of the clock");
    auto next = NextNight(night);
    if (!next.ok()) return next.status();
    night = *next;
  }
  auto due = NightPlanTime(night, ctx_.network, options_.plan_lead_s);
  if (!due.ok()) return due.status();
  if (now - *due < 0) return absl::OkStatus();
  absl::MutexLock l(ctx_.mu);
  // A plan already made for the night (an operator's, or ours before a crash) is adopted.
  absl::StatusOr<catalog::PlanRecord> plan = ctx_.catalog->LatestPlan(night);
  if (!plan.ok()) {
    if (!absl::IsNotFound(plan.status())) return plan.status();
    auto made = PlanNight(*ctx_.catalog, ctx_.network, PlanOptions(night));
    if (!made.ok()) return made.status();
    Crash("planned");
    plan = ctx_.catalog->LatestPlan(night);
    if (!plan.ok()) return plan.status();
  }
  // Planned late (the cycle started during the night): tasks that began
  // before now were never issued.
  auto tasks = ctx_.catalog->ListTasks(plan->id);
  if (!tasks.ok()) return tasks.status();
  for (const catalog::TaskRecord& t : *tasks) {
    if (t.status == TaskStatus::kPlanned && t.start_tai_s < now.TaiSecondsSinceJ2000()) {
      if (auto s = ctx_.catalog->SetTaskStatus(t.id, TaskStatus::kCancelled); !s.ok()) return s.status();
    }
  }
  catalog::CycleNightRecord rec;
  rec.night = night;
  rec.plan_id = plan->id;
  rec.phase = "PLANNED";
  rec.start_tai_s = static_cast<double>(plan->night_start_tai_s);
  rec.end_tai_s = static_cast<double>(plan->night_end_tai_s);
  return ctx_.catalog->PutCycleNight(rec);
}

absl::Status Cycle::Advance(catalog::CycleNightRecord night, const astro::Epoch& now) {
  const double now_s = now.TaiSecondsSinceJ2000();
  auto put = [&](const char* phase) -> absl::Status {
    night.phase = phase;
    absl::MutexLock l(ctx_.mu);
    return ctx_.catalog->PutCycleNight(night);
  };
  if (night.phase == "PLANNED") {
    if (now_s < night.start_tai_s) return absl::OkStatus();
    if (absl::Status s = put("OBSERVING"); !s.ok()) return s;
    Crash("observing");
  }
  absl::StatusOr<std::vector<catalog::TaskRecord>> tasks;
  {
    absl::MutexLock l(ctx_.mu);
    tasks = ctx_.catalog->ListTasks(night.plan_id);
    if (!tasks.ok()) return tasks.status();
    // Tasks nobody reported by their end + margin were missed.
    for (catalog::TaskRecord& t : *tasks) {
      if (Open(t.status) && t.end_tai_s + options_.data_margin_s < now_s) {
        if (auto s = ctx_.catalog->SetTaskStatus(t.id, TaskStatus::kMissed); !s.ok()) return s.status();
        t.status = TaskStatus::kMissed;
      }
    }
  }
  if (night.phase == "OBSERVING") {
    if (absl::Status s = HandleOutages(night, *tasks, now); !s.ok()) return s;
    if (now_s >= night.end_tai_s + options_.data_margin_s) {
      if (absl::Status s = put("FITTING"); !s.ok()) return s;
      Crash("fitting");
    }
  }
  // The fit queue: objects whose tasks are all over, one of them DONE (at
  // FITTING, every object with a DONE task).
  {
    absl::MutexLock l(ctx_.mu);
    tasks = ctx_.catalog->ListTasks(night.plan_id);
    if (!tasks.ok()) return tasks.status();
    std::map<int, std::pair<bool, bool>> by_object;  // done, any open
    for (const catalog::TaskRecord& t : *tasks) {
      auto& [done, open] = by_object[t.catalog_number];
      done = done || t.status == TaskStatus::kDone;
      open = open || Open(t.status);
    }
    std::vector<int> ready;
    for (const auto& [id, f] : by_object) {
      if (f.first && (!f.second || night.phase == "FITTING")) ready.push_back(id);
    }
    if (!ready.empty()) {
      auto added = ctx_.catalog->QueueCycleFits(night.night, ready);
      if (!added.ok()) return added.status();
    }
  }
  if (absl::Status s = RunQueuedFits(night.night); !s.ok()) return s;
  if (night.phase == "FITTING") {
    absl::StatusOr<std::vector<catalog::CycleFitRecord>> fits;
    {
      absl::MutexLock l(ctx_.mu);
      fits = ctx_.catalog->ListCycleFits(night.night);
    }
    if (!fits.ok()) return fits.status();
    const bool queued = std::any_of(fits->begin(), fits->end(),
                                    [](const catalog::CycleFitRecord& f) { return f.status == "QUEUED"; });
    if (!queued) {
      if (absl::Status s = put("DONE"); !s.ok()) return s;
      Crash("done");
    }
  }
  return absl::OkStatus();
}

absl::Status Cycle::HandleOutages(catalog::CycleNightRecord& night,
                                  const std::vector<catalog::TaskRecord>& tasks,
                                  const astro::Epoch& now) {
  const double now_s = now.TaiSecondsSinceJ2000();
  std::map<std::string, Contact> memory;
  {
    absl::MutexLock l(&contact_mu_);
    memory = contacts_;
  }
  absl::MutexLock l(ctx_.mu);
  auto stored = ctx_.catalog->ListCycleSensors(night.night);
  if (!stored.ok()) return stored.status();
  std::map<std::string, catalog::CycleSensorRecord> rows;
  for (const catalog::CycleSensorRecord& r : *stored) rows[r.sensor] = r;
  std::map<std::string, std::vector<const catalog::TaskRecord*>> by_sensor;
  for (const catalog::TaskRecord& t : tasks) {
    if (t.status != TaskStatus::kCancelled) by_sensor[t.sensor].push_back(&t);
  }
  std::vector<catalog::CycleSensorRecord> changed;
  std::set<std::string> offline;
  for (const auto& [name, ts] : by_sensor) {
    catalog::CycleSensorRecord row;
    if (rows.count(name)) {
      row = rows[name];
    } else {
      row.night = night.night;
      row.sensor = name;
    }
    const catalog::CycleSensorRecord before = row;
    const Contact& c = memory[name];
    row.last_contact_tai_s = Later(row.last_contact_tai_s, c.call_tai_s);
    row.last_report_tai_s = Later(row.last_report_tai_s, c.report_tai_s);
    // A sensor that calls after it was marked out is back; what it left
    // unreported before then does not count against it again.
    if (row.out_since_tai_s && row.last_contact_tai_s && *row.last_contact_tai_s > *row.out_since_tai_s) {
      row.out_since_tai_s.reset();
      row.last_report_tai_s = Later(row.last_report_tai_s, row.last_contact_tai_s);
    }
    const double contact = std::max(row.last_contact_tai_s.value_or(started_tai_s_), started_tai_s_);
    const double report = std::max(row.last_report_tai_s.value_or(-1e300), started_tai_s_ - options_.outage_s);
    double first_start = 1e300, last_end = -1e300;
    bool unreported = false;
    for (const catalog::TaskRecord* t : ts) {
      first_start = std::min(first_start, t->start_tai_s);
      last_end = std::max(last_end, t->end_tai_s);
      const bool never_reported = Open(t->status) || t->status == TaskStatus::kMissed;
      unreported = unreported || (never_reported && t->end_tai_s > report &&
                                  t->end_tai_s <= now_s - options_.outage_s);
    }
    // Silent while it has work: from its first task's start to its last's end.
    const bool silent = now_s >= first_start && now_s <= last_end && now_s - contact > options_.outage_s;
    if (!row.out_since_tai_s && (silent || unreported)) row.out_since_tai_s = now_s;
    if (row.out_since_tai_s) offline.insert(name);
    if (row.last_contact_tai_s != before.last_contact_tai_s ||
        row.last_report_tai_s != before.last_report_tai_s ||
        row.out_since_tai_s != before.out_since_tai_s) {
      changed.push_back(row);
    }
  }
  if (!changed.empty()) {
    if (absl::Status s = ctx_.catalog->PutCycleSensors(changed); !s.ok()) return s;
  }
  const std::string offline_list = absl::StrJoin(offline, ",");
  if (offline_list == night.offline_planned) return absl::OkStatus();
  Crash("sensor_out");
  auto r = ReplanNight(*ctx_.catalog, ctx_.network, PlanOptions(night.night), now, {},
                       std::vector<std::string>(offline.begin(), offline.end()));
  if (!r.ok()) return r.status();
  night.offline_planned = offline_list;
  if (absl::Status s = ctx_.catalog->PutCycleNight(night); !s.ok()) return s;
  Crash("replanned");
  return absl::OkStatus();
}

absl::Status Cycle::RunQueuedFits(const std::string& night) {
  absl::StatusOr<std::vector<catalog::CycleFitRecord>> fits;
  {
    absl::MutexLock l(ctx_.mu);
    fits = ctx_.catalog->ListCycleFits(night);
  }
  if (!fits.ok()) return fits.status();
  std::vector<int> queued;
  for (const catalog::CycleFitRecord& f : *fits) {
    if (f.status == "QUEUED") queued.push_back(f.catalog_number);
  }
  if (queued.empty()) return absl::OkStatus();
  std::atomic<size_t> next{0};
  absl::Mutex error_mu;
  absl::Status error;
  auto worker = [&] {
    for (size_t k = next++; k < queued.size(); k = next++) {
      const int id = queued[k];
      const absl::Time t0 = absl::Now();
      absl::StatusOr<FitInput> input;
      {
        absl::MutexLock l(ctx_.mu);
        input = PrepareFit(*ctx_.catalog, ctx_.network, id, ctx_.fit);
      }
      absl::StatusOr<od::BatchSummary> fit =
          input.ok() ? SolveFit(*input, ctx_.fit) : absl::StatusOr<od::BatchSummary>(input.status());
      absl::Status s;
      bool accepted = false;
      {
        absl::MutexLock l(ctx_.mu);
        if (fit.ok()) {
          auto recorded = RecordFit(*ctx_.catalog, id, *fit, t0, absl::Now(), night);
          s = recorded.status();
          accepted = recorded.ok() && fit->accepted;
        } else {
          s = ctx_.catalog->FailCycleFit(night, id, std::string(fit.status().message()));
        }
      }
      if (s.ok()) {
        Crash("fit_recorded");
        if (accepted) s = RepointPlannedTasks(id);
      }
      if (!s.ok()) {
        absl::MutexLock l(&error_mu);
        if (error.ok()) error = absl::Status(s.code(), absl::StrCat("object ", id, ": ", s.message()));
      }
    }
  };
  std::vector<std::thread> threads;
  const int n = std::clamp(options_.fit_threads, 1, 64);
  for (int w = 1; w < n; ++w) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  return error;
}

absl::Status Cycle::RepointPlannedTasks(int id) {
  const double now_tai_s = ctx_.clock->Now().TaiSecondsSinceJ2000();
  absl::StatusOr<std::vector<catalog::TaskRecord>> tasks;
  absl::StatusOr<catalog::CartesianStateRecord> state;
  absl::StatusOr<astro::OrbitRegime> regime;
  {
    absl::MutexLock l(ctx_.mu);
    tasks = ctx_.catalog->ListPlannedTasksOf(id, now_tai_s);
    if (!tasks.ok()) return tasks.status();
    if (tasks->empty()) return absl::OkStatus();
    state = ctx_.catalog->LatestCartesianState(id);
    regime = CatalogRegime(*ctx_.catalog, id);
  }
  if (!state.ok()) return state.status();
  if (!regime.ok()) return regime.status();
  // Propagated outside the lock; a prediction that fails leaves the
  // pointing as planned (PointAlongPredictions skips it).
  std::vector<astro::Epoch> times;
  for (const catalog::TaskRecord& t : *tasks) {
    times.push_back(astro::Epoch::FromTaiSeconds(0, 0) + (t.start_tai_s + t.pointing_lead_s));
  }
  auto states = OdPredictionsAt(*state, *regime, times, ctx_.fit);
  if (!states.ok()) return absl::OkStatus();
  PointAlongPredictions(
      ctx_.network,
      [&](int, const std::vector<astro::Epoch>&) -> absl::StatusOr<std::vector<astro::CartesianState>> {
        return *states;
      },
      *tasks);
  absl::MutexLock l(ctx_.mu);
  return ctx_.catalog->RepointPlannedTasks(*tasks).status();
}

absl::StatusOr<CycleStatus> Cycle::Status(int nights, int worst) {
  CycleStatus out;
  out.now = ctx_.clock->Now();
  out.simulated_clock = ctx_.clock->simulated();
  std::map<std::string, Contact> contacts;  // not yet stored by a pass
  {
    absl::MutexLock l(&contact_mu_);
    out.last_error = last_error_;
    contacts = contacts_;
  }
  absl::MutexLock l(ctx_.mu);
  catalog::Catalog& cat = *ctx_.catalog;
  auto all = cat.ListCycleNights();
  if (!all.ok()) return all.status();
  for (auto it = all->rbegin(); it != all->rend() && static_cast<int>(out.nights.size()) < nights; ++it) {
    NightStatus ns;
    ns.night = *it;
    auto tasks = cat.ListTasks(it->plan_id);
    if (!tasks.ok()) return tasks.status();
    auto sensors = cat.ListCycleSensors(it->night);
    if (!sensors.ok()) return sensors.status();
    std::map<std::string, SensorNightStatus> by;
    for (const sensors::Sensor& s : ctx_.network) by[s.name()].sensor = s.name();
    for (const catalog::TaskRecord& t : *tasks) {
      by[t.sensor].sensor = t.sensor;
      ++by[t.sensor].tasks[catalog::TaskStatusName(t.status)];
    }
    for (const catalog::CycleSensorRecord& r : *sensors) {
      SensorNightStatus& s = by[r.sensor];
      s.sensor = r.sensor;
      s.out = r.out_since_tai_s.has_value();
      s.out_since_tai_s = r.out_since_tai_s;
      s.last_contact_tai_s = r.last_contact_tai_s;
    }
    for (auto& [name, s] : by) {
      // The latest night shows the calls the next pass will store.
      if (auto c = contacts.find(name); out.nights.empty() && c != contacts.end()) {
        s.last_contact_tai_s = Later(s.last_contact_tai_s, c->second.call_tai_s);
      }
      ns.sensors.push_back(std::move(s));
    }
    auto fits = cat.ListCycleFits(it->night);
    if (!fits.ok()) return fits.status();
    for (const catalog::CycleFitRecord& f : *fits) ++ns.fits[f.status];
    out.nights.push_back(std::move(ns));
  }
  auto objects = cat.ListObjects();
  if (!objects.ok()) return objects.status();
  out.objects = static_cast<int>(objects->size());
  auto states = cat.LatestCartesianStates();
  if (!states.ok()) return states.status();
  for (const catalog::ObjectRecord& o : *objects) {
    const auto st = states->find(o.catalog_number);
    if (st == states->end()) continue;
    ++out.objects_with_od_state;
    if (!st->second.covariance) continue;
    const auto& c = *st->second.covariance;
    out.worst.push_back({o.catalog_number, std::sqrt(std::max(0.0, c[0] + c[7] + c[14])), st->second.epoch});
  }
  std::sort(out.worst.begin(), out.worst.end(), [](const CovarianceEntry& a, const CovarianceEntry& b) {
    return a.position_sigma_m > b.position_sigma_m;
  });
  if (static_cast<int>(out.worst.size()) > worst) out.worst.resize(static_cast<size_t>(std::max(0, worst)));
  return out;
}

}  // namespace sstrack::operations
