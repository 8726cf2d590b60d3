// Copyright sstrack authors.
//
// service/auth.h — bearer tokens per sensor and per operator, stored hashed.
//
// The token file has one principal per line, `#` starts a comment:
//   sensor   BISEI  <sha256 of the token, 64 hex digits>
//   operator alice  <sha256 ...>
// (`sstrack token-hash TOKEN` prints the hash). A request carries the
// metadata `authorization: Bearer <token>`; the server hashes the token and
// looks the hash up, so the file never holds a usable secret.
//
// Status codes: no or malformed authorization, or an unknown token →
// UNAUTHENTICATED; a known principal acting outside its role → PERMISSION_DENIED.
#ifndef SSTRACK_SERVICE_AUTH_H_
#define SSTRACK_SERVICE_AUTH_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sstrack::service {

enum class Role { kSensor, kOperator };

struct Principal {
  Role role = Role::kSensor;
  std::string name;  // the sensor's name, or the operator's
};

class TokenStore {
 public:
  // Parses the token file text; errors name `source`:line.
  static absl::StatusOr<TokenStore> Parse(absl::string_view text, absl::string_view source);
  static absl::StatusOr<TokenStore> Read(const std::string& path);
  // Adds a principal with a clear-text token (tests, the demo).
  void AddToken(Role role, const std::string& name, absl::string_view token);

  // `authorization` is the metadata value ("Bearer <token>").
  absl::StatusOr<Principal> Authenticate(absl::string_view authorization) const;
  size_t size() const { return by_hash_.size(); }

 private:
  absl::flat_hash_map<std::string, Principal> by_hash_;  // hex SHA-256 → who
};

// One token-file line for a clear-text token.
std::string TokenFileLine(Role role, const std::string& name, absl::string_view token);

// Checks that `who` may act as sensor `sensor` (itself, or any operator when
// `operator_allowed`): PERMISSION_DENIED otherwise.
absl::Status CheckSensorAccess(const Principal& who, const std::string& sensor,
                               bool operator_allowed);
// Operators only.
absl::Status CheckOperator(const Principal& who);

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_AUTH_H_
