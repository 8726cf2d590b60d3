// Copyright sstrack authors.
#include "catalog/backup.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "astro/time/epoch.h"
#include "catalog/catalog.h"
#include "gtest/gtest.h"

namespace sstrack::catalog {
namespace {

std::string Tmp(const std::string& name) {
  const char* d = std::getenv("TEST_TMPDIR");
  return absl::StrCat(d != nullptr ? d : "/tmp", "/", name);
}

std::vector<ObservationRecord> Batch(int first, int n) {
  std::vector<ObservationRecord> out;
  for (int i = first; i < first + n; ++i) {
    ObservationRecord r;
    r.sensor = "S1";
    r.external_id = absl::StrCat("obs-", i);
    r.epoch = astro::Epoch::FromTaiSeconds(569764800 + i);
    r.type = "RANGE";
    r.value1 = 1.0e6 + i;
    r.sigma1 = 10;
    out.push_back(r);
  }
  return out;
}

std::string Text(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
  std::string out = sqlite3_step(s) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) : "";
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

int64_t Count(const std::string& path, const char* sql) {
  const std::string n = Text(path, sql);
  return n.empty() ? -1 : std::stoll(n);
}

// A writer holds an open transaction (its rows not committed) while the
// backup runs: the copy is the committed snapshot, taken without waiting for
// the writer, and the writer commits afterwards undisturbed.
TEST(BackupTest, ASnapshotOfWhatWasCommittedWhileAWriterIsActive) {
  const std::string db = Tmp("live.db");
  auto cat = Catalog::Open(db);
  ASSERT_TRUE(cat.ok()) << cat.status();
  ASSERT_TRUE((*cat)->UpsertSensor("S1", "RADAR", 0.5, 2.3, 100).ok());
  ASSERT_TRUE((*cat)->InsertObservations(Batch(0, 500)).ok());

  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &writer), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer,
                         "INSERT INTO observations (sensor, external_id, epoch_tai_s, epoch_tai_frac, type, "
                         "value1, sigma1) VALUES ('S1', 'uncommitted', 569764800, 0, 'RANGE', 1e6, 10)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto b = BackupDatabase(db, Tmp("snap.db"), 5.0);
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->observations, 500);
  EXPECT_EQ(b->schema_version, Catalog::kSchemaVersion);
  EXPECT_GT(b->bytes, 0);
  ASSERT_EQ(sqlite3_exec(writer, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(writer);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM observations"), 501);

  // The copy: one file (no WAL beside it), whole, and a catalog sstrack opens.
  EXPECT_EQ(Text(Tmp("snap.db"), "PRAGMA journal_mode"), "delete");
  EXPECT_NE(access((Tmp("snap.db") + "-wal").c_str(), F_OK), 0);
  EXPECT_EQ(Text(Tmp("snap.db"), "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(Count(Tmp("snap.db"), "SELECT COUNT(*) FROM observations WHERE external_id = 'uncommitted'"), 0);
  auto copy = Catalog::Open(Tmp("snap.db"));
  ASSERT_TRUE(copy.ok()) << copy.status();
  EXPECT_EQ((*copy)->schema_version(), Catalog::kSchemaVersion);

  // A later backup has the row committed since.
  auto later = BackupDatabase(db, Tmp("snap2.db"));
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_EQ(later->observations, 501);
}

TEST(BackupTest, NeverOverwritesAndLeavesNothingWhenItFails) {
  const std::string db = Tmp("src.db");
  ASSERT_TRUE(Catalog::Open(db).ok());
  const std::string dest = Tmp("exists.db");
  std::ofstream(dest) << "keep me";
  auto over = BackupDatabase(db, dest);
  EXPECT_EQ(over.status().code(), absl::StatusCode::kAlreadyExists) << over.status();
  std::ifstream in(dest);
  std::string kept;
  std::getline(in, kept);
  EXPECT_EQ(kept, "keep me");

  // Not an sstrack catalog: refused by its application id, nothing written.
  const std::string other = Tmp("other.db");
  sqlite3* o = nullptr;
  sqlite3_open(other.c_str(), &o);
  sqlite3_exec(o, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
  sqlite3_close(o);
  auto foreign = BackupDatabase(other, Tmp("foreign.db"));
  EXPECT_EQ(foreign.status().code(), absl::StatusCode::kFailedPrecondition) << foreign.status();
  EXPECT_NE(foreign.status().message().find("not an sstrack catalog"), std::string::npos);
  EXPECT_NE(access(Tmp("foreign.db").c_str(), F_OK), 0);
  EXPECT_NE(access(absl::StrCat(Tmp("foreign.db"), ".partial-", getpid()).c_str(), F_OK), 0);

  EXPECT_EQ(BackupDatabase(Tmp("none.db"), Tmp("x.db")).status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(access(Tmp("none.db").c_str(), F_OK), 0);  // not created by the attempt
}

}  // namespace
}  // namespace sstrack::catalog
