// Copyright sstrack authors.
#include "catalog/catalog.h"

#include <cmath>

#include <sqlite3.h>

#include <iterator>

#include "absl/strings/str_cat.h"
#include "catalog/schema.h"
#include "catalog/sqlite_util.h"

namespace sstrack::catalog {
namespace {

using internal::ScalarInt;
using internal::Stmt;

constexpr int kLatest = static_cast<int>(std::size(internal::kMigrations));
static_assert(kLatest == Catalog::kSchemaVersion, "kSchemaVersion must count the migrations");

// The same element set, read from two formats: the TLE and OMM readers may
// differ in the last bits (epoch ~1e-10 s, values ~1 ulp), far below the
// 8 significant digits a TLE carries. Equal within 1 µs and 1e-12 relative.
bool SameElements(const astro::MeanElements& a, const astro::MeanElements& b) {
  auto close = [](double x, double y) {
    return std::abs(x - y) <= 1e-12 * std::max(std::abs(x), std::abs(y)) + 1e-300;
  };
  return std::abs(a.epoch - b.epoch) <= 1e-6 &&
         close(a.mean_motion_rad_per_min, b.mean_motion_rad_per_min) &&
         close(a.eccentricity, b.eccentricity) && close(a.inclination_rad, b.inclination_rad) &&
         close(a.raan_rad, b.raan_rad) && close(a.arg_perigee_rad, b.arg_perigee_rad) &&
         close(a.mean_anomaly_rad, b.mean_anomaly_rad) &&
         close(a.bstar_per_earth_radii, b.bstar_per_earth_radii) &&
         close(a.mean_motion_dot_rad_per_min2, b.mean_motion_dot_rad_per_min2) &&
         close(a.mean_motion_ddot_rad_per_min3, b.mean_motion_ddot_rad_per_min3);
}

constexpr char kStateColumns[] =
    "id, catalog_number, epoch_tai_s, epoch_tai_frac, epoch_utc_jd1, "
    "epoch_utc_jd2, mean_motion_rad_min, eccentricity, inclination_rad, "
    "raan_rad, arg_perigee_rad, mean_anomaly_rad, bstar, ndot_rad_min2, "
    "nddot_rad_min3, classification, element_set_number, revolution_number, "
    "source, source_ref";

StateRecord ReadState(Stmt& s) {
  StateRecord r;
  r.id = s.Int(0);
  r.catalog_number = static_cast<int>(s.Int(1));
  astro::MeanElements& e = r.elements;
  e.catalog_number = r.catalog_number;
  e.epoch = astro::Epoch::FromTaiSeconds(s.Int(2), s.Real(3));
  e.epoch_utc_jd1 = s.Real(4);
  e.epoch_utc_jd2 = s.Real(5);
  e.mean_motion_rad_per_min = s.Real(6);
  e.eccentricity = s.Real(7);
  e.inclination_rad = s.Real(8);
  e.raan_rad = s.Real(9);
  e.arg_perigee_rad = s.Real(10);
  e.mean_anomaly_rad = s.Real(11);
  e.bstar_per_earth_radii = s.Real(12);
  e.mean_motion_dot_rad_per_min2 = s.Real(13);
  e.mean_motion_ddot_rad_per_min3 = s.Real(14);
  const std::string cls = s.Text(15);
  e.classification = cls.empty() ? 'U' : cls[0];
  e.element_set_number = static_cast<int32_t>(s.Int(16));
  e.revolution_number = static_cast<int32_t>(s.Int(17));
  const std::string src = s.Text(18);
  r.source = src == "OMM" ? StateSource::kOmm
             : src == "OD_RUN" ? StateSource::kOdRun
             : src == "MANUAL" ? StateSource::kManual
                               : StateSource::kTle;
  r.source_ref = s.Text(19);
  return r;
}

}  // namespace

const char* StateSourceName(StateSource s) {
  switch (s) {
    case StateSource::kTle: return "TLE";
    case StateSource::kOmm: return "OMM";
    case StateSource::kOdRun: return "OD_RUN";
    case StateSource::kManual: return "MANUAL";
  }
  return "TLE";
}

absl::StatusOr<std::unique_ptr<Catalog>> Catalog::Open(
    const std::string& path, const OpenOptions& options) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return absl::NotFoundError(absl::StrCat("cannot open catalog ", path, ": ", msg));
  }
  std::unique_ptr<Catalog> cat(new Catalog(db, path));
  // Read-only checks first: nothing is written to a file we refuse.
  absl::StatusOr<int64_t> tables =
      ScalarInt(db, "SELECT count(*) FROM sqlite_schema");
  if (!tables.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, " is not an sstrack catalog (not an SQLite database: ",
        tables.status().message(), ")"));
  }
  absl::StatusOr<int64_t> app = ScalarInt(db, "PRAGMA application_id");
  absl::StatusOr<int64_t> version = ScalarInt(db, "PRAGMA user_version");
  if (!app.ok() || !version.ok()) return app.ok() ? version.status() : app.status();
  if (*tables > 0 && *app != kApplicationId) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, " is an SQLite database but not an sstrack catalog (application_id ",
        *app, ", expected ", kApplicationId, "); left untouched"));
  }
  if (*version > kLatest) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, " has catalog schema version ", *version,
        ", newer than this sstrack understands (", kLatest,
        "); upgrade sstrack. The file was left untouched"));
  }
  if (absl::Status s = cat->Exec("PRAGMA foreign_keys = ON", "enabling foreign keys"); !s.ok()) {
    return s;
  }
  if (path != ":memory:") {
    if (absl::Status s = cat->Exec("PRAGMA journal_mode = WAL", "enabling WAL"); !s.ok()) {
      return s;
    }
  }
  sqlite3_busy_timeout(db, 5000);
  if (absl::Status s = cat->Migrate(static_cast<int>(*version)); !s.ok()) return s;
  return cat;
}

Catalog::~Catalog() { sqlite3_close(db_); }

absl::Status Catalog::Exec(const char* sql, const char* what) {
  return internal::Exec(db_, sql, absl::StrCat("catalog: ", what));
}

absl::Status Catalog::Migrate(int from_version) {
  if (from_version >= kLatest) return absl::OkStatus();
  // Foreign keys off while tables are rebuilt (only outside a transaction),
  // checked before each commit, on again after.
  if (absl::Status s = Exec("PRAGMA foreign_keys = OFF", "migrating the schema"); !s.ok()) return s;
  struct ForeignKeysOn {
    Catalog* c;
    ~ForeignKeysOn() { c->Exec("PRAGMA foreign_keys = ON", "migrating the schema").IgnoreError(); }
  } on{this};
  for (int v = from_version; v < kLatest; ++v) {
    if (absl::Status s = Exec("BEGIN IMMEDIATE", "starting migration"); !s.ok()) return s;
    absl::Status s = Exec(internal::kMigrations[v], "migrating the schema");
    if (s.ok()) {
      absl::StatusOr<int64_t> violations =
          ScalarInt(db_, "SELECT count(*) FROM pragma_foreign_key_check");
      if (!violations.ok()) {
        s = violations.status();
      } else if (*violations > 0) {
        s = absl::InternalError(absl::StrCat("catalog: migrating the schema to version ", v + 1,
                                             ": ", *violations, " foreign-key violations"));
      }
    }
    if (s.ok()) {
      const std::string pragmas =
          absl::StrCat("PRAGMA application_id = ", kApplicationId,
                       "; PRAGMA user_version = ", v + 1, ";");
      s = Exec(pragmas.c_str(), "recording the schema version");
    }
    if (s.ok()) s = Exec("COMMIT", "committing migration");
    if (!s.ok()) {
      Exec("ROLLBACK", "rolling back").IgnoreError();
      return s;
    }
  }
  return absl::OkStatus();
}

int Catalog::schema_version() const {
  absl::StatusOr<int64_t> v = ScalarInt(db_, "PRAGMA user_version");
  return v.ok() ? static_cast<int>(*v) : -1;
}

absl::StatusOr<ImportSummary> Catalog::ImportElements(
    std::span<const astro::MeanElements> sets, StateSource source,
    const std::string& source_ref) {
  if (absl::Status s = Exec("BEGIN IMMEDIATE", "starting import"); !s.ok()) return s;
  ImportSummary sum;
  absl::Status status;
  for (const astro::MeanElements& e : sets) {
    Stmt find(db_, absl::StrCat("SELECT ", kStateColumns,
                                " FROM orbit_states WHERE catalog_number = ?1 "
                                "AND epoch_tai_s BETWEEN ?2 - 1 AND ?2 + 1 "
                                "AND kind = 'MEAN_ELEMENTS_SGP4'")
                       .c_str());
    if (status = find.ok("looking up states"); !status.ok()) break;
    find.Bind(1, static_cast<int64_t>(e.catalog_number));
    find.Bind(2, e.epoch.tai_whole_seconds());
    bool same = false;
    while (find.Step() == SQLITE_ROW) same = same || SameElements(ReadState(find).elements, e);
    if (same) {
      ++sum.unchanged;
      continue;
    }
    Stmt known(db_, "SELECT count(*) FROM objects WHERE catalog_number = ?1");
    known.Bind(1, static_cast<int64_t>(e.catalog_number));
    known.Step();
    const bool is_new = known.Int(0) == 0;
    Stmt obj(db_,
             "INSERT INTO objects (catalog_number, international_designator, name) "
             "VALUES (?1, ?2, ?3) ON CONFLICT(catalog_number) DO UPDATE SET "
             "international_designator = excluded.international_designator, "
             "name = CASE WHEN excluded.name = '' THEN name ELSE excluded.name END");
    obj.Bind(1, static_cast<int64_t>(e.catalog_number));
    obj.Bind(2, e.international_designator);
    obj.Bind(3, e.name);
    if (obj.Step() != SQLITE_DONE) {
      status = absl::InvalidArgumentError(absl::StrCat(
          "object ", e.catalog_number, ": ", sqlite3_errmsg(db_)));
      break;
    }
    Stmt ins(db_,
             "INSERT INTO orbit_states (catalog_number, epoch_tai_s, epoch_tai_frac, "
             "frame, kind, epoch_utc_jd1, epoch_utc_jd2, mean_motion_rad_min, "
             "eccentricity, inclination_rad, raan_rad, arg_perigee_rad, "
             "mean_anomaly_rad, bstar, ndot_rad_min2, nddot_rad_min3, classification, "
             "element_set_number, revolution_number, source, source_ref) VALUES "
             "(?1, ?2, ?3, 'TEME', 'MEAN_ELEMENTS_SGP4', ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
             "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
    ins.Bind(1, static_cast<int64_t>(e.catalog_number));
    ins.Bind(2, e.epoch.tai_whole_seconds());
    ins.Bind(3, e.epoch.tai_fraction_seconds());
    ins.Bind(4, e.epoch_utc_jd1);
    ins.Bind(5, e.epoch_utc_jd2);
    ins.Bind(6, e.mean_motion_rad_per_min);
    ins.Bind(7, e.eccentricity);
    ins.Bind(8, e.inclination_rad);
    ins.Bind(9, e.raan_rad);
    ins.Bind(10, e.arg_perigee_rad);
    ins.Bind(11, e.mean_anomaly_rad);
    ins.Bind(12, e.bstar_per_earth_radii);
    ins.Bind(13, e.mean_motion_dot_rad_per_min2);
    ins.Bind(14, e.mean_motion_ddot_rad_per_min3);
    ins.Bind(15, std::string(1, e.classification));
    ins.Bind(16, static_cast<int64_t>(e.element_set_number));
    ins.Bind(17, static_cast<int64_t>(e.revolution_number));
    ins.Bind(18, std::string(StateSourceName(source)));
    ins.Bind(19, source_ref);
    if (ins.Step() != SQLITE_DONE) {
      status = absl::InvalidArgumentError(absl::StrCat(
          "object ", e.catalog_number, ": ", sqlite3_errmsg(db_)));
      break;
    }
    ++(is_new ? sum.added : sum.updated);
  }
  if (!status.ok()) {
    Exec("ROLLBACK", "rolling back the import").IgnoreError();
    return absl::Status(status.code(), absl::StrCat("import rolled back: ", status.message()));
  }
  if (absl::Status s = Exec("COMMIT", "committing the import"); !s.ok()) return s;
  return sum;
}

absl::StatusOr<std::vector<ObjectRecord>> Catalog::ListObjects() const {
  Stmt s(db_, "SELECT catalog_number, name, international_designator, category "
              "FROM objects ORDER BY catalog_number");
  if (absl::Status st = s.ok("listing objects"); !st.ok()) return st;
  std::vector<ObjectRecord> out;
  while (s.Step() == SQLITE_ROW) {
    out.push_back({static_cast<int>(s.Int(0)), s.Text(1), s.Text(2),
                   static_cast<int>(s.Int(3))});
  }
  return out;
}

absl::StatusOr<ObjectRecord> Catalog::GetObject(int n) const {
  Stmt s(db_, "SELECT catalog_number, name, international_designator, category "
              "FROM objects WHERE catalog_number = ?1");
  if (absl::Status st = s.ok("reading an object"); !st.ok()) return st;
  s.Bind(1, static_cast<int64_t>(n));
  if (s.Step() != SQLITE_ROW) {
    return absl::NotFoundError(absl::StrCat("object ", n, " is not in the catalog"));
  }
  return ObjectRecord{static_cast<int>(s.Int(0)), s.Text(1), s.Text(2),
                      static_cast<int>(s.Int(3))};
}

absl::StatusOr<StateRecord> Catalog::LatestState(int n) const {
  Stmt s(db_, absl::StrCat("SELECT ", kStateColumns,
                           " FROM orbit_states WHERE catalog_number = ?1 "
                           "AND kind = 'MEAN_ELEMENTS_SGP4' ORDER BY "
                           "epoch_tai_s DESC, epoch_tai_frac DESC, id DESC LIMIT 1")
                  .c_str());
  if (absl::Status st = s.ok("reading the latest state"); !st.ok()) return st;
  s.Bind(1, static_cast<int64_t>(n));
  if (s.Step() != SQLITE_ROW) {
    return absl::NotFoundError(absl::StrCat("object ", n, " has no orbit state in the catalog"));
  }
  return ReadState(s);
}

absl::StatusOr<int64_t> Catalog::CountStates() const {
  return ScalarInt(db_, "SELECT count(*) FROM orbit_states");
}

}  // namespace sstrack::catalog
