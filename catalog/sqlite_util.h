// Copyright sstrack authors.
//
// catalog/sqlite_util.h — internal: a prepared-statement wrapper for the
// catalog's SQL. Not for use outside catalog/.
#ifndef SSTRACK_CATALOG_SQLITE_UTIL_H_
#define SSTRACK_CATALOG_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace sstrack::catalog::internal {

// A prepared statement, finalized on scope exit.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(s_); }
  absl::Status ok(const char* what) const {
    if (rc_ == SQLITE_OK) return absl::OkStatus();
    return absl::InternalError(absl::StrCat(what, ": ", sqlite3_errmsg(db_)));
  }
  sqlite3_stmt* get() { return s_; }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void Bind(int i, double v) { sqlite3_bind_double(s_, i, v); }
  void Bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindNull(int i) { sqlite3_bind_null(s_, i); }
  // Doubles as a BLOB of little-endian IEEE-754 binary64, whatever the host
  // (docs/CATALOG.md: the covariance layout).
  void BindBlob(int i, const std::vector<double>& v) {
    std::string bytes(v.size() * 8, '\0');
    for (size_t k = 0; k < v.size(); ++k) {
      uint64_t u;
      std::memcpy(&u, &v[k], 8);
      for (int b = 0; b < 8; ++b) bytes[k * 8 + b] = static_cast<char>((u >> (8 * b)) & 0xff);
    }
    sqlite3_bind_blob(s_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }
  bool IsNull(int c) { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  int BlobBytes(int c) { return sqlite3_column_bytes(s_, c); }
  std::vector<double> Blob(int c) {
    const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(s_, c));
    const int bytes = sqlite3_column_bytes(s_, c);
    std::vector<double> out(static_cast<size_t>(bytes) / 8);
    for (size_t k = 0; p && k < out.size(); ++k) {
      uint64_t u = 0;
      for (int b = 0; b < 8; ++b) u |= static_cast<uint64_t>(p[k * 8 + b]) << (8 * b);
      std::memcpy(&out[k], &u, 8);
    }
    return out;
  }
  int Step() { return sqlite3_step(s_); }
  int64_t Int(int c) { return sqlite3_column_int64(s_, c); }
  double Real(int c) { return sqlite3_column_double(s_, c); }
  std::string Text(int c) {
    const unsigned char* t = sqlite3_column_text(s_, c);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
  int rc_;
};

// sqlite3_exec; errors read "what: SQLite's message".
inline absl::Status Exec(sqlite3* db, const char* sql, const std::string& what) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) == SQLITE_OK) return absl::OkStatus();
  const std::string msg = err ? err : sqlite3_errmsg(db);
  sqlite3_free(err);
  return absl::InternalError(absl::StrCat(what, ": ", msg));
}

inline absl::StatusOr<int64_t> ScalarInt(sqlite3* db, const char* sql) {
  Stmt s(db, sql);
  if (absl::Status st = s.ok(sql); !st.ok()) return st;
  if (s.Step() != SQLITE_ROW) {
    return absl::InternalError(absl::StrCat(sql, ": ", sqlite3_errmsg(db)));
  }
  return s.Int(0);
}

// BEGIN … COMMIT around `body`; ROLLBACK on any error.
template <typename F>
absl::Status InTransaction(sqlite3* db, const char* what, F body) {
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return absl::UnavailableError(absl::StrCat(what, ": cannot start a transaction: ",
                                               sqlite3_errmsg(db)));
  }
  absl::Status s = body();
  if (s.ok() && sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    s = absl::InternalError(absl::StrCat(what, ": commit failed: ", sqlite3_errmsg(db)));
  }
  if (!s.ok()) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return s;
}

inline absl::Status StepDone(Stmt& s, sqlite3* db, const std::string& what) {
  if (s.Step() != SQLITE_DONE) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": ", sqlite3_errmsg(db)));
  }
  return absl::OkStatus();
}

}  // namespace sstrack::catalog::internal

#endif  // SSTRACK_CATALOG_SQLITE_UTIL_H_
