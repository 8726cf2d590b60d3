// Copyright sstrack authors.
//
// Catalog: the autonomous cycle's stored state (schema v3: cycle_state,
// cycle_nights, cycle_fits, cycle_sensors). The cycle itself is
// operations/cycle.h; here only its rows.
#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "catalog/sqlite_util.h"

namespace sstrack::catalog {
namespace {

using internal::InTransaction;
using internal::StepDone;
using internal::Stmt;

void BindOptional(Stmt& s, int i, const std::optional<double>& v) {
  if (v) s.Bind(i, *v); else s.BindNull(i);
}

std::optional<double> OptionalReal(Stmt& s, int c) {
  if (s.IsNull(c)) return std::nullopt;
  return s.Real(c);
}

}  // namespace

absl::Status Catalog::PutCycleNight(const CycleNightRecord& n) {
  return InTransaction(db_, "storing the cycle's night", [&]() -> absl::Status {
    Stmt s(db_,
           "INSERT INTO cycle_nights (night, plan_id, phase, start_tai_s, end_tai_s, "
           "offline_planned) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (night) DO UPDATE SET "
           "plan_id = ?2, phase = ?3, start_tai_s = ?4, end_tai_s = ?5, offline_planned = ?6, "
           "updated_utc = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
    if (absl::Status st = s.ok("preparing the night upsert"); !st.ok()) return st;
    s.Bind(1, n.night);
    s.Bind(2, n.plan_id);
    s.Bind(3, n.phase);
    s.Bind(4, n.start_tai_s);
    s.Bind(5, n.end_tai_s);
    s.Bind(6, n.offline_planned);
    return StepDone(s, db_, absl::StrCat("storing the cycle's night ", n.night));
  });
}

absl::StatusOr<std::vector<CycleNightRecord>> Catalog::ListCycleNights() const {
  Stmt s(db_,
         "SELECT night, plan_id, phase, start_tai_s, end_tai_s, offline_planned FROM cycle_nights "
         "ORDER BY night");
  if (absl::Status st = s.ok("listing the cycle's nights"); !st.ok()) return st;
  std::vector<CycleNightRecord> out;
  while (s.Step() == SQLITE_ROW) {
    out.push_back({s.Text(0), s.Int(1), s.Text(2), s.Real(3), s.Real(4), s.Text(5)});
  }
  return out;
}

absl::StatusOr<int> Catalog::QueueCycleFits(const std::string& night,
                                            std::span<const int> catalog_numbers) {
  int added = 0;
  absl::Status s = InTransaction(db_, "queueing fits", [&]() -> absl::Status {
    Stmt q(db_,
           "INSERT INTO cycle_fits (night, catalog_number) VALUES (?1, ?2) "
           "ON CONFLICT (night, catalog_number) DO NOTHING");
    if (absl::Status st = q.ok("preparing the fit-queue insert"); !st.ok()) return st;
    for (int id : catalog_numbers) {
      sqlite3_reset(q.get());
      q.Bind(1, night);
      q.Bind(2, static_cast<int64_t>(id));
      if (absl::Status st = StepDone(q, db_, absl::StrCat("queueing the fit of object ", id));
          !st.ok()) {
        return st;
      }
      added += sqlite3_changes(db_);
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return added;
}

absl::StatusOr<std::vector<CycleFitRecord>> Catalog::ListCycleFits(const std::string& night) const {
  Stmt s(db_,
         "SELECT night, catalog_number, status, od_run_id, message FROM cycle_fits "
         "WHERE night = ?1 ORDER BY catalog_number");
  if (absl::Status st = s.ok("listing the fit queue"); !st.ok()) return st;
  s.Bind(1, night);
  std::vector<CycleFitRecord> out;
  while (s.Step() == SQLITE_ROW) {
    CycleFitRecord r{s.Text(0), static_cast<int>(s.Int(1)), s.Text(2), std::nullopt, s.Text(4)};
    if (!s.IsNull(3)) r.od_run_id = s.Int(3);
    out.push_back(std::move(r));
  }
  return out;
}

absl::Status Catalog::FailCycleFit(const std::string& night, int catalog_number,
                                   const std::string& message) {
  return InTransaction(db_, "closing a fit-queue entry", [&]() -> absl::Status {
    Stmt q(db_,
           "UPDATE cycle_fits SET status = 'FAILED', message = ?3 "
           "WHERE night = ?1 AND catalog_number = ?2 AND status = 'QUEUED'");
    if (absl::Status st = q.ok("preparing the fit-queue update"); !st.ok()) return st;
    q.Bind(1, night);
    q.Bind(2, static_cast<int64_t>(catalog_number));
    q.Bind(3, message);
    if (absl::Status st = StepDone(q, db_, "closing the fit-queue entry"); !st.ok()) return st;
    if (sqlite3_changes(db_) != 1) {
      return absl::FailedPreconditionError(absl::StrCat(
          "object ", catalog_number, " has no queued fit for the night of ", night));
    }
    return absl::OkStatus();
  });
}

absl::Status Catalog::PutCycleSensors(std::span<const CycleSensorRecord> sensors) {
  return InTransaction(db_, "storing the cycle's sensors", [&]() -> absl::Status {
    Stmt q(db_,
           "INSERT INTO cycle_sensors (night, sensor, last_contact_tai_s, last_report_tai_s, "
           "out_since_tai_s) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (night, sensor) DO UPDATE "
           "SET last_contact_tai_s = ?3, last_report_tai_s = ?4, out_since_tai_s = ?5");
    if (absl::Status st = q.ok("preparing the sensor upsert"); !st.ok()) return st;
    for (const CycleSensorRecord& r : sensors) {
      sqlite3_reset(q.get());
      q.Bind(1, r.night);
      q.Bind(2, r.sensor);
      BindOptional(q, 3, r.last_contact_tai_s);
      BindOptional(q, 4, r.last_report_tai_s);
      BindOptional(q, 5, r.out_since_tai_s);
      if (absl::Status st = StepDone(q, db_, absl::StrCat("storing sensor ", r.sensor, " of the night of ", r.night));
          !st.ok()) {
        return st;
      }
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<CycleSensorRecord>> Catalog::ListCycleSensors(
    const std::string& night) const {
  Stmt s(db_,
         "SELECT night, sensor, last_contact_tai_s, last_report_tai_s, out_since_tai_s "
         "FROM cycle_sensors WHERE night = ?1 ORDER BY sensor");
  if (absl::Status st = s.ok("listing the cycle's sensors"); !st.ok()) return st;
  s.Bind(1, night);
  std::vector<CycleSensorRecord> out;
  while (s.Step() == SQLITE_ROW) {
    out.push_back({s.Text(0), s.Text(1), OptionalReal(s, 2), OptionalReal(s, 3), OptionalReal(s, 4)});
  }
  return out;
}

absl::Status Catalog::SetCycleValue(const std::string& key, const std::string& value) {
  return InTransaction(db_, "storing the cycle's state", [&]() -> absl::Status {
    Stmt q(db_,
           "INSERT INTO cycle_state (key, value) VALUES (?1, ?2) "
           "ON CONFLICT (key) DO UPDATE SET value = ?2");
    if (absl::Status st = q.ok("preparing the state upsert"); !st.ok()) return st;
    q.Bind(1, key);
    q.Bind(2, value);
    return StepDone(q, db_, absl::StrCat("storing cycle state ", key));
  });
}

absl::StatusOr<std::optional<std::string>> Catalog::GetCycleValue(const std::string& key) const {
  Stmt s(db_, "SELECT value FROM cycle_state WHERE key = ?1");
  if (absl::Status st = s.ok("reading the cycle's state"); !st.ok()) return st;
  s.Bind(1, key);
  if (s.Step() != SQLITE_ROW) return std::optional<std::string>();
  return std::optional<std::string>(s.Text(0));
}

}  // namespace sstrack::catalog
