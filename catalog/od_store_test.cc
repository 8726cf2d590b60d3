// Copyright sstrack authors.
#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

#include "absl/strings/str_cat.h"
#include "astro/formats/tle.h"
#include "catalog/catalog.h"
#include "gtest/gtest.h"

namespace sstrack::catalog {
namespace {

std::unique_ptr<Catalog> WithIss() {
  auto cat = Catalog::Open(":memory:");
  EXPECT_TRUE(cat.ok());
  auto sets = astro::ReadTleFile("tests/data/catalog-2018-01.3le");
  std::vector<astro::MeanElements> iss;
  for (const auto& e : sets->elements)
    if (e.catalog_number == 25544) iss.push_back(e);
  EXPECT_TRUE((*cat)->ImportElements(iss, StateSource::kTle, "t").ok());
  return std::move(*cat);
}

CartesianStateRecord State(double x) {
  CartesianStateRecord s;
  s.catalog_number = 25544;
  s.epoch = astro::Epoch::FromTaiSeconds(600000000, 0.25);
  s.state = {x, 2e6, 3e6, 1e3, 7e3, 1e2};
  std::array<double, 36> c{};
  for (int i = 0; i < 6; ++i) c[i * 7] = 1.0 + i;
  s.covariance = c;
  s.source_ref = "od run";
  s.quality = 1.02;
  return s;
}

TEST(OdStoreTest, AcceptedRunWritesStateWithCovarianceAndRejectedDoesNot) {
  auto cat = WithIss();
  OdRunRecord run;
  run.catalog_number = 25544;
  run.status = "CONVERGED";
  run.started_utc = "2018-01-05T00:00:00Z";
  auto id = cat->RecordOdRun(run, State(7e6));
  ASSERT_TRUE(id.ok()) << id.status();
  auto st = cat->LatestCartesianState(25544);
  ASSERT_TRUE(st.ok()) << st.status();
  EXPECT_EQ(st->state[0], 7e6);
  ASSERT_TRUE(st->covariance.has_value());
  EXPECT_EQ((*st->covariance)[35], 6.0);
  EXPECT_EQ(st->epoch, State(0).epoch);
  // The SGP4 element set is still the latest *mean elements* state.
  EXPECT_TRUE(cat->LatestState(25544).ok());
  EXPECT_EQ(cat->LatestState(25544)->elements.catalog_number, 25544);

  OdRunRecord rejected = run;
  rejected.status = "REJECTED";
  EXPECT_FALSE(cat->RecordOdRun(rejected, State(1.0)).ok());  // a rejected fit never writes
  ASSERT_TRUE(cat->RecordOdRun(rejected, std::nullopt).ok());
  EXPECT_EQ(cat->LatestCartesianState(25544)->state[0], 7e6);
  auto runs = cat->ListOdRuns(25544);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_TRUE((*runs)[0].result_state_id.has_value());
  EXPECT_FALSE((*runs)[1].result_state_id.has_value());
}

// All objects' latest Cartesian states in one query are, object by object,
// what LatestCartesianState reads: the latest epoch, the later row of two
// at the same epoch; an object with only an element set is absent.
TEST(OdStoreTest, LatestCartesianStatesAgreeWithTheOneObjectQuery) {
  auto cat = Catalog::Open(":memory:");
  ASSERT_TRUE(cat.ok());
  auto sets = astro::ReadTleFile("tests/data/catalog-2018-01.3le");
  ASSERT_TRUE(sets.ok());
  std::vector<astro::MeanElements> four(sets->elements.begin(), sets->elements.begin() + 4);
  ASSERT_TRUE((*cat)->ImportElements(four, StateSource::kTle, "t").ok());
  OdRunRecord run;
  run.status = "CONVERGED";
  run.started_utc = "2018-01-05T00:00:00Z";
  for (int k = 0; k < 3; ++k) {
    run.catalog_number = four[static_cast<size_t>(k)].catalog_number;
    for (int j = 0; j < 3; ++j) {
      CartesianStateRecord st = State(7e6 + 10 * k + j);
      st.catalog_number = run.catalog_number;
      // k = 0: epochs later and later; k = 1: earlier and earlier; k = 2: one epoch.
      const double dt = k == 0 ? 60.0 * j : k == 1 ? -60.0 * j : 0.0;
      st.epoch = st.epoch + dt;
      ASSERT_TRUE((*cat)->RecordOdRun(run, st).ok());
    }
  }
  auto all = (*cat)->LatestCartesianStates();
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->count(four[3].catalog_number), 0u);
  const double expected_x[] = {7e6 + 2, 7e6 + 10, 7e6 + 22};
  for (int k = 0; k < 3; ++k) {
    const int n = four[static_cast<size_t>(k)].catalog_number;
    auto one = (*cat)->LatestCartesianState(n);
    ASSERT_TRUE(one.ok()) << one.status();
    ASSERT_EQ(all->count(n), 1u);
    const CartesianStateRecord& a = all->at(n);
    EXPECT_EQ(a.id, one->id) << n;
    EXPECT_EQ(a.state, one->state) << n;
    EXPECT_EQ(a.state[0], expected_x[k]) << n;
    EXPECT_EQ(a.epoch, one->epoch) << n;
    EXPECT_EQ(a.covariance, one->covariance) << n;
  }
}

// A run that closed a cycle night's queued fit is listed with that night,
// and its result state can be read by id (ListRuns gives both).
TEST(OdStoreTest, RunsListTheirCycleNightAndStateById) {
  auto cat = WithIss();
  PlanRecord plan;
  plan.night = "2018-01-20";
  plan.created_utc = "2018-01-20T10:00:00Z";
  auto plan_id = cat->WritePlan(plan, {});
  ASSERT_TRUE(plan_id.ok()) << plan_id.status();
  CycleNightRecord night;
  night.night = "2018-01-20";
  night.plan_id = *plan_id;
  ASSERT_TRUE(cat->PutCycleNight(night).ok());
  const int iss[] = {25544};
  ASSERT_TRUE(cat->QueueCycleFits("2018-01-20", iss).ok());
  OdRunRecord run;
  run.catalog_number = 25544;
  run.status = "CONVERGED";
  run.started_utc = "2018-01-21T00:00:00Z";
  run.cycle_night = "2018-01-20";
  ASSERT_TRUE(cat->RecordOdRun(run, State(7e6)).ok());
  run.cycle_night.clear();  // an operator's fit, outside the cycle
  ASSERT_TRUE(cat->RecordOdRun(run, State(7.1e6)).ok());
  auto runs = cat->ListOdRuns(25544);
  ASSERT_TRUE(runs.ok()) << runs.status();
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].cycle_night, "2018-01-20");
  EXPECT_EQ((*runs)[1].cycle_night, "");
  auto first = cat->CartesianStateById(*(*runs)[0].result_state_id);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->state[0], 7e6);
  EXPECT_EQ((*first->covariance)[35], 6.0);
  EXPECT_EQ(cat->CartesianStateById(*(*runs)[1].result_state_id)->state[0], 7.1e6);
  EXPECT_TRUE(absl::IsNotFound(cat->CartesianStateById(123456).status()));
}

TEST(OdStoreTest, FailedRunLeavesNothing) {
  auto cat = WithIss();
  OdRunRecord run;
  run.catalog_number = 99999;  // unknown object: the foreign key fails
  run.status = "CONVERGED";
  CartesianStateRecord s = State(7e6);
  s.catalog_number = 99999;
  EXPECT_FALSE(cat->RecordOdRun(run, s).ok());
  EXPECT_EQ(*cat->CountStates(), 1);
  EXPECT_TRUE(cat->ListOdRuns()->empty());
}

TEST(OdStoreTest, ObservationsAreIdempotentPerSensorAndId) {
  auto cat = WithIss();
  ASSERT_TRUE(cat->UpsertSensor("MATERA", "OPTICAL", 0.7, 0.29, 536).ok());
  std::vector<ObservationRecord> obs(3);
  for (int i = 0; i < 3; ++i) {
    obs[i].sensor = "MATERA";
    obs[i].external_id = "b1-" + std::to_string(i);
    obs[i].catalog_number = 25544;
    obs[i].epoch = astro::Epoch::FromTaiSeconds(600000000 + i);
    obs[i].type = "RADEC";
    obs[i].value1 = 1.0 + i;
    obs[i].value2 = 0.5;
    obs[i].sigma1 = obs[i].sigma2.emplace(1e-5);
  }
  auto s1 = cat->InsertObservations(obs);
  ASSERT_TRUE(s1.ok()) << s1.status();
  EXPECT_EQ(s1->inserted, 3);
  auto s2 = cat->InsertObservations(obs);  // a retried batch
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->inserted, 0);
  EXPECT_EQ(s2->duplicates, 3);
  EXPECT_EQ(cat->ListObservations(25544)->size(), 3u);
  // A batch with a bad record (unknown sensor) stores none of it.
  obs[1].sensor = "NOWHERE";
  obs[0].external_id = "b2-0";
  auto s3 = cat->InsertObservations(obs);
  ASSERT_FALSE(s3.ok());
  EXPECT_NE(s3.status().message().find("observation 1"), std::string::npos) << s3.status();
  EXPECT_EQ(cat->ListObservations(25544)->size(), 3u);
}

// A reused id with different data is a conflict, whichever field differs,
// and the batch around it is not stored.
TEST(OdStoreTest, ReusedIdWithDifferentDataIsAConflict) {
  auto cat = WithIss();
  ASSERT_TRUE(cat->UpsertSensor("MATERA", "OPTICAL", 0.7, 0.29, 536).ok());
  ObservationRecord o;
  o.sensor = "MATERA";
  o.external_id = "x";
  o.catalog_number = 25544;
  o.epoch = astro::Epoch::FromTaiSeconds(600000000, 0.125);
  o.type = "RADEC";
  o.value1 = 1.0;
  o.value2 = 0.5;
  o.sigma1 = o.sigma2.emplace(1e-5);
  ASSERT_TRUE(cat->InsertObservations(std::vector<ObservationRecord>{o}).ok());
  struct Change {
    const char* field;
    void (*apply)(ObservationRecord&);
  };
  const Change changes[] = {
      {"catalog_number", [](ObservationRecord& r) { r.catalog_number.reset(); }},
      {"epoch", [](ObservationRecord& r) { r.epoch = r.epoch + 1e-6; }},
      {"type", [](ObservationRecord& r) { r.type = "AZEL"; }},
      {"value", [](ObservationRecord& r) { r.value1 = std::nextafter(r.value1, 2.0); }},
      {"value", [](ObservationRecord& r) { *r.value2 = 0.25; }},
      {"sigma", [](ObservationRecord& r) { r.sigma1 *= 2; }},
  };
  for (const Change& c : changes) {
    ObservationRecord fresh = o;
    fresh.external_id = "y";  // new, and would be stored but for the conflict
    ObservationRecord changed = o;
    c.apply(changed);
    auto s = cat->InsertObservations(std::vector<ObservationRecord>{fresh, changed});
    ASSERT_FALSE(s.ok()) << c.field;
    EXPECT_EQ(s.status().code(), absl::StatusCode::kAlreadyExists);
    EXPECT_NE(s.status().message().find("observations[1]: id 'x'"), std::string::npos) << s.status();
    EXPECT_NE(s.status().message().find(absl::StrCat("different ", c.field)), std::string::npos)
        << s.status();
    EXPECT_EQ(cat->ListObservations(25544)->size(), 1u) << c.field;
  }
  // The identical retry is still a duplicate, and a conflict inside one batch
  // is found too.
  auto again = cat->InsertObservations(std::vector<ObservationRecord>{o});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->duplicates, 1);
  ObservationRecord z1 = o, z2 = o;
  z1.external_id = z2.external_id = "z";
  z2.value1 = 1.5;
  auto inner = cat->InsertObservations(std::vector<ObservationRecord>{z1, z2});
  EXPECT_EQ(inner.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(cat->ListObservations(25544)->size(), 1u);
}

// A catalog at `path` (emptied first) holding the shipped 2018 element sets.
absl::StatusOr<std::unique_ptr<Catalog>> CatalogWithElements(const std::string& path) {
  std::remove(path.c_str());
  auto cat = Catalog::Open(path);
  if (!cat.ok()) return cat.status();
  auto sets = astro::ReadTleFile("tests/data/catalog-2018-01.3le");
  if (!sets.ok()) return sets.status();
  if (auto s = (*cat)->ImportElements(sets->elements, StateSource::kTle, "t"); !s.ok()) return s.status();
  return cat;
}

OdRunRecord ConvergedRun() {
  OdRunRecord run;
  run.catalog_number = 25544;
  run.status = "CONVERGED";
  run.started_utc = "2018-01-05T00:00:00Z";
  return run;
}

// The covariance BLOB is 36 little-endian doubles, row-major (CATALOG.md),
// checked byte by byte against the IEEE-754 encoding; a BLOB of another
// size is refused on reading.
TEST(OdStoreTest, CovarianceBlobIsLittleEndianRowMajor) {
  const std::string path = ::testing::TempDir() + "/cov.db";
  {
    auto cat = CatalogWithElements(path);
    ASSERT_TRUE(cat.ok()) << cat.status();
    const OdRunRecord run = ConvergedRun();
    CartesianStateRecord st = State(7e6);
    std::array<double, 36> c{};
    c[0 * 6 + 1] = 1.0;    // (0, 1)
    c[5 * 6 + 4] = -2.5;   // (5, 4)
    st.covariance = c;
    ASSERT_TRUE((*cat)->RecordOdRun(run, st).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT covariance FROM orbit_states WHERE kind = 'CARTESIAN'", -1, &q, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  ASSERT_EQ(sqlite3_column_bytes(q, 0), 288);
  const auto* b = static_cast<const unsigned char*>(sqlite3_column_blob(q, 0));
  // 1.0 = 0x3FF0000000000000, −2.5 = 0xC004000000000000, low byte first.
  const unsigned char one[8] = {0, 0, 0, 0, 0, 0, 0xf0, 0x3f};
  const unsigned char minus_2_5[8] = {0, 0, 0, 0, 0, 0, 0x04, 0xc0};
  EXPECT_EQ(std::memcmp(b + 8 * 1, one, 8), 0);
  EXPECT_EQ(std::memcmp(b + 8 * 34, minus_2_5, 8), 0);
  for (int k = 0; k < 36; ++k) {
    if (k == 1 || k == 34) continue;
    for (int j = 0; j < 8; ++j) EXPECT_EQ(b[8 * k + j], 0) << k;
  }
  sqlite3_finalize(q);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE orbit_states SET covariance = zeroblob(168) WHERE kind = 'CARTESIAN'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto cat = Catalog::Open(path);
  ASSERT_TRUE(cat.ok());
  auto bad = (*cat)->LatestCartesianState(25544);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(bad.status().message().find("covariance BLOB of 168 bytes, expected 288"), std::string::npos)
      << bad.status();
}

// The force parameters' covariance rows (k × (6 + k)) round-trip with the
// state; a size that does not match the stored parameters is refused on
// writing (nothing stored) and on reading (DATA_LOSS naming the row).
TEST(OdStoreTest, ForceCovarianceRoundTripsAndMustMatchTheParameters) {
  const std::string path = ::testing::TempDir() + "/force_cov.db";
  auto cat = CatalogWithElements(path);
  ASSERT_TRUE(cat.ok()) << cat.status();
  const OdRunRecord run = ConvergedRun();
  CartesianStateRecord st = State(7e6);
  st.covariance = std::array<double, 36>{};
  st.drag_cd_area_over_mass_m2_kg = 0.02;
  st.drag_sigma_m2_kg = 0.001;
  st.srp_cr_area_over_mass_m2_kg = 0.01;
  st.srp_sigma_m2_kg = 0.002;
  st.force_covariance.assign(15, 0.0);  // 3 values short of 2 × 8
  auto refused = (*cat)->RecordOdRun(run, st);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("force_covariance has 15 values, expected 16"),
            std::string::npos)
      << refused.status();
  EXPECT_FALSE((*cat)->LatestCartesianState(25544).ok()) << "a refused state was stored";
  st.force_covariance.resize(16);
  for (int i = 0; i < 16; ++i) st.force_covariance[static_cast<size_t>(i)] = i - 7.5;
  ASSERT_TRUE((*cat)->RecordOdRun(run, st).ok());
  auto back = (*cat)->LatestCartesianState(25544);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->force_covariance, st.force_covariance);
  // Only Cd·A/m left in the row: its 2 × 8 rows no longer fit 1 × 7.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE orbit_states SET srp_cr_area_over_mass_m2_kg = NULL "
                             "WHERE kind = 'CARTESIAN'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto bad = (*cat)->LatestCartesianState(25544);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(bad.status().message().find("force_covariance BLOB of 128 bytes, expected 56"),
            std::string::npos)
      << bad.status();
}

}  // namespace
}  // namespace sstrack::catalog
