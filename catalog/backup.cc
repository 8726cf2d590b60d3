// Copyright sstrack authors.
#include "catalog/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "catalog/catalog.h"
#include "catalog/sqlite_util.h"

namespace sstrack::catalog {
namespace {

// Closes on scope exit.
struct Db {
  sqlite3* db = nullptr;
  ~Db() { sqlite3_close(db); }
};

absl::Status Sync(const std::string& path, bool directory) {
  const int fd = open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
  if (fd < 0) return absl::InternalError(absl::StrCat(path, ": cannot open to sync: ", std::strerror(errno)));
  const int rc = fsync(fd);
  const int saved = errno;
  close(fd);
  if (rc != 0) return absl::InternalError(absl::StrCat(path, ": fsync: ", std::strerror(saved)));
  return absl::OkStatus();
}

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// The copy: every page in one step, so one read transaction and one
// snapshot; retried while a writer holds a lock it needs.
absl::Status Copy(sqlite3* src, sqlite3* dst, const std::string& source, double busy_timeout_s) {
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (b == nullptr) return absl::InternalError(absl::StrCat("backup of ", source, ": ", sqlite3_errmsg(dst)));
  const absl::Time deadline = absl::Now() + absl::Seconds(busy_timeout_s);
  int rc;
  while (true) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    if (absl::Now() > deadline) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  const int finish = sqlite3_backup_finish(b);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    return absl::UnavailableError(absl::StrCat(source, ": stayed locked for ", busy_timeout_s,
                                               " s; try the backup again"));
  }
  if (rc != SQLITE_DONE || finish != SQLITE_OK) {
    return absl::InternalError(absl::StrCat("backup of ", source, ": ", sqlite3_errmsg(dst)));
  }
  return absl::OkStatus();
}

absl::StatusOr<BackupSummary> CopyInto(const std::string& source, const std::string& tmp,
                                       double busy_timeout_s) {
  Db src;
  if (sqlite3_open_v2(source.c_str(), &src.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    return absl::NotFoundError(absl::StrCat(source, ": cannot open: ", sqlite3_errmsg(src.db)));
  }
  sqlite3_busy_timeout(src.db, static_cast<int>(busy_timeout_s * 1000));
  auto app = internal::ScalarInt(src.db, "PRAGMA application_id");
  if (!app.ok()) return absl::FailedPreconditionError(absl::StrCat(source, ": ", app.status().message()));
  if (*app != Catalog::kApplicationId) {
    return absl::FailedPreconditionError(absl::StrCat(source, ": not an sstrack catalog (application_id ", *app, ")"));
  }
  Db dst;
  if (sqlite3_open_v2(tmp.c_str(), &dst.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    return absl::InternalError(absl::StrCat(tmp, ": cannot create: ", sqlite3_errmsg(dst.db)));
  }
  BackupSummary s;
  const absl::Time t0 = absl::Now();
  if (absl::Status st = Copy(src.db, dst.db, source, busy_timeout_s); !st.ok()) return st;
  s.seconds = absl::ToDoubleSeconds(absl::Now() - t0);
  // One self-contained file (the source's WAL flag came with the pages).
  if (absl::Status st = internal::Exec(dst.db, "PRAGMA journal_mode=DELETE", tmp + ": PRAGMA journal_mode=DELETE"); !st.ok()) return st;
  {
    internal::Stmt check(dst.db, "PRAGMA integrity_check");
    if (absl::Status st = check.ok(tmp.c_str()); !st.ok()) return st;
    if (check.Step() != SQLITE_ROW || check.Text(0) != "ok") {
      return absl::DataLossError(absl::StrCat("the copy of ", source, " fails integrity_check: ", check.Text(0)));
    }
  }
  auto version = internal::ScalarInt(dst.db, "PRAGMA user_version");
  auto objects = internal::ScalarInt(dst.db, "SELECT COUNT(*) FROM objects");
  auto observations = internal::ScalarInt(dst.db, "SELECT COUNT(*) FROM observations");
  auto fits = internal::ScalarInt(dst.db, "SELECT COUNT(*) FROM od_runs");
  for (const auto* v : {&version, &objects, &observations, &fits}) {
    if (!v->ok()) return v->status();
  }
  s.schema_version = static_cast<int>(*version);
  s.objects = *objects;
  s.observations = *observations;
  s.fits = *fits;
  return s;
}

}  // namespace

absl::StatusOr<BackupSummary> BackupDatabase(const std::string& source, const std::string& destination,
                                             double busy_timeout_s) {
  struct stat st;
  if (stat(source.c_str(), &st) != 0) return absl::NotFoundError(absl::StrCat(source, ": no such database"));
  if (stat(destination.c_str(), &st) == 0) {
    return absl::AlreadyExistsError(absl::StrCat(destination, ": exists; a backup never overwrites"));
  }
  const std::string tmp = absl::StrCat(destination, ".partial-", getpid());
  unlink(tmp.c_str());
  absl::StatusOr<BackupSummary> s = CopyInto(source, tmp, busy_timeout_s);
  absl::Status done = s.status();
  if (done.ok()) done = Sync(tmp, false);
  if (done.ok() && rename(tmp.c_str(), destination.c_str()) != 0) {
    done = absl::InternalError(absl::StrCat("rename to ", destination, ": ", std::strerror(errno)));
  }
  if (!done.ok()) {
    unlink(tmp.c_str());
    unlink((tmp + "-journal").c_str());
    return done;
  }
  if (absl::Status d = Sync(DirectoryOf(destination), true); !d.ok()) return d;
  if (stat(destination.c_str(), &st) == 0) s->bytes = st.st_size;
  return s;
}

}  // namespace sstrack::catalog
