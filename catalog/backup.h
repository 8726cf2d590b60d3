// Copyright sstrack authors.
//
// catalog/backup.h — an online backup of a catalog database: a consistent
// copy taken while sstrackd keeps ingesting and fitting (`sstrack catalog
// backup`, docs/OPERATIONS.md "Backup").
//
// The copy is one snapshot: SQLite's backup API copies every page inside a
// single read transaction on its own connection, so it holds exactly the
// transactions committed before it began — an acknowledged batch is in the
// copy whole or not at all — and writers are not stopped (WAL). The copy is
// written under a temporary name beside the destination, checked with
// `PRAGMA integrity_check`, turned into a self-contained rollback-journal
// file, synced, and renamed into place; a backup that fails leaves nothing
// under the destination's name.
//
// Example:
//   absl::StatusOr<BackupSummary> b = BackupDatabase("sstrack.db", "/backup/sstrack-2026-12-07.db");
#ifndef SSTRACK_CATALOG_BACKUP_H_
#define SSTRACK_CATALOG_BACKUP_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace sstrack::catalog {

struct BackupSummary {
  int64_t bytes = 0;
  int schema_version = 0;
  int64_t objects = 0, observations = 0, fits = 0;
  double seconds = 0;  // time spent copying
};

// NOT_FOUND: no source; FAILED_PRECONDITION: the source is not an sstrack
// catalog; ALREADY_EXISTS: the destination exists (a backup never
// overwrites); UNAVAILABLE: the source stayed locked for `busy_timeout_s`.
absl::StatusOr<BackupSummary> BackupDatabase(const std::string& source, const std::string& destination,
                                             double busy_timeout_s = 30.0);

}  // namespace sstrack::catalog

#endif  // SSTRACK_CATALOG_BACKUP_H_
