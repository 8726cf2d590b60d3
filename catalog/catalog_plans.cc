// Copyright sstrack authors.
//
// The tasking part of the catalog: sensors, plans and tasks (tables of
// schema v1).
#include <iterator>

#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "catalog/sqlite_util.h"

namespace sstrack::catalog {
namespace {

using internal::Stmt;

constexpr const char* kStatusNames[] = {"PLANNED", "SENT",      "DONE",     "FAILED",
                                        "MISSED",  "NOT_FOUND", "CANCELLED"};

// The metrics object with "night" first.
std::string WithNight(const std::string& night, const std::string& metrics) {
  std::string body = metrics.empty() ? "{}" : metrics;
  const bool empty = body.find_first_not_of(" \t\n{}") == std::string::npos;
  std::string quoted = "\"";
  for (char c : night) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '"';
  return absl::StrCat("{\"night\":", quoted, empty ? "}" : absl::StrCat(",", body.substr(1)));
}

// The columns ReadTask reads, in its order.
constexpr char kSelectTasks[] =
    "SELECT id, plan_id, sensor, catalog_number, start_tai_s, end_tai_s, azimuth_rad, "
    "elevation_rad, expected_observations, status, late, pointing_lead_s FROM tasks ";

TaskRecord ReadTask(Stmt& s) {
  TaskRecord t;
  t.id = s.Int(0);
  t.plan_id = s.Int(1);
  t.sensor = s.Text(2);
  t.catalog_number = static_cast<int>(s.Int(3));
  t.start_tai_s = s.Real(4);
  t.end_tai_s = s.Real(5);
  t.azimuth_rad = s.Real(6);
  t.elevation_rad = s.Real(7);
  t.expected_observations = static_cast<int>(s.Int(8));
  t.status = ParseTaskStatus(s.Text(9)).value_or(TaskStatus::kPlanned);
  t.late = s.Int(10) != 0;
  t.pointing_lead_s = s.Real(11);
  return t;
}

}  // namespace

const char* TaskStatusName(TaskStatus s) { return kStatusNames[static_cast<int>(s)]; }

absl::StatusOr<TaskStatus> ParseTaskStatus(const std::string& name) {
  for (int i = 0; i < static_cast<int>(std::size(kStatusNames)); ++i) {
    if (name == kStatusNames[i]) return static_cast<TaskStatus>(i);
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown task status \"", name,
                                                 "\" (PLANNED, SENT, DONE, FAILED, MISSED, NOT_FOUND, CANCELLED)"));
}

absl::Status Catalog::UpsertSensors(std::span<const SensorRecord> sensors) {
  if (absl::Status s = Exec("BEGIN IMMEDIATE", "starting sensor update"); !s.ok()) return s;
  for (const SensorRecord& r : sensors) {
    Stmt st(db_,
            "INSERT INTO sensors (name, type, latitude_rad, longitude_rad, height_m, config) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(name) DO UPDATE SET type = excluded.type, "
            "latitude_rad = excluded.latitude_rad, longitude_rad = excluded.longitude_rad, "
            "height_m = excluded.height_m, config = excluded.config");
    st.Bind(1, r.name);
    st.Bind(2, r.type);
    st.Bind(3, r.latitude_rad);
    st.Bind(4, r.longitude_rad);
    st.Bind(5, r.height_m);
    st.Bind(6, r.config);
    if (st.Step() != SQLITE_DONE) {
      const std::string msg = sqlite3_errmsg(db_);
      Exec("ROLLBACK", "rolling back").IgnoreError();
      return absl::InvalidArgumentError(absl::StrCat("sensor ", r.name, ": ", msg));
    }
  }
  return Exec("COMMIT", "committing sensors");
}

absl::Status Catalog::InsertTasks(int64_t plan_id, std::span<const TaskRecord> tasks) {
  for (const TaskRecord& t : tasks) {
    Stmt st(db_,
            "INSERT INTO tasks (plan_id, sensor, catalog_number, start_tai_s, end_tai_s, "
            "azimuth_rad, elevation_rad, expected_observations, status, pointing_lead_s) VALUES "
            "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    st.Bind(1, plan_id);
    st.Bind(2, t.sensor);
    st.Bind(3, static_cast<int64_t>(t.catalog_number));
    st.Bind(4, t.start_tai_s);
    st.Bind(5, t.end_tai_s);
    st.Bind(6, t.azimuth_rad);
    st.Bind(7, t.elevation_rad);
    st.Bind(8, static_cast<int64_t>(t.expected_observations));
    st.Bind(9, std::string(TaskStatusName(t.status)));
    st.Bind(10, t.pointing_lead_s);
    if (st.Step() != SQLITE_DONE) {
      return absl::InvalidArgumentError(absl::StrCat("task for object ", t.catalog_number, " on ",
                                                     t.sensor, ": ", sqlite3_errmsg(db_)));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> Catalog::WritePlan(const PlanRecord& plan,
                                           std::span<const TaskRecord> tasks) {
  if (absl::Status s = Exec("BEGIN IMMEDIATE", "starting plan write"); !s.ok()) return s;
  Stmt st(db_,
          "INSERT INTO plans (night_start_tai_s, night_end_tai_s, created_utc, metrics_json) "
          "VALUES (?1, ?2, ?3, ?4)");
  st.Bind(1, plan.night_start_tai_s);
  st.Bind(2, plan.night_end_tai_s);
  st.Bind(3, plan.created_utc);
  st.Bind(4, WithNight(plan.night, plan.metrics_json));
  absl::Status status;
  if (st.Step() != SQLITE_DONE) {
    status = absl::InternalError(absl::StrCat("writing a plan: ", sqlite3_errmsg(db_)));
  }
  const int64_t id = sqlite3_last_insert_rowid(db_);
  if (status.ok()) status = InsertTasks(id, tasks);
  if (!status.ok()) {
    Exec("ROLLBACK", "rolling back the plan").IgnoreError();
    return absl::Status(status.code(), absl::StrCat("plan not written: ",
                                                    status.message()));
  }
  if (absl::Status s = Exec("COMMIT", "committing the plan"); !s.ok()) return s;
  return id;
}

absl::StatusOr<PlanRecord> Catalog::LatestPlan(const std::string& night) const {
  Stmt s(db_,
         "SELECT id, night_start_tai_s, night_end_tai_s, created_utc, metrics_json, "
         "coalesce(json_extract(metrics_json, '$.night'), '') FROM plans "
         "WHERE ?1 = '' OR json_extract(metrics_json, '$.night') = ?1 ORDER BY id DESC LIMIT 1");
  if (absl::Status st = s.ok("reading plans"); !st.ok()) return st;
  s.Bind(1, night);
  if (s.Step() != SQLITE_ROW) {
    return absl::NotFoundError(night.empty()
                                   ? std::string("no plan in the catalog")
                                   : absl::StrCat("no plan for the night of ", night, " in the catalog"));
  }
  PlanRecord p;
  p.id = s.Int(0);
  p.night_start_tai_s = s.Int(1);
  p.night_end_tai_s = s.Int(2);
  p.created_utc = s.Text(3);
  p.metrics_json = s.Text(4);
  p.night = s.Text(5);
  return p;
}

absl::StatusOr<std::vector<TaskRecord>> Catalog::ListTasks(int64_t plan_id,
                                                           const std::string& sensor) const {
  Stmt s(db_,
         absl::StrCat(kSelectTasks,
                      "WHERE plan_id = ?1 AND (?2 = '' OR sensor = ?2) ORDER BY start_tai_s, "
                      "sensor, id")
             .c_str());
  if (absl::Status st = s.ok("reading tasks"); !st.ok()) return st;
  s.Bind(1, plan_id);
  s.Bind(2, sensor);
  std::vector<TaskRecord> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadTask(s));
  return out;
}

absl::StatusOr<std::vector<TaskRecord>> Catalog::ListPlannedTasksOf(int catalog_number,
                                                                    double from_tai_s) const {
  Stmt s(db_,
         absl::StrCat(kSelectTasks,
                      "WHERE catalog_number = ?1 AND start_tai_s >= ?2 AND status = 'PLANNED' "
                      "ORDER BY start_tai_s, id")
             .c_str());
  if (absl::Status st = s.ok("reading an object's planned tasks"); !st.ok()) return st;
  s.Bind(1, static_cast<int64_t>(catalog_number));
  s.Bind(2, from_tai_s);
  std::vector<TaskRecord> out;
  while (s.Step() == SQLITE_ROW) out.push_back(ReadTask(s));
  return out;
}

absl::StatusOr<int> Catalog::RepointPlannedTasks(std::span<const TaskRecord> tasks) {
  if (tasks.empty()) return 0;
  if (absl::Status s = Exec("BEGIN IMMEDIATE", "starting to re-point tasks"); !s.ok()) return s;
  Stmt s(db_,
         "UPDATE tasks SET azimuth_rad = ?2, elevation_rad = ?3 WHERE id = ?1 AND "
         "status = 'PLANNED'");
  absl::Status status = s.ok("re-pointing tasks");
  int changed = 0;
  for (size_t k = 0; status.ok() && k < tasks.size(); ++k) {
    sqlite3_reset(s.get());
    s.Bind(1, tasks[k].id);
    s.Bind(2, tasks[k].azimuth_rad);
    s.Bind(3, tasks[k].elevation_rad);
    if (s.Step() != SQLITE_DONE) {
      status = absl::InternalError(absl::StrCat("re-pointing task ", tasks[k].id, ": ",
                                                sqlite3_errmsg(db_)));
    } else {
      changed += sqlite3_changes(db_);
    }
  }
  if (!status.ok()) {
    Exec("ROLLBACK", "rolling back the re-pointing").IgnoreError();
    return status;
  }
  if (absl::Status c = Exec("COMMIT", "committing the re-pointing"); !c.ok()) return c;
  return changed;
}

absl::StatusOr<TaskRecord> Catalog::GetTask(int64_t task_id) const {
  Stmt s(db_,
         absl::StrCat(kSelectTasks, "WHERE id = ?1").c_str());
  if (absl::Status st = s.ok("reading a task"); !st.ok()) return st;
  s.Bind(1, task_id);
  if (s.Step() != SQLITE_ROW) {
    return absl::NotFoundError(absl::StrCat("task ", task_id, " is not in the catalog"));
  }
  return ReadTask(s);
}

absl::StatusOr<TaskTransition> CheckTaskTransition(TaskStatus from, TaskStatus to) {
  using enum TaskStatus;
  TaskTransition t;
  if (from == to) return t;  // a retried report
  const bool open = from == kPlanned || from == kSent;
  const bool ok = (open && to != kPlanned) || (from == kMissed && to == kDone);
  if (!ok) {
    return absl::FailedPreconditionError(absl::StrCat(
        "task status cannot go from ", TaskStatusName(from), " to ", TaskStatusName(to),
        " (PLANNED -> SENT -> DONE | FAILED | MISSED | NOT_FOUND; CANCELLED from PLANNED or "
        "SENT; DONE after MISSED as late)"));
  }
  t.changed = true;
  t.late = from == kMissed;
  return t;
}

absl::StatusOr<TaskTransition> Catalog::SetTaskStatus(int64_t task_id, TaskStatus status) {
  // Read, check, then update only if nobody changed it in between (another
  // process on the same file): at most a few rounds.
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto task = GetTask(task_id);
    if (!task.ok()) return task.status();
    auto t = CheckTaskTransition(task->status, status);
    if (!t.ok()) return absl::Status(t.status().code(), absl::StrCat("task ", task_id, ": ", t.status().message()));
    if (!t->changed) return *t;
    Stmt s(db_, "UPDATE tasks SET status = ?2, late = ?3 WHERE id = ?1 AND status = ?4");
    if (absl::Status st = s.ok("updating a task"); !st.ok()) return st;
    s.Bind(1, task_id);
    s.Bind(2, std::string(TaskStatusName(status)));
    s.Bind(3, static_cast<int64_t>(t->late ? 1 : 0));
    s.Bind(4, std::string(TaskStatusName(task->status)));
    if (s.Step() != SQLITE_DONE) {
      return absl::InternalError(absl::StrCat("updating task ", task_id, ": ", sqlite3_errmsg(db_)));
    }
    if (sqlite3_changes(db_) == 1) return *t;
  }
  return absl::AbortedError(absl::StrCat("task ", task_id, ": its status kept changing; try again"));
}

absl::Status Catalog::ReplacePlannedTasks(int64_t plan_id, double from_tai_s,
                                          std::span<const TaskRecord> tasks) {
  if (absl::Status s = Exec("BEGIN IMMEDIATE", "starting re-plan"); !s.ok()) return s;
  Stmt del(db_,
           "DELETE FROM tasks WHERE plan_id = ?1 AND status = 'PLANNED' AND start_tai_s >= ?2");
  del.Bind(1, plan_id);
  del.Bind(2, from_tai_s);
  absl::Status status;
  if (del.Step() != SQLITE_DONE) status = absl::InternalError(sqlite3_errmsg(db_));
  if (status.ok()) status = InsertTasks(plan_id, tasks);
  if (!status.ok()) {
    Exec("ROLLBACK", "rolling back the re-plan").IgnoreError();
    return status;
  }
  return Exec("COMMIT", "committing the re-plan");
}

}  // namespace sstrack::catalog
