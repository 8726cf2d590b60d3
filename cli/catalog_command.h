// Copyright sstrack authors.
//
// cli/catalog_command.h — `sstrack catalog import|list|show|backup` over the SQLite
// catalog (--db, default ./sstrack.db).
#ifndef SSTRACK_CLI_CATALOG_COMMAND_H_
#define SSTRACK_CLI_CATALOG_COMMAND_H_

#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace sstrack::cli {

struct CatalogOptions {
  std::string db = "sstrack.db";
  std::vector<std::string> files;  // import
  int id = 0;                      // show
  std::string destination;         // backup
  bool json = false;
};

// Valid records of every file are imported in one transaction per file;
// rejected ones are listed with file:line and make the status
// FAILED_PRECONDITION after the summary is printed.
absl::Status RunCatalogImport(const CatalogOptions& o, std::FILE* out, std::FILE* err);
absl::Status RunCatalogList(const CatalogOptions& o, std::FILE* out);
// `now` is injected (the binary passes the wall clock) for the state's age.
absl::Status RunCatalogShow(const CatalogOptions& o, absl::Time now, std::FILE* out);
// An online backup of o.db to o.destination (catalog/backup.h).
absl::Status RunCatalogBackup(const CatalogOptions& o, std::FILE* out);

}  // namespace sstrack::cli

#endif  // SSTRACK_CLI_CATALOG_COMMAND_H_
