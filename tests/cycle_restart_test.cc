// Copyright sstrack authors.
//
// The autonomous cycle (operations/cycle.h) through one night on a
// simulated clock, with two radars acting as sensors on the catalog — one of
// them silent for four hours in the middle of its night — and the process
// killed (SIGKILL, in a forked child) at each named point of the cycle, then
// restarted on the same database. After the restart the night ends DONE with
// one plan, each observed object fitted exactly once (its run, state and
// queue entry together), nothing queued, no observation lost, and the silent
// sensor taken out of the plan while it was silent.
//
// The sensors' data are made from the catalog's own element sets propagated
// two-body — the same model as the fit: this test is about the cycle's
// bookkeeping, not accuracy (that is the demo's, against simulation/).
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "astro/formats/tle.h"
#include "astro/frames/frames.h"
#include "astro/frames/topocentric.h"
#include "astro/propagation/numerical/numerical_propagator.h"
#include "astro/time/eop.h"
#include "astro/time/utc.h"
#include "catalog/catalog.h"
#include "gtest/gtest.h"
#include "operations/cycle.h"
#include "service/config_loader.h"

namespace sstrack::operations {
namespace {

constexpr char kNetwork[] = R"pb(
sensor {
  name: "ALPHA"
  type: TRACKING_RADAR
  latitude_deg: 35.0 longitude_deg: 134.0 altitude_m: 300
  min_elevation_deg: 10
  radar { reference_snr_db: 60 reference_range_km: 1000 min_snr_db: 10 }
  azimuth_axis { max_rate_deg_s: 3 max_acceleration_deg_s2: 1 }
  elevation_axis { max_rate_deg_s: 2 max_acceleration_deg_s2: 1 }
  track_duration_s: 120 observations_per_track: 8
  noise { angle_arcsec: 20 range_m: 10 }
  max_tasks_per_night: 14
}
sensor {
  name: "BRAVO"
  type: TRACKING_RADAR
  latitude_deg: 36.0 longitude_deg: 139.0 altitude_m: 100
  min_elevation_deg: 10
  radar { reference_snr_db: 60 reference_range_km: 1000 min_snr_db: 10 }
  azimuth_axis { max_rate_deg_s: 3 max_acceleration_deg_s2: 1 }
  elevation_axis { max_rate_deg_s: 2 max_acceleration_deg_s2: 1 }
  track_duration_s: 120 observations_per_track: 8
  noise { angle_arcsec: 20 range_m: 10 }
  max_tasks_per_night: 14
}
)pb";

constexpr double kStepS = 300;
constexpr double kSilentS = 4 * 3600;

struct World {
  std::vector<sensors::Sensor> network;
  std::vector<astro::MeanElements> elements;
  std::string night;
  astro::Epoch start;  // the simulated clock's first reading
};

const World& TheWorld() {
  static const World* w = [] {
    auto* out = new World;
    auto net = service::ParseSensorNetwork(kNetwork, "net.textproto");
    if (!net.ok()) return out;
    out->network = *net;
    auto file = astro::ReadTleFile("tests/data/catalog-2018-01.3le");
    if (!file.ok()) return out;
    for (const astro::MeanElements& e : file->elements) {
      const double rev_day = e.mean_motion_rad_per_min * 1440 / 6.283185307179586;
      if (rev_day > 13 && e.eccentricity < 0.01) out->elements.push_back(e);
      if (out->elements.size() == 30) break;
    }
    std::vector<astro::Epoch> epochs;
    for (const auto& e : out->elements) epochs.push_back(e.epoch);
    std::sort(epochs.begin(), epochs.end(), [](auto& a, auto& b) { return a - b < 0; });
    out->night = astro::FormatIsoUtc(epochs[epochs.size() / 2], 0).substr(0, 10);
    out->start = *NightPlanTime(out->night, out->network, 3600.0);
    return out;
  }();
  return *w;
}

std::string DbPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return absl::StrCat(dir ? dir : "/tmp", "/", name, ".db");
}

// The true state of an object (its element set at the night's start,
// propagated two-body) at `times`.
std::vector<astro::CartesianState> Truth(const astro::MeanElements& el, const std::vector<astro::Epoch>& times) {
  auto cat = catalog::Catalog::Open(":memory:");
  (*cat)->ImportElements({&el, 1}, catalog::StateSource::kTle, "truth").IgnoreError();
  const astro::Epoch t0 = TheWorld().start;
  astro::ForceModelOptions fo;
  auto x0 = CatalogStateAt(**cat, el.catalog_number, t0, fo);
  auto fm = astro::ForceModel::Create(fo, t0, times.back());
  auto st = astro::PropagateNumerically(**fm, t0, *x0, times, {});
  std::vector<astro::CartesianState> out;
  for (const auto& s : *st) out.push_back(s.gcrf);
  return out;
}

// One scenario run on `db` until the night is DONE: returns normally, or
// the process dies where `crash_at` names (its first occurrence). `seen`:
// the named points the cycle passed.
// `od_at_next_plan`: the objects with an OD state when the next night's
// plan first appeared.
void RunScenario(const std::string& db, const std::string& crash_at,
                 std::vector<std::string>* seen = nullptr,
                 std::set<int>* od_at_next_plan = nullptr) {
  const World& w = TheWorld();
  auto opened = catalog::Catalog::Open(db);
  ASSERT_TRUE(opened.ok()) << opened.status();
  std::unique_ptr<catalog::Catalog> cat = *std::move(opened);
  ASSERT_TRUE(cat->ImportElements(w.elements, catalog::StateSource::kTle, "test").ok());
  absl::Mutex mu;
  auto resumed = StoredSimulatedTime(*cat);
  ASSERT_TRUE(resumed.ok()) << resumed.status();
  SimulatedClock clock(resumed->value_or(w.start));
  CycleContext ctx;
  ctx.mu = &mu;
  ctx.catalog = cat.get();
  ctx.network = w.network;
  ctx.clock = &clock;
  ctx.simulated = &clock;
  ctx.fit.batch.max_position_sigma_m = 1e5;
  CycleOptions o;
  o.plan_time_limit_s = 0.5;
  absl::Mutex seen_mu;
  o.crash_hook = [&](absl::string_view point) {
    if (point == crash_at) raise(SIGKILL);
    absl::MutexLock l(&seen_mu);
    if (seen) seen->emplace_back(point);
  };
  Cycle cycle(ctx, o);
  std::map<int, const astro::MeanElements*> by_id;
  for (const auto& e : w.elements) by_id[e.catalog_number] = &e;
  const sensors::Sensor* site[2] = {&w.network[0], &w.network[1]};
  for (int step = 0; step < 400; ++step) {
    const astro::Epoch now = clock.Now();
    const double now_s = now.TaiSecondsSinceJ2000();
    // The sensors: each calls, and runs its tasks that have ended.
    for (const sensors::Sensor* s : site) {
      absl::MutexLock l(&mu);
      auto plan = cat->LatestPlan(w.night);
      if (!plan.ok()) continue;
      auto tasks = cat->ListTasks(plan->id, s->name());
      ASSERT_TRUE(tasks.ok());
      double first = 1e300;
      for (const auto& t : *tasks) first = std::min(first, t.start_tai_s);
      if (s->name() == "BRAVO" && now_s > first + 1 && now_s < first + 1 + kSilentS) continue;
      cycle.NoteContact(s->name(), false);
      for (const catalog::TaskRecord& t : *tasks) {
        if (t.end_tai_s > now_s || (t.status != catalog::TaskStatus::kPlanned &&
                                    t.status != catalog::TaskStatus::kSent)) {
          continue;
        }
        std::vector<astro::Epoch> times;
        for (int k = 0; k < t.expected_observations; ++k) {
          times.push_back(astro::Epoch::FromTaiSeconds(0) + t.start_tai_s +
                          (t.end_tai_s - t.start_tai_s) * k / std::max(1, t.expected_observations - 1));
        }
        const std::vector<astro::CartesianState> x = Truth(*by_id.at(t.catalog_number), times);
        std::vector<catalog::ObservationRecord> obs;
        for (size_t k = 0; k < times.size(); ++k) {
          auto itrf = astro::ConvertState(x[k], astro::Frame::kGcrf, astro::Frame::kItrf, times[k],
                                          astro::ZeroEop(times[k]));
          const astro::LookAngles look = astro::ComputeLookAngles(s->site(), *itrf);
          catalog::ObservationRecord a;
          a.sensor = s->name();
          a.catalog_number = t.catalog_number;
          a.task_id = t.id;
          a.epoch = times[k];
          a.type = "AZEL";
          a.external_id = absl::StrCat("t", t.id, "/", k, "/azel");
          a.value1 = look.azimuth_rad;
          a.value2 = look.elevation_rad;
          a.sigma1 = 1e-4;
          a.sigma2 = 1e-4;
          catalog::ObservationRecord r = a;
          r.type = "RANGE";
          r.external_id = absl::StrCat("t", t.id, "/", k, "/range");
          r.value1 = look.range_m;
          r.sigma1 = 50;
          r.value2.reset();
          r.sigma2.reset();
          obs.push_back(a);
          obs.push_back(r);
        }
        ASSERT_TRUE(cat->InsertObservations(obs).ok());
        ASSERT_TRUE(cat->SetTaskStatus(t.id, catalog::TaskStatus::kDone).ok());
        cycle.NoteContact(s->name(), true);
      }
    }
    absl::Status st = cycle.AdvanceClock(now + kStepS);
    ASSERT_TRUE(st.ok()) << st;
    absl::MutexLock l(&mu);
    auto nights = cat->ListCycleNights();
    ASSERT_TRUE(nights.ok());
    if (od_at_next_plan && nights->size() > 1 && od_at_next_plan->empty()) {
      for (const auto& e : w.elements) {
        if (cat->LatestCartesianState(e.catalog_number).ok()) od_at_next_plan->insert(e.catalog_number);
      }
      od_at_next_plan->insert(-1);  // recorded, even if none had one
    }
    if (!nights->empty() && nights->front().phase == "DONE") return;
  }
  FAIL() << "the night did not end";
}

int64_t Count(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(h, sql.c_str(), -1, &s, nullptr);
  int64_t v = -1;
  if (sqlite3_step(s) == SQLITE_ROW) v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(h);
  return v;
}

// What must hold after a night, crashed or not.
void CheckNight(const std::string& db) {
  const std::string& night = TheWorld().night;
  auto cat = catalog::Catalog::Open(db);
  ASSERT_TRUE(cat.ok());
  auto nights = (*cat)->ListCycleNights();
  ASSERT_TRUE(nights.ok());
  ASSERT_GE(nights->size(), 1u);
  const catalog::CycleNightRecord& n = nights->front();
  EXPECT_EQ(n.night, night);
  EXPECT_EQ(n.phase, "DONE");
  // One plan for the night.
  EXPECT_EQ(Count(db, absl::StrCat("SELECT count(*) FROM plans WHERE json_extract(metrics_json, '$.night') = '",
                                   night, "'")),
            1);
  // Every object with a DONE task was fitted once: one closed queue entry,
  // one run (none for FAILED), one state per accepted run.
  auto fits = (*cat)->ListCycleFits(night);
  ASSERT_TRUE(fits.ok());
  std::set<int> done_objects;
  auto tasks = (*cat)->ListTasks(n.plan_id);
  ASSERT_TRUE(tasks.ok());
  for (const auto& t : *tasks) {
    if (t.status == catalog::TaskStatus::kDone) done_objects.insert(t.catalog_number);
    EXPECT_NE(t.status, catalog::TaskStatus::kPlanned) << "task " << t.id << " still planned";
  }
  ASSERT_GT(done_objects.size(), 5u);
  std::set<int> queued;
  int closed_with_run = 0, converged = 0;
  for (const auto& f : *fits) {
    queued.insert(f.catalog_number);
    EXPECT_NE(f.status, "QUEUED") << f.catalog_number;
    if (f.status == "FAILED") {
      EXPECT_FALSE(f.od_run_id.has_value());
    } else {
      EXPECT_TRUE(f.od_run_id.has_value()) << f.catalog_number;
      ++closed_with_run;
      converged += f.status == "CONVERGED";
    }
  }
  EXPECT_EQ(queued, done_objects);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM od_runs"), closed_with_run);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM (SELECT catalog_number FROM od_runs GROUP BY 1 HAVING count(*) > 1)"), 0);
  EXPECT_EQ(Count(db, "SELECT count(*) FROM orbit_states WHERE kind = 'CARTESIAN'"), converged);
  EXPECT_GT(converged, 0);
  // No observation lost or doubled: 2 rows per instant of every DONE task.
  int64_t expected = 0;
  for (const auto& t : *tasks) expected += t.status == catalog::TaskStatus::kDone ? 2 * t.expected_observations : 0;
  EXPECT_EQ(Count(db, "SELECT count(*) FROM observations"), expected);
  // The silent sensor: no task of BRAVO starts inside its silence after the
  // cycle took it out (outage_s + one step after the silence began), and
  // the plan was re-made with it when it called again.
  double first = 1e300;
  for (const auto& t : *tasks) {
    if (t.sensor == "BRAVO") first = std::min(first, t.start_tai_s);
  }
  const double out_by = first + 1 + 600 + 2 * kStepS;
  int missed = 0;
  for (const auto& t : *tasks) {
    if (t.sensor != "BRAVO") continue;
    missed += t.status == catalog::TaskStatus::kMissed;
    if (t.status == catalog::TaskStatus::kCancelled) continue;
    EXPECT_FALSE(t.start_tai_s > out_by && t.start_tai_s < first + 1 + kSilentS)
        << "BRAVO task " << t.id << " planned while it was out";
  }
  EXPECT_EQ(n.offline_planned, "");
  auto sensors = (*cat)->ListCycleSensors(night);
  ASSERT_TRUE(sensors.ok());
  for (const auto& s : *sensors) EXPECT_FALSE(s.out_since_tai_s.has_value()) << s.sensor;
}

TEST(CycleTest, OneNightWithASilentSensor) {
  const std::string db = DbPath("reference");
  std::remove(db.c_str());
  ASSERT_FALSE(TheWorld().elements.empty());
  std::vector<std::string> seen;
  std::set<int> od_at_next_plan;
  RunScenario(db, "", &seen, &od_at_next_plan);
  CheckNight(db);
  // The silent sensor was taken out and brought back: two re-plans.
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "sensor_out"), 2);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "replanned"), 2);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "done"), 1);
  // BRAVO's tasks in its silence before it was taken out were missed.
  auto cat = catalog::Catalog::Open(db);
  ASSERT_TRUE(cat.ok());
  auto nights = (*cat)->ListCycleNights();
  ASSERT_TRUE(nights.ok() && !nights->empty());
  auto tasks = (*cat)->ListTasks(nights->front().plan_id, "BRAVO");
  ASSERT_TRUE(tasks.ok());
  int done = 0;
  for (const auto& t : *tasks) done += t.status == catalog::TaskStatus::kDone;
  EXPECT_GT(done, 0);
  // The status the operators see.
  absl::Mutex mu;
  SimulatedClock clock(TheWorld().start);
  CycleContext ctx{&mu, cat->get(), TheWorld().network, {}, &clock, &clock};
  Cycle cycle(ctx, {});
  auto status = cycle.Status(3, 5);
  ASSERT_TRUE(status.ok()) << status.status();
  ASSERT_FALSE(status->nights.empty());
  const NightStatus& last = status->nights.back();
  EXPECT_EQ(last.night.phase, "DONE");
  int fits = 0;
  for (const auto& [k, n] : last.fits) fits += n;
  EXPECT_GT(fits, 5);
  EXPECT_EQ(last.fits.count("QUEUED"), 0u);
  ASSERT_FALSE(status->worst.empty());
  for (size_t i = 1; i < status->worst.size(); ++i) {
    EXPECT_GE(status->worst[i - 1].position_sigma_m, status->worst[i].position_sigma_m);
  }
  EXPECT_EQ(status->objects, 30);

  // The next night was planned before this night's last fits; every task
  // of it still PLANNED points along the object's latest OD state (a search
  // lead after its start) — also
  // for the objects fitted after that plan was made (re-pointed then).
  ASSERT_GT(nights->size(), 1u);
  const catalog::CycleNightRecord& next = (*nights)[1];
  auto next_tasks = (*cat)->ListTasks(next.plan_id);
  ASSERT_TRUE(next_tasks.ok());
  std::map<std::string, const sensors::Sensor*> sensor_of;
  for (const sensors::Sensor& s : TheWorld().network) sensor_of[s.name()] = &s;
  int checked = 0, fitted_after_plan = 0;
  for (const catalog::TaskRecord& t : *next_tasks) {
    if (t.status != catalog::TaskStatus::kPlanned) continue;
    auto state = (*cat)->LatestCartesianState(t.catalog_number);
    if (!state.ok()) continue;
    // At the task's start + its search lead.
    EXPECT_GE(t.pointing_lead_s, 0.0);
    EXPECT_LE(t.pointing_lead_s, 0.5 * (t.end_tai_s - t.start_tai_s) + 1e-9);
    const astro::Epoch at = astro::Epoch::FromTaiSeconds(0, 0) + (t.start_tai_s + t.pointing_lead_s);
    auto regime = CatalogRegime(**cat, t.catalog_number);
    ASSERT_TRUE(regime.ok());
    auto x = OdPredictionsAt(*state, *regime, {at}, ctx.fit);
    ASSERT_TRUE(x.ok()) << x.status();
    auto itrf = astro::ConvertState((*x)[0], astro::Frame::kGcrf, astro::Frame::kItrf, at,
                                    astro::ZeroEop(at));
    ASSERT_TRUE(itrf.ok());
    const astro::LookAngles look = astro::ComputeLookAngles(sensor_of.at(t.sensor)->site(), *itrf);
    EXPECT_NEAR(t.azimuth_rad, look.azimuth_rad, 1e-9) << "task " << t.id;
    EXPECT_NEAR(t.elevation_rad, look.elevation_rad, 1e-9) << "task " << t.id;
    ++checked;
    fitted_after_plan += od_at_next_plan.count(t.catalog_number) == 0;
  }
  EXPECT_GT(checked, 0);
  EXPECT_GT(fitted_after_plan, 0) << "no object was fitted after the next night's plan: "
                                     "the re-pointing was not exercised";
}

class CycleRestartTest : public ::testing::TestWithParam<const char*> {};

// Killed at `point` (first time the cycle reaches it), restarted on the
// same database: the night completes as if nothing had happened.
TEST_P(CycleRestartTest, KilledAndRestartedLosesAndRepeatsNothing) {
  GTEST_FLAG_SET(death_test_style, "fast");
  const std::string point = GetParam();
  const std::string db = DbPath(absl::StrCat("crash_", point));
  std::remove(db.c_str());
  ASSERT_FALSE(TheWorld().elements.empty());
  EXPECT_EXIT(RunScenario(db, point), ::testing::KilledBySignal(SIGKILL), "");
  RunScenario(db, "");
  CheckNight(db);
}

INSTANTIATE_TEST_SUITE_P(EveryPhase, CycleRestartTest,
                         ::testing::Values("planned", "observing", "sensor_out", "replanned",
                                           "fit_recorded", "fitting", "done"));

}  // namespace
}  // namespace sstrack::operations
