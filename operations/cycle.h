// Copyright sstrack authors.
//
// operations/cycle.h — the autonomous nightly cycle that sstrackd runs on
// its clock (docs/OPERATIONS.md "The autonomous cycle"):
//
//   * night D is planned (PlanNight, tasks pointed along the catalog's best
//     prediction) `plan_lead_s` before the first sensor's night of D begins
//     (its local noon, operations/night_plan.h); a plan already written for
//     D (by an operator, or before a crash) is adopted, never made twice;
//   * PLANNED → OBSERVING at the plan's start: sensors fetch and run their
//     tasks. A task still PLANNED or SENT `data_margin_s` after its end is
//     MISSED. A sensor that made no call for `outage_s` once its first task
//     is due, or reported nothing for a task that ended `outage_s` ago, is
//     marked out and the rest of the night re-planned without it
//     (ReplanNight); when it calls again it is back in and the night is
//     re-planned with it;
//   * an object is queued for a fit once every task of the night for it is
//     over (DONE, NOT_FOUND, MISSED, FAILED, CANCELLED) and one is DONE;
//     queued fits run (PrepareFit/RecordFit under the catalog lock, the solve
//     outside it) and each fit's run, state and covariance are written in the
//     same transaction that closes its queue entry; after an accepted fit
//     the object's PLANNED tasks from now on, of this night and the next,
//     are re-pointed along the new state (a crash before that leaves the
//     plan's pointing: nothing is lost, the next fit re-points);
//   * OBSERVING → FITTING at the plan's end + `data_margin_s` (every object
//     with a DONE task is queued), FITTING → DONE when the queue is empty.
//
// Every transition is one transaction and Step() works from the stored state
// alone, so a process killed anywhere resumes on restart without losing or
// applying anything twice (tests/cycle_restart_test.cc kills it at each
// named point of `CycleOptions::crash_hook`).
#ifndef SSTRACK_OPERATIONS_CYCLE_H_
#define SSTRACK_OPERATIONS_CYCLE_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "catalog/catalog.h"
#include "operations/clock.h"
#include "operations/night_plan.h"
#include "operations/object_fit.h"
#include "sensors/sensor.h"

namespace sstrack::operations {

struct CycleOptions {
  double plan_lead_s = 3600;       // plan this long before the first sensor's night
  double outage_s = 600;           // silence that marks a sensor out
  double data_margin_s = 300;      // after a task's end, for its data to arrive
  double plan_time_limit_s = 10;   // scheduler time per plan or re-plan
  int max_objects = 0;             // 0: the whole catalog
  double max_state_age_days = 30;  // NightPlanOptions::max_state_age_days
  int fit_threads = 2;
  // Called at each named point (below) after the state it names is stored;
  // tests kill the process there. Points: "planned" (plan written, night
  // not yet stored), "observing", "sensor_out" (outage stored, re-plan not
  // yet made), "replanned", "fit_recorded", "fitting", "done".
  std::function<void(absl::string_view point)> crash_hook;
};

// What the cycle works on. `catalog` is guarded by `mu` (the server's
// catalog lock); the cycle holds it only for reads and writes, never while
// solving a fit.
struct CycleContext {
  absl::Mutex* mu = nullptr;
  catalog::Catalog* catalog = nullptr;
  std::vector<sensors::Sensor> network;
  FitSettings fit;
  const Clock* clock = nullptr;
  // The same clock when it is simulated (AdvanceClock moves it), else null.
  SimulatedClock* simulated = nullptr;
};

// The simulated clock's time stored by AdvanceClock, if any: a restarted
// server resumes from it.
absl::StatusOr<std::optional<astro::Epoch>> StoredSimulatedTime(const catalog::Catalog& cat);

struct SensorNightStatus {
  std::string sensor;
  bool out = false;
  std::optional<double> out_since_tai_s, last_contact_tai_s;
  std::map<std::string, int> tasks;  // by status name
};

struct NightStatus {
  catalog::CycleNightRecord night;
  std::vector<SensorNightStatus> sensors;
  std::map<std::string, int> fits;  // by queue status: QUEUED, CONVERGED, REJECTED, DIVERGED, FAILED
};

struct CovarianceEntry {
  int catalog_number = 0;
  double position_sigma_m = 0;  // √trace of the position covariance at its epoch
  astro::Epoch epoch;
};

struct CycleStatus {
  astro::Epoch now;
  bool simulated_clock = false;
  std::vector<NightStatus> nights;  // the latest first
  std::vector<CovarianceEntry> worst;  // largest position σ first
  int objects = 0, objects_with_od_state = 0;
  std::string last_error;  // of the latest Step, empty when it succeeded
};

class Cycle {
 public:
  Cycle(CycleContext context, CycleOptions options);

  // A call from `sensor` now (GetTasks and the rest); `report`: it carried a
  // task status or observations.
  void NoteContact(const std::string& sensor, bool report);

  // One pass at the clock's time: plans due nights, marks missed tasks,
  // handles outages, queues and runs fits, advances phases. Safe to call
  // at any time and any number of times; concurrent calls run one after
  // the other.
  absl::Status Step();

  // Simulated clock only (FAILED_PRECONDITION on the real one): stores `t`,
  // moves the clock to it (INVALID_ARGUMENT when it is in the past) and
  // runs Step() there.
  absl::Status AdvanceClock(const astro::Epoch& t);

  // The latest `nights` nights and the `worst` largest covariances.
  absl::StatusOr<CycleStatus> Status(int nights = 3, int worst = 10);

  const Clock& clock() const { return *ctx_.clock; }

 private:
  struct Contact {
    std::optional<double> call_tai_s, report_tai_s;
  };
  absl::Status PlanDueNights(const astro::Epoch& now);
  absl::Status Advance(catalog::CycleNightRecord night, const astro::Epoch& now);
  absl::Status HandleOutages(catalog::CycleNightRecord& night,
                             const std::vector<catalog::TaskRecord>& tasks, const astro::Epoch& now);
  absl::Status RunQueuedFits(const std::string& night);
  // After an accepted fit: the object's PLANNED tasks from now on (of every
  // night) are pointed along the new state's prediction, so that a sensor
  // fetching its tasks looks where the freshest orbit says — the next
  // night's plan is made before this night's last fits.
  absl::Status RepointPlannedTasks(int catalog_number);
  void Crash(absl::string_view point) const;
  NightPlanOptions PlanOptions(const std::string& night);

  CycleContext ctx_;
  CycleOptions options_;
  double started_tai_s_;  // a restart gives every sensor a fresh outage_s
  absl::Mutex step_mu_;
  absl::Mutex contact_mu_;
  std::map<std::string, Contact> contacts_ ABSL_GUARDED_BY(contact_mu_);
  std::string last_error_ ABSL_GUARDED_BY(contact_mu_);
};

// The date after `night` (YYYY-MM-DD).
absl::StatusOr<std::string> NextNight(const std::string& night);
// When the cycle plans `night` for `network`: the earliest sensor's local
// noon of that date less `lead_s`; and when the last sensor's night ends.
absl::StatusOr<astro::Epoch> NightPlanTime(const std::string& night,
                                           const std::vector<sensors::Sensor>& network,
                                           double lead_s);
absl::StatusOr<astro::Epoch> NightEndTime(const std::string& night,
                                          const std::vector<sensors::Sensor>& network);

}  // namespace sstrack::operations

#endif  // SSTRACK_OPERATIONS_CYCLE_H_
