// Copyright sstrack authors.
//
// Catalog: orbit-determination runs, Cartesian states with covariance,
// sensors and observations.
#include <cmath>

#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "catalog/sqlite_util.h"

namespace sstrack::catalog {
namespace {

using internal::InTransaction;
using internal::StepDone;
using internal::Stmt;

StateSource ParseSource(const std::string& s) {
  if (s == "OMM") return StateSource::kOmm;
  if (s == "OD_RUN") return StateSource::kOdRun;
  if (s == "MANUAL") return StateSource::kManual;
  return StateSource::kTle;
}

void BindOptional(Stmt& s, int i, const std::optional<double>& v) {
  if (v) s.Bind(i, *v); else s.BindNull(i);
}

}  // namespace

absl::StatusOr<int64_t> Catalog::RecordOdRun(const OdRunRecord& run,
                                             const std::optional<CartesianStateRecord>& state) {
  if (state && run.status != "CONVERGED") {
    return absl::InvalidArgumentError(
        absl::StrCat("OD run for object ", run.catalog_number, " has status ", run.status,
                     ": only a CONVERGED run may write a state"));
  }
  if (state) {
    for (double v : state->state) {
      if (!std::isfinite(v)) return absl::InvalidArgumentError("OD state has a non-finite component");
    }
    const int k = state->num_force_parameters();
    if (!state->force_covariance.empty() &&
        (!state->covariance || state->force_covariance.size() != static_cast<size_t>(k * (6 + k)))) {
      return absl::InvalidArgumentError(absl::StrCat(
          "OD state of object ", state->catalog_number, ": force_covariance has ",
          state->force_covariance.size(), " values, expected ", k * (6 + k), " for ", k,
          " force parameters", state->covariance ? "" : " and a state covariance"));
    }
  }
  int64_t run_id = 0;
  absl::Status s = InTransaction(db_, "recording an OD run", [&]() -> absl::Status {
    std::optional<int64_t> state_id;
    if (state) {
      Stmt ins(db_,
               "INSERT INTO orbit_states (catalog_number, epoch_tai_s, epoch_tai_frac, frame, kind, "
               "x_m, y_m, z_m, vx_m_s, vy_m_s, vz_m_s, covariance, source, source_ref, quality, "
               "drag_cd_area_over_mass_m2_kg, drag_sigma_m2_kg, srp_cr_area_over_mass_m2_kg, "
               "srp_sigma_m2_kg, force_covariance) VALUES (?1, ?2, ?3, ?4, 'CARTESIAN', ?5, ?6, ?7, "
               "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
      if (absl::Status st = ins.ok("preparing the state insert"); !st.ok()) return st;
      ins.Bind(1, static_cast<int64_t>(state->catalog_number));
      ins.Bind(2, state->epoch.tai_whole_seconds());
      ins.Bind(3, state->epoch.tai_fraction_seconds());
      ins.Bind(4, state->frame);
      for (int i = 0; i < 6; ++i) ins.Bind(5 + i, state->state[i]);
      if (state->covariance) {
        ins.BindBlob(11, std::vector<double>(state->covariance->begin(), state->covariance->end()));
      } else {
        ins.BindNull(11);
      }
      ins.Bind(12, std::string(StateSourceName(state->source)));
      ins.Bind(13, state->source_ref);
      ins.Bind(14, state->quality);
      BindOptional(ins, 15, state->drag_cd_area_over_mass_m2_kg);
      BindOptional(ins, 16, state->drag_sigma_m2_kg);
      BindOptional(ins, 17, state->srp_cr_area_over_mass_m2_kg);
      BindOptional(ins, 18, state->srp_sigma_m2_kg);
      if (state->force_covariance.empty()) {
        ins.BindNull(19);
      } else {
        ins.BindBlob(19, state->force_covariance);
      }
      if (absl::Status st = StepDone(ins, db_, absl::StrCat("storing the state of object ",
                                                           state->catalog_number));
          !st.ok()) {
        return st;
      }
      state_id = sqlite3_last_insert_rowid(db_);
    }
    Stmt r(db_,
           "INSERT INTO od_runs (catalog_number, started_utc, finished_utc, status, iterations, "
           "weighted_rms, n_used, n_rejected, summary_json, result_state_id) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (absl::Status st = r.ok("preparing the OD run insert"); !st.ok()) return st;
    r.Bind(1, static_cast<int64_t>(run.catalog_number));
    r.Bind(2, run.started_utc);
    r.Bind(3, run.finished_utc);
    r.Bind(4, run.status);
    r.Bind(5, static_cast<int64_t>(run.iterations));
    r.Bind(6, run.weighted_rms);
    r.Bind(7, static_cast<int64_t>(run.n_used));
    r.Bind(8, static_cast<int64_t>(run.n_rejected));
    r.Bind(9, run.summary_json);
    if (state_id) r.Bind(10, *state_id); else r.BindNull(10);
    if (absl::Status st = StepDone(r, db_, absl::StrCat("storing the OD run of object ",
                                                       run.catalog_number));
        !st.ok()) {
      return st;
    }
    run_id = sqlite3_last_insert_rowid(db_);
    if (!run.cycle_night.empty()) {
      Stmt q(db_,
             "UPDATE cycle_fits SET status = ?3, od_run_id = ?4 "
             "WHERE night = ?1 AND catalog_number = ?2 AND status = 'QUEUED'");
      if (absl::Status st = q.ok("preparing the fit-queue update"); !st.ok()) return st;
      q.Bind(1, run.cycle_night);
      q.Bind(2, static_cast<int64_t>(run.catalog_number));
      q.Bind(3, run.status);
      q.Bind(4, run_id);
      if (absl::Status st = StepDone(q, db_, "closing the fit-queue entry"); !st.ok()) return st;
      if (sqlite3_changes(db_) != 1) {
        return absl::FailedPreconditionError(
            absl::StrCat("object ", run.catalog_number, " has no queued fit for the night of ",
                         run.cycle_night, ": the fit is not recorded twice"));
      }
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return run_id;
}

absl::StatusOr<std::vector<OdRunRecord>> Catalog::ListOdRuns(int catalog_number) const {
  Stmt s(db_,
         "SELECT id, od_runs.catalog_number, started_utc, coalesce(finished_utc, ''), "
         "od_runs.status, coalesce(iterations, 0), coalesce(weighted_rms, 0), "
         "coalesce(n_used, 0), coalesce(n_rejected, 0), summary_json, result_state_id, "
         "coalesce(cycle_fits.night, '') FROM od_runs "
         "LEFT JOIN cycle_fits ON cycle_fits.od_run_id = od_runs.id "
         "WHERE ?1 = 0 OR od_runs.catalog_number = ?1 ORDER BY id");
  if (absl::Status st = s.ok("listing OD runs"); !st.ok()) return st;
  s.Bind(1, static_cast<int64_t>(catalog_number));
  std::vector<OdRunRecord> out;
  while (s.Step() == SQLITE_ROW) {
    OdRunRecord r;
    r.id = s.Int(0);
    r.catalog_number = static_cast<int>(s.Int(1));
    r.started_utc = s.Text(2);
    r.finished_utc = s.Text(3);
    r.status = s.Text(4);
    r.iterations = static_cast<int>(s.Int(5));
    r.weighted_rms = s.Real(6);
    r.n_used = static_cast<int>(s.Int(7));
    r.n_rejected = static_cast<int>(s.Int(8));
    r.summary_json = s.Text(9);
    if (!s.IsNull(10)) r.result_state_id = s.Int(10);
    r.cycle_night = s.Text(11);
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

constexpr char kCartesianColumns[] =
    "SELECT id, catalog_number, epoch_tai_s, epoch_tai_frac, frame, x_m, y_m, z_m, vx_m_s, "
    "vy_m_s, vz_m_s, covariance, source, source_ref, coalesce(quality, 0), "
    "drag_cd_area_over_mass_m2_kg, drag_sigma_m2_kg, srp_cr_area_over_mass_m2_kg, "
    "srp_sigma_m2_kg, force_covariance FROM orbit_states ";

// The row `s` stands on, selected with kCartesianColumns.
absl::StatusOr<CartesianStateRecord> CartesianRow(Stmt& s) {
  CartesianStateRecord r;
  r.id = s.Int(0);
  r.catalog_number = static_cast<int>(s.Int(1));
  r.epoch = astro::Epoch::FromTaiSeconds(s.Int(2), s.Real(3));
  r.frame = s.Text(4);
  for (int i = 0; i < 6; ++i) r.state[i] = s.Real(5 + i);
  if (!s.IsNull(11)) {
    if (s.BlobBytes(11) != 36 * 8) {
      return absl::DataLossError(absl::StrCat("orbit_states row ", r.id, " (object ", r.catalog_number,
                                              "): covariance BLOB of ", s.BlobBytes(11),
                                              " bytes, expected 288 (36 doubles)"));
    }
    const std::vector<double> c = s.Blob(11);
    std::array<double, 36> cov;
    std::copy(c.begin(), c.end(), cov.begin());
    r.covariance = cov;
  }
  r.source = ParseSource(s.Text(12));
  r.source_ref = s.Text(13);
  r.quality = s.Real(14);
  if (!s.IsNull(15)) r.drag_cd_area_over_mass_m2_kg = s.Real(15);
  if (!s.IsNull(16)) r.drag_sigma_m2_kg = s.Real(16);
  if (!s.IsNull(17)) r.srp_cr_area_over_mass_m2_kg = s.Real(17);
  if (!s.IsNull(18)) r.srp_sigma_m2_kg = s.Real(18);
  if (!s.IsNull(19)) {
    const int k = r.num_force_parameters();
    if (!r.covariance || s.BlobBytes(19) != 8 * k * (6 + k)) {
      return absl::DataLossError(absl::StrCat(
          "orbit_states row ", r.id, " (object ", r.catalog_number, "): force_covariance BLOB of ",
          s.BlobBytes(19), " bytes, expected ", 8 * k * (6 + k), " (", k, " × ", 6 + k,
          " doubles for its ", k, " force parameters", r.covariance ? "" : ", with a covariance",
          ")"));
    }
    r.force_covariance = s.Blob(19);
  }
  return r;
}

}  // namespace

absl::StatusOr<CartesianStateRecord> Catalog::LatestCartesianState(int n) const {
  const std::string sql = absl::StrCat(kCartesianColumns,
                                       "WHERE catalog_number = ?1 AND kind = 'CARTESIAN' "
                                       "ORDER BY epoch_tai_s DESC, epoch_tai_frac DESC, id DESC LIMIT 1");
  Stmt s(db_, sql.c_str());
  if (absl::Status st = s.ok("reading the latest Cartesian state"); !st.ok()) return st;
  s.Bind(1, static_cast<int64_t>(n));
  if (s.Step() != SQLITE_ROW) {
    return absl::NotFoundError(absl::StrCat("object ", n, " has no Cartesian (OD) state in the catalog"));
  }
  return CartesianRow(s);
}

absl::StatusOr<std::map<int, CartesianStateRecord>> Catalog::LatestCartesianStates() const {
  const std::string sql = absl::StrCat(
      kCartesianColumns,
      "WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY catalog_number "
      "ORDER BY epoch_tai_s DESC, epoch_tai_frac DESC, id DESC) AS latest FROM orbit_states "
      "WHERE kind = 'CARTESIAN') WHERE latest = 1)");
  Stmt s(db_, sql.c_str());
  if (absl::Status st = s.ok("reading the latest Cartesian states"); !st.ok()) return st;
  std::map<int, CartesianStateRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    auto r = CartesianRow(s);
    if (!r.ok()) return r.status();
    out[r->catalog_number] = *std::move(r);
  }
  if (rc != SQLITE_DONE) {
    return absl::InternalError(absl::StrCat("reading the latest Cartesian states: ", sqlite3_errmsg(db_)));
  }
  return out;
}

absl::StatusOr<CartesianStateRecord> Catalog::CartesianStateById(int64_t id) const {
  const std::string sql = absl::StrCat(kCartesianColumns, "WHERE id = ?1 AND kind = 'CARTESIAN'");
  Stmt s(db_, sql.c_str());
  if (absl::Status st = s.ok("reading a Cartesian state"); !st.ok()) return st;
  s.Bind(1, id);
  if (s.Step() != SQLITE_ROW) {
    return absl::NotFoundError(absl::StrCat("orbit state ", id, " is not a Cartesian state of the catalog"));
  }
  return CartesianRow(s);
}

absl::Status Catalog::UpsertSensor(const std::string& name, const std::string& type,
                                   double lat, double lon, double h) {
  Stmt s(db_,
         "INSERT INTO sensors (name, type, latitude_rad, longitude_rad, height_m) "
         "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(name) DO UPDATE SET type = excluded.type, "
         "latitude_rad = excluded.latitude_rad, longitude_rad = excluded.longitude_rad, "
         "height_m = excluded.height_m");
  if (absl::Status st = s.ok("preparing the sensor upsert"); !st.ok()) return st;
  s.Bind(1, name);
  s.Bind(2, type);
  s.Bind(3, lat);
  s.Bind(4, lon);
  s.Bind(5, h);
  return StepDone(s, db_, absl::StrCat("storing sensor ", name));
}

absl::Status Catalog::SameAsStored(size_t index, const ObservationRecord& o) const {
  Stmt q(db_,
         "SELECT catalog_number, task_id, epoch_tai_s, epoch_tai_frac, type, value1, value2, "
         "sigma1, sigma2 FROM observations WHERE sensor = ?1 AND external_id = ?2");
  if (absl::Status st = q.ok("reading a stored observation"); !st.ok()) return st;
  q.Bind(1, o.sensor);
  q.Bind(2, o.external_id);
  if (q.Step() != SQLITE_ROW) {
    return absl::InternalError(absl::StrCat("observations[", index, "]: id '", o.external_id,
                                            "' neither inserted nor stored"));
  }
  auto opt_int = [&](int col) { return q.IsNull(col) ? std::optional<int64_t>() : q.Int(col); };
  auto opt_real = [&](int col) { return q.IsNull(col) ? std::optional<double>() : q.Real(col); };
  const char* differs = nullptr;
  const std::optional<int64_t> number =
      o.catalog_number ? std::optional<int64_t>(*o.catalog_number) : std::nullopt;
  // Doubles compared exactly as stored: a retry sends the same numbers.
  if (opt_int(0) != number) differs = "catalog_number";
  else if (opt_int(1) != o.task_id) differs = "task_id";
  else if (q.Int(2) != o.epoch.tai_whole_seconds() || q.Real(3) != o.epoch.tai_fraction_seconds()) differs = "epoch";
  else if (q.Text(4) != o.type) differs = "type";
  else if (q.Real(5) != o.value1 || opt_real(6) != o.value2) differs = "value";
  else if (q.Real(7) != o.sigma1 || opt_real(8) != o.sigma2) differs = "sigma";
  if (differs == nullptr) return absl::OkStatus();
  return absl::AlreadyExistsError(absl::StrCat(
      "observations[", index, "]: id '", o.external_id, "' of sensor ", o.sensor,
      " is already stored with a different ", differs, "; nothing of this batch was stored"));
}

absl::StatusOr<ObservationInsertSummary> Catalog::InsertObservations(
    std::span<const ObservationRecord> obs) {
  ObservationInsertSummary sum;
  absl::Status s = InTransaction(db_, "storing observations", [&]() -> absl::Status {
    // One prepared statement for the batch, reset between rows.
    Stmt ins(db_,
             "INSERT INTO observations (sensor, external_id, catalog_number, task_id, "
             "epoch_tai_s, epoch_tai_frac, type, value1, value2, sigma1, sigma2) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
             "ON CONFLICT(sensor, external_id) DO NOTHING");
    if (absl::Status st = ins.ok("preparing the observation insert"); !st.ok()) return st;
    for (size_t i = 0; i < obs.size(); ++i) {
      const ObservationRecord& o = obs[i];
      if (i > 0) {
        sqlite3_reset(ins.get());
        sqlite3_clear_bindings(ins.get());
      }
      ins.Bind(1, o.sensor);
      ins.Bind(2, o.external_id);
      if (o.catalog_number) ins.Bind(3, static_cast<int64_t>(*o.catalog_number)); else ins.BindNull(3);
      if (o.task_id) ins.Bind(4, *o.task_id); else ins.BindNull(4);
      ins.Bind(5, o.epoch.tai_whole_seconds());
      ins.Bind(6, o.epoch.tai_fraction_seconds());
      ins.Bind(7, o.type);
      ins.Bind(8, o.value1);
      BindOptional(ins, 9, o.value2);
      ins.Bind(10, o.sigma1);
      BindOptional(ins, 11, o.sigma2);
      if (absl::Status st = StepDone(ins, db_, absl::StrCat("observation ", i, " (sensor ", o.sensor,
                                                            ", id ", o.external_id, ")"));
          !st.ok()) {
        return st;
      }
      if (sqlite3_changes(db_) == 1) {
        ++sum.inserted;
        continue;
      }
      // The id is taken: a retry is the same record; anything else is a
      // conflict, and the whole batch is refused.
      if (absl::Status st = SameAsStored(i, o); !st.ok()) return st;
      ++sum.duplicates;
    }
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return sum;
}

absl::StatusOr<std::vector<ObservationRecord>> Catalog::ListObservations(int n) const {
  Stmt s(db_,
         "SELECT id, sensor, external_id, catalog_number, task_id, epoch_tai_s, epoch_tai_frac, "
         "type, value1, value2, sigma1, sigma2 FROM observations WHERE catalog_number = ?1 "
         "ORDER BY epoch_tai_s, epoch_tai_frac, id");
  if (absl::Status st = s.ok("listing observations"); !st.ok()) return st;
  s.Bind(1, static_cast<int64_t>(n));
  std::vector<ObservationRecord> out;
  while (s.Step() == SQLITE_ROW) {
    ObservationRecord o;
    o.id = s.Int(0);
    o.sensor = s.Text(1);
    o.external_id = s.Text(2);
    if (!s.IsNull(3)) o.catalog_number = static_cast<int>(s.Int(3));
    if (!s.IsNull(4)) o.task_id = s.Int(4);
    o.epoch = astro::Epoch::FromTaiSeconds(s.Int(5), s.Real(6));
    o.type = s.Text(7);
    o.value1 = s.Real(8);
    if (!s.IsNull(9)) o.value2 = s.Real(9);
    o.sigma1 = s.Real(10);
    if (!s.IsNull(11)) o.sigma2 = s.Real(11);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace sstrack::catalog
