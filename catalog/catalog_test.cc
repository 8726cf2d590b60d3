// Copyright sstrack authors.
#include "catalog/catalog.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <sqlite3.h>

#include "absl/strings/str_cat.h"
#include "astro/formats/tle.h"
#include "catalog/schema.h"
#include "gtest/gtest.h"

namespace sstrack::catalog {
namespace {

std::string TmpPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/" + name;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<astro::MeanElements> RealCatalog() {
  auto r = astro::ReadTleFile("tests/data/catalog-2018-01.3le");
  EXPECT_TRUE(r.ok());
  return r->elements;
}

TEST(CatalogTest, ImportIsIdempotentAndReopens) {
  const std::string path = TmpPath("idem.db");
  std::remove(path.c_str());
  const auto sets = RealCatalog();
  {
    auto cat = Catalog::Open(path);
    ASSERT_TRUE(cat.ok()) << cat.status();
    EXPECT_EQ((*cat)->schema_version(), Catalog::kSchemaVersion);
    auto s1 = (*cat)->ImportElements(sets, StateSource::kTle, "catalog-2018-01.3le");
    ASSERT_TRUE(s1.ok()) << s1.status();
    EXPECT_EQ(s1->added, 979);
    auto s2 = (*cat)->ImportElements(sets, StateSource::kTle, "catalog-2018-01.3le");
    ASSERT_TRUE(s2.ok());
    EXPECT_EQ(s2->added, 0);
    EXPECT_EQ(s2->updated, 0);
    EXPECT_EQ(s2->unchanged, 979);
    EXPECT_EQ(*(*cat)->CountStates(), 979);
  }
  auto cat = Catalog::Open(path);
  ASSERT_TRUE(cat.ok());
  auto objs = (*cat)->ListObjects();
  ASSERT_TRUE(objs.ok());
  EXPECT_EQ(objs->size(), 979u);
  auto iss = (*cat)->GetObject(25544);
  ASSERT_TRUE(iss.ok());
  EXPECT_EQ(iss->name, "ISS (ZARYA)");
  EXPECT_EQ(iss->international_designator, "1998-067A");
  // The state comes back bit for bit.
  auto st = (*cat)->LatestState(25544);
  ASSERT_TRUE(st.ok());
  const astro::MeanElements* orig = nullptr;
  for (const auto& e : sets) if (e.catalog_number == 25544) orig = &e;
  EXPECT_EQ(st->elements.epoch, orig->epoch);
  EXPECT_EQ(st->elements.mean_motion_rad_per_min, orig->mean_motion_rad_per_min);
  EXPECT_EQ(st->elements.bstar_per_earth_radii, orig->bstar_per_earth_radii);
  EXPECT_EQ(st->source_ref, "catalog-2018-01.3le");
  EXPECT_EQ((*cat)->GetObject(99999).status().code(), absl::StatusCode::kNotFound);
}

TEST(CatalogTest, NewerEpochIsAnUpdate) {
  auto cat = Catalog::Open(":memory:");
  ASSERT_TRUE(cat.ok());
  auto sets = RealCatalog();
  sets.resize(3);
  ASSERT_TRUE((*cat)->ImportElements(sets, StateSource::kTle, "a").ok());
  sets[1].epoch = sets[1].epoch + 86400.0;
  sets[1].mean_anomaly_rad += 0.1;
  auto s = (*cat)->ImportElements(sets, StateSource::kTle, "b");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->updated, 1);
  EXPECT_EQ(s->unchanged, 2);
  auto latest = (*cat)->LatestState(sets[1].catalog_number);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->elements.epoch, sets[1].epoch);
  EXPECT_EQ(latest->source_ref, "b");
}

// The same set read from another format differs in the last bits: still
// "unchanged"; a real change of 1e-9 relative is not.
TEST(CatalogTest, LastBitDifferencesAreTheSameSet) {
  auto cat = Catalog::Open(":memory:");
  ASSERT_TRUE(cat.ok());
  auto sets = RealCatalog();
  sets.resize(2);
  ASSERT_TRUE((*cat)->ImportElements(sets, StateSource::kTle, "a").ok());
  sets[0].epoch = sets[0].epoch + 1e-10;
  sets[0].eccentricity = std::nextafter(sets[0].eccentricity, 1.0);
  sets[1].inclination_rad *= 1 + 1e-9;
  auto s = (*cat)->ImportElements(sets, StateSource::kOmm, "b");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->unchanged, 1);
  EXPECT_EQ(s->updated, 1);
}

TEST(CatalogTest, FailingBatchLeavesNothing) {
  auto cat = Catalog::Open(":memory:");
  ASSERT_TRUE(cat.ok());
  auto sets = RealCatalog();
  sets.resize(5);
  sets[3].catalog_number = 400000;  // violates the CHECK on catalog numbers
  auto s = (*cat)->ImportElements(sets, StateSource::kTle, "x");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("400000"), std::string::npos);
  EXPECT_EQ(*(*cat)->CountStates(), 0);
  EXPECT_TRUE((*cat)->ListObjects()->empty());
}

TEST(CatalogTest, ForeignFilesAreRefusedAndUntouched) {
  const std::string text = TmpPath("notes.txt");
  { std::ofstream(text) << "this is not a database\n"; }
  const std::string before = Slurp(text);
  auto a = Catalog::Open(text);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("not an sstrack catalog"), std::string::npos);
  EXPECT_EQ(Slurp(text), before);

  // A newer schema: make a catalog, bump its version, and reopen.
  const std::string newer = TmpPath("newer.db");
  std::remove(newer.c_str());
  { ASSERT_TRUE(Catalog::Open(newer).ok()); }
  {
    sqlite3* db;
    ASSERT_EQ(sqlite3_open(newer.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  const std::string bytes = Slurp(newer);
  auto b = Catalog::Open(newer);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("version 99"), std::string::npos);
  EXPECT_EQ(Slurp(newer), bytes);
}

}  // namespace
}  // namespace sstrack::catalog

namespace sstrack::catalog {
namespace {

// A version-1 database with angles as `od run` wrote them then (one row per
// angle, value2 = 0/1 flag, ids "file:line/1", "/2") beside a gRPC-ingested
// AZEL pair: opening it migrates to one encoding (pairs, or single-angle
// rows for an angle without its partner) and keeps the ingested row as is.
TEST(CatalogMigrationTest, OdRunAngleRowsBecomeOneEncoding) {
  const std::string path = TmpPath("v1.db");
  std::remove(path.c_str());
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const std::string sql = absl::StrCat(
        internal::kMigrations[0], "PRAGMA application_id = ", Catalog::kApplicationId,
        "; PRAGMA user_version = 1;"
        "INSERT INTO objects (catalog_number, name) VALUES (25544, 'ISS');"
        "INSERT INTO sensors (name, type, latitude_rad, longitude_rad, height_m) "
        "  VALUES ('S1', 'optical', 0.1, 0.2, 30);"
        // od run: an az/el pair (lines 7 and 8), a lone elevation (line 9).
        "INSERT INTO observations (sensor, external_id, catalog_number, epoch_tai_s, "
        "  epoch_tai_frac, type, value1, value2, sigma1, sigma2) VALUES "
        "  ('S1', 'f.tdm:7/1', 25544, 1000, 0.5, 'AZEL', 1.25, 0.0, 1e-5, NULL),"
        "  ('S1', 'f.tdm:8/2', 25544, 1000, 0.5, 'AZEL', 0.75, 1.0, 2e-5, NULL),"
        "  ('S1', 'f.tdm:9/2', 25544, 1010, 0.0, 'AZEL', 0.80, 1.0, 2e-5, NULL),"
        // gRPC ingest: a pair whose sensor id happens to end in /1.
        "  ('S1', 'batch/1', 25544, 1020, 0.0, 'AZEL', 1.5, 0.9, 1e-5, 1e-5);"
        // A plan with a task that an observation refers to.
        "INSERT INTO plans (id, night_start_tai_s, night_end_tai_s, created_utc) "
        "  VALUES (1, 0, 86400, 'x');"
        "INSERT INTO tasks (id, plan_id, sensor, catalog_number, start_tai_s, end_tai_s, status) "
        "  VALUES (7, 1, 'S1', 25544, 1000, 1100, 'SENT');"
        "UPDATE observations SET task_id = 7 WHERE external_id = 'batch/1';");
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_close(db);
  }
  auto cat = Catalog::Open(path);
  ASSERT_TRUE(cat.ok()) << cat.status();
  EXPECT_EQ((*cat)->schema_version(), Catalog::kSchemaVersion);
  auto obs = (*cat)->ListObservations(25544);
  ASSERT_TRUE(obs.ok()) << obs.status();
  ASSERT_EQ(obs->size(), 3u);
  const ObservationRecord& pair = (*obs)[0];
  EXPECT_EQ(pair.external_id, "f.tdm:7");
  EXPECT_EQ(pair.type, "AZEL");
  EXPECT_DOUBLE_EQ(pair.value1, 1.25);
  ASSERT_TRUE(pair.value2 && pair.sigma2);
  EXPECT_DOUBLE_EQ(*pair.value2, 0.75);
  EXPECT_DOUBLE_EQ(*pair.sigma2, 2e-5);
  const ObservationRecord& lone = (*obs)[1];
  EXPECT_EQ(lone.external_id, "f.tdm:9");
  EXPECT_EQ(lone.type, "ELEVATION");
  EXPECT_DOUBLE_EQ(lone.value1, 0.80);
  EXPECT_FALSE(lone.value2.has_value());
  const ObservationRecord& ingested = (*obs)[2];
  EXPECT_EQ(ingested.external_id, "batch/1");
  EXPECT_EQ(ingested.type, "AZEL");
  EXPECT_DOUBLE_EQ(*ingested.value2, 0.9);
  EXPECT_EQ(*ingested.task_id, 7);
  // The task survived the tasks table's rebuild and takes the new statuses.
  auto task = (*cat)->GetTask(7);
  ASSERT_TRUE(task.ok()) << task.status();
  EXPECT_EQ(task->status, TaskStatus::kSent);
  ASSERT_TRUE((*cat)->SetTaskStatus(7, TaskStatus::kNotFound).ok());
  EXPECT_EQ((*cat)->GetTask(7)->status, TaskStatus::kNotFound);
  // The new table refuses a pair without its second angle.
  ObservationRecord half = ingested;
  half.external_id = "half";
  half.value2.reset();
  half.sigma2.reset();
  const std::vector<ObservationRecord> halves = {half};
  EXPECT_FALSE((*cat)->InsertObservations(halves).ok());
}

}  // namespace
}  // namespace sstrack::catalog
