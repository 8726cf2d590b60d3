// Copyright sstrack authors.
//
// catalog/catalog.h — the product's memory: one SQLite file holding objects,
// their orbit states and (as later parts land) sensors, observations, plans,
// tasks and orbit-determination runs. The only code that speaks SQL.
//
// Guarantees (see docs/CATALOG.md for the schema):
//   * WAL journal, foreign keys on, STRICT tables;
//   * `PRAGMA application_id` marks the file as sstrack's and
//     `PRAGMA user_version` is the schema version; forward migrations run at
//     open, each in its own transaction;
//   * a file that is not an sstrack database, or has a newer schema, is
//     refused with a clear error and left byte-for-byte untouched;
//   * every write is one transaction: readers see all of it or none.
//
// Example:
//   auto cat = Catalog::Open("sstrack.db");
//   auto summary = (*cat)->ImportElements(sets, StateSource::kTle, "file.tle");
#ifndef SSTRACK_CATALOG_CATALOG_H_
#define SSTRACK_CATALOG_CATALOG_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "astro/elements/mean_elements.h"
#include "astro/time/epoch.h"

struct sqlite3;

namespace sstrack::catalog {

enum class StateSource { kTle, kOmm, kOdRun, kManual };
const char* StateSourceName(StateSource s);

struct ImportSummary {
  int added = 0;      // new objects
  int updated = 0;    // known objects with a new element set
  int unchanged = 0;  // element sets already stored
};

struct ObjectRecord {
  int catalog_number = 0;
  std::string name;
  std::string international_designator;
  int category = 5;  // tasking category 1 (highest) … 5
};

struct StateRecord {
  int64_t id = 0;
  int catalog_number = 0;
  astro::MeanElements elements;  // kind MEAN_ELEMENTS_SGP4, frame TEME
  StateSource source = StateSource::kTle;
  std::string source_ref;
};

// A Cartesian state (from an orbit determination), SI units.
struct CartesianStateRecord {
  int64_t id = 0;
  int catalog_number = 0;
  astro::Epoch epoch;
  std::string frame = "GCRF";
  std::array<double, 6> state{};  // x, y, z (m), vx, vy, vz (m/s)
  // 6×6 row-major (m², m²/s, m²/s²) when known.
  std::optional<std::array<double, 36>> covariance;
  StateSource source = StateSource::kOdRun;
  std::string source_ref;
  double quality = 0;  // weighted RMS of the fit
  // Force parameters estimated with the state: value and 1σ (m²/kg).
  std::optional<double> drag_cd_area_over_mass_m2_kg, drag_sigma_m2_kg;
  std::optional<double> srp_cr_area_over_mass_m2_kg, srp_sigma_m2_kg;
  // With `covariance`: the rows of the full covariance for the force
  // parameters present above (Cd·A/m first, then Cr·A/m), each row their
  // covariance with x … vz and then with the k parameters: k × (6 + k)
  // row-major (m²/kg·m, m²/kg·m/s, (m²/kg)²). Empty when not known.
  std::vector<double> force_covariance;
  int num_force_parameters() const {
    return (drag_cd_area_over_mass_m2_kg ? 1 : 0) + (srp_cr_area_over_mass_m2_kg ? 1 : 0);
  }
};

// One orbit-determination run; status CONVERGED (accepted, with a state),
// REJECTED (ran but failed a quality gate) or DIVERGED.
struct OdRunRecord {
  int64_t id = 0;
  int catalog_number = 0;
  std::string started_utc, finished_utc;
  std::string status = "REJECTED";
  int iterations = 0;
  double weighted_rms = 0;
  int n_used = 0, n_rejected = 0;
  std::string summary_json = "{}";
  std::optional<int64_t> result_state_id;
  // When set: the run closes the QUEUED row (cycle_night, catalog_number)
  // of the cycle's fit queue in the same transaction (FAILED_PRECONDITION,
  // nothing written, when that row is not QUEUED: a fit is applied once).
  // ListOdRuns fills it from the queue row the run closed.
  std::string cycle_night;
};

// A stored observation: one measurement instant of one kind (docs/CATALOG.md).
//   RANGE (m), RANGE_RATE (m/s): value1, sigma1;
//   AZEL, RADEC: the angle pair (rad) in value1/value2 with sigma1/sigma2;
//   AZIMUTH, ELEVATION, RIGHT_ASCENSION, DECLINATION: one angle alone
//   (files that give one), value1 and sigma1.
struct ObservationRecord {
  int64_t id = 0;
  std::string sensor;
  std::string external_id;  // unique per sensor: retried batches are not stored twice
  std::optional<int> catalog_number;
  std::optional<int64_t> task_id;
  astro::Epoch epoch;
  std::string type;  // RANGE, RANGE_RATE, AZEL, RADEC
  double value1 = 0, sigma1 = 0;
  std::optional<double> value2, sigma2;
};

struct ObservationInsertSummary {
  int inserted = 0;
  int duplicates = 0;  // same sensor and external id already stored
};

// Tasking (catalog_plans.cc): sensors, plans and their tasks.
// kNotFound: the sensor pointed where the task said and did not detect the
// object; kCancelled: a re-plan dropped the task.
enum class TaskStatus { kPlanned, kSent, kDone, kFailed, kMissed, kNotFound, kCancelled };
const char* TaskStatusName(TaskStatus s);  // "PLANNED", …
absl::StatusOr<TaskStatus> ParseTaskStatus(const std::string& name);

struct SensorRecord {
  std::string name;
  std::string type;  // sensors::SensorTypeName
  double latitude_rad = 0, longitude_rad = 0, height_m = 0;
  std::string config;  // the sensor's parameters as JSON
};

struct PlanRecord {
  int64_t id = 0;
  int64_t night_start_tai_s = 0, night_end_tai_s = 0;  // TAI s since J2000
  std::string created_utc;
  std::string night;         // "YYYY-MM-DD" (kept in metrics_json)
  std::string metrics_json;  // an object; "night" is added on write
};

struct TaskRecord {
  int64_t id = 0;
  int64_t plan_id = 0;
  std::string sensor;
  int catalog_number = 0;
  double start_tai_s = 0, end_tai_s = 0;  // TAI s since J2000
  // The pointing: where the object is predicted pointing_lead_s after the
  // start (0: at the start).
  double azimuth_rad = 0, elevation_rad = 0;
  int expected_observations = 0;
  TaskStatus status = TaskStatus::kPlanned;
  bool late = false;  // reported DONE after the server had marked it MISSED
  // The sensor stares at the pointing from the start until it acquires the
  // object, so a prediction up to the lead behind the object or the rest of
  // the window ahead of it still finds it (docs/TASKING.md "Search lead").
  double pointing_lead_s = 0;
};

// Task status only moves forward: PLANNED → SENT → DONE | FAILED | MISSED |
// NOT_FOUND (PLANNED may skip SENT); CANCELLED (a re-plan) from PLANNED or
// SENT; DONE after MISSED is taken and marked late. The same status again
// changes nothing (a retried report). Anything else: FAILED_PRECONDITION
// naming both statuses.
struct TaskTransition {
  bool changed = false;
  bool late = false;
};
absl::StatusOr<TaskTransition> CheckTaskTransition(TaskStatus from, TaskStatus to);

// The autonomous cycle's stored state (cycle_store.cc, operations/cycle.h).
// A night: its plan, phase (PLANNED, OBSERVING, FITTING, DONE), span and
// the offline sensors its current plan was made without (sorted, comma-separated).
struct CycleNightRecord {
  std::string night;  // YYYY-MM-DD
  int64_t plan_id = 0;
  std::string phase = "PLANNED";
  double start_tai_s = 0, end_tai_s = 0;
  std::string offline_planned;
};
// One entry of a night's fit queue: QUEUED, then CONVERGED / REJECTED /
// DIVERGED (with its run) or FAILED (could not run; message says why).
struct CycleFitRecord {
  std::string night;
  int catalog_number = 0;
  std::string status = "QUEUED";
  std::optional<int64_t> od_run_id;
  std::string message;
};
// A sensor in a night: its last contact (any call), last report (a task
// status or observations) and, while it is out, since when.
struct CycleSensorRecord {
  std::string night, sensor;
  std::optional<double> last_contact_tai_s, last_report_tai_s, out_since_tai_s;
};

struct OpenOptions {
  bool create_if_missing = true;
};

class Catalog {
 public:
  static constexpr int32_t kApplicationId = 0x53535452;  // "SSTR"
  static constexpr int kSchemaVersion = 7;  // = the migrations in schema.h

  static absl::StatusOr<std::unique_ptr<Catalog>> Open(
      const std::string& path, const OpenOptions& options = {});
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  int schema_version() const;

  // All-or-nothing; idempotent (the same sets twice → all unchanged).
  absl::StatusOr<ImportSummary> ImportElements(
      std::span<const astro::MeanElements> sets, StateSource source,
      const std::string& source_ref);

  absl::StatusOr<std::vector<ObjectRecord>> ListObjects() const;
  absl::StatusOr<ObjectRecord> GetObject(int catalog_number) const;  // NOT_FOUND
  absl::StatusOr<StateRecord> LatestState(int catalog_number) const;
  absl::StatusOr<int64_t> CountStates() const;

  // Orbit determination (od_store.cc). RecordOdRun writes the run and, for
  // an accepted fit, its state — in one transaction; a rejected run is
  // recorded without touching the object's states. Returns the run id.
  absl::StatusOr<int64_t> RecordOdRun(const OdRunRecord& run,
                                      const std::optional<CartesianStateRecord>& state);
  absl::StatusOr<std::vector<OdRunRecord>> ListOdRuns(int catalog_number = 0) const;
  absl::StatusOr<CartesianStateRecord> LatestCartesianState(int catalog_number) const;
  // Every object's latest Cartesian state, by catalog number, in one query
  // (the same row LatestCartesianState gives for each).
  absl::StatusOr<std::map<int, CartesianStateRecord>> LatestCartesianStates() const;
  // The state row `id` (an OdRunRecord's result_state_id).
  absl::StatusOr<CartesianStateRecord> CartesianStateById(int64_t id) const;
  // Sensors and observations. Unknown sensors are created by UpsertSensor.
  absl::Status UpsertSensor(const std::string& name, const std::string& type,
                            double latitude_rad, double longitude_rad, double height_m);
  // One transaction. A (sensor, external id) already stored with the same
  // data in every field is counted as a duplicate (a retried batch); with
  // any field different it is ALREADY_EXISTS "observations[i]: id '…' …"
  // and nothing of the batch is stored.
  absl::StatusOr<ObservationInsertSummary> InsertObservations(
      std::span<const ObservationRecord> observations);
  absl::StatusOr<std::vector<ObservationRecord>> ListObservations(int catalog_number) const;
  // Inserts or updates sensors by name (tasks refer to them).
  absl::Status UpsertSensors(std::span<const SensorRecord> sensors);
  // A plan and its tasks in one transaction; returns the plan id.
  absl::StatusOr<int64_t> WritePlan(const PlanRecord& plan, std::span<const TaskRecord> tasks);
  // The latest plan written for a night ("YYYY-MM-DD"), or the latest of all
  // when `night` is empty. NOT_FOUND when none.
  absl::StatusOr<PlanRecord> LatestPlan(const std::string& night) const;
  // Tasks of a plan by start time; one sensor's when `sensor` is not empty.
  absl::StatusOr<std::vector<TaskRecord>> ListTasks(int64_t plan_id,
                                                    const std::string& sensor = "") const;
  absl::StatusOr<TaskRecord> GetTask(int64_t task_id) const;  // NOT_FOUND
  // By the rules of CheckTaskTransition; NOT_FOUND for an unknown task.
  absl::StatusOr<TaskTransition> SetTaskStatus(int64_t task_id, TaskStatus status);
  // Re-planning: deletes the plan's PLANNED tasks starting at or after
  // `from_tai_s` and inserts `tasks`, in one transaction.
  absl::Status ReplacePlannedTasks(int64_t plan_id, double from_tai_s,
                                   std::span<const TaskRecord> tasks);
  // The PLANNED tasks of one object starting at or after `from_tai_s`, of
  // every plan, by start time.
  absl::StatusOr<std::vector<TaskRecord>> ListPlannedTasksOf(int catalog_number,
                                                             double from_tai_s) const;
  // Sets each task's pointing (azimuth_rad, elevation_rad) where the task is
  // still PLANNED, in one transaction; returns how many changed (a task sent,
  // done or cancelled meanwhile keeps the pointing its sensor already has).
  absl::StatusOr<int> RepointPlannedTasks(std::span<const TaskRecord> tasks);

  // The cycle's state (cycle_store.cc); each call one transaction.
  absl::Status PutCycleNight(const CycleNightRecord& night);  // insert or update
  absl::StatusOr<std::vector<CycleNightRecord>> ListCycleNights() const;  // by night
  // Adds QUEUED rows for the objects not yet in the night's queue; returns
  // how many were added.
  absl::StatusOr<int> QueueCycleFits(const std::string& night, std::span<const int> catalog_numbers);
  absl::StatusOr<std::vector<CycleFitRecord>> ListCycleFits(const std::string& night) const;
  // Closes a QUEUED row without a run (status FAILED); FAILED_PRECONDITION
  // when the row is not QUEUED.
  absl::Status FailCycleFit(const std::string& night, int catalog_number,
                            const std::string& message);
  absl::Status PutCycleSensors(std::span<const CycleSensorRecord> sensors);
  absl::StatusOr<std::vector<CycleSensorRecord>> ListCycleSensors(const std::string& night) const;
  absl::Status SetCycleValue(const std::string& key, const std::string& value);
  absl::StatusOr<std::optional<std::string>> GetCycleValue(const std::string& key) const;

 private:
  Catalog(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  absl::Status Exec(const char* sql, const char* what);
  absl::Status Migrate(int from_version);
  absl::Status InsertTasks(int64_t plan_id, std::span<const TaskRecord> tasks);
  sqlite3* db_;
  std::string path_;
  // OK when the stored observation with o's sensor and id equals o in every
  // field; ALREADY_EXISTS naming `index` and the field otherwise.
  absl::Status SameAsStored(size_t index, const ObservationRecord& o) const;
};

}  // namespace sstrack::catalog

#endif  // SSTRACK_CATALOG_CATALOG_H_
