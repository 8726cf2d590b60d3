// Copyright sstrack authors.
//
// auth/auth.h — bearer tokens per sensor and per operator, stored hashed.
//
// The token file has one principal per line, `#` starts a comment:
//   sensor   BISEI  <sha256 of the token, 64 hex digits>
//   operator alice  <sha256 ...>
// (`sstrack token-hash TOKEN` prints the hash). A request carries the
// metadata `authorization: Bearer <token>`; the server hashes the token and
// looks the hash up, so the file never holds a usable secret.
//
// Hashes are OpenSSL's SHA-256; the look-up compares the request's hash
// with every stored one in constant time (CRYPTO_memcmp, no early exit).
//
// Status codes: no or malformed authorization, or an unknown token →
// UNAUTHENTICATED; a known principal acting outside its role →
// PERMISSION_DENIED; a caller locked out by AuthThrottle → RESOURCE_EXHAUSTED.
#ifndef SSTRACK_AUTH_AUTH_H_
#define SSTRACK_AUTH_AUTH_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sstrack::auth {

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
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::array<uint8_t, 32> hash;
    Principal who;
  };
  bool Add(const std::array<uint8_t, 32>& hash, Principal who);
  std::vector<Entry> entries_;
};

// SHA-256 (FIPS 180-4, OpenSSL EVP) as 64 lower-case hexadecimal digits.
std::string Sha256Hex(absl::string_view data);

// Failed-authentication throttling. A key is the caller's address without
// its port plus the principal it claims (the `sensor` of a gateway call,
// empty for operator calls). The first `free_failures` failures of a key
// cost nothing; the k-th failure after them locks the key for
// base_s·2^(k−1) s, at most max_s. While a key is locked its calls are
// refused with RESOURCE_EXHAUSTED before their token is looked at (so a
// guesser learns nothing), and no other key is affected: a valid token from
// another address, or claiming another sensor, is never delayed. A success
// clears the key. At most max_keys keys are kept (the oldest unlocked ones
// are forgotten first).
class AuthThrottle {
 public:
  struct Options {
    int free_failures = 5;
    double base_s = 1.0;
    double max_s = 300.0;
    size_t max_keys = 100000;
  };
  AuthThrottle() : AuthThrottle(Options()) {}
  explicit AuthThrottle(Options options) : options_(options) {}
  // OK, or RESOURCE_EXHAUSTED naming the address and the seconds to wait.
  absl::Status Admit(const std::string& key, absl::Time now) const;
  void Failed(const std::string& key, absl::Time now);
  void Succeeded(const std::string& key);
  size_t keys() const;

 private:
  struct State {
    int failures = 0;
    absl::Time locked_until = absl::InfinitePast();
    absl::Time last_failure = absl::InfinitePast();
  };
  Options options_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, State> keys_ ABSL_GUARDED_BY(mu_);
};

// A TLS certificate chain and private key in PEM, checked before the server
// listens: INVALID_ARGUMENT "certificate: …", "private key: …" (with
// OpenSSL's reason) or "the private key does not match the certificate".
absl::Status CheckTlsPair(absl::string_view certificate_pem, absl::string_view private_key_pem);

// The address part of a gRPC peer string: "ipv4:10.0.0.1:5050" → "10.0.0.1",
// "ipv6:[::1]:5050" → "::1"; other forms (unix:…) unchanged.
std::string PeerAddress(absl::string_view grpc_peer);

// One token-file line for a clear-text token.
std::string TokenFileLine(Role role, const std::string& name, absl::string_view token);

// Checks that `who` may act as sensor `sensor` (itself, or any operator when
// `operator_allowed`): PERMISSION_DENIED otherwise.
absl::Status CheckSensorAccess(const Principal& who, const std::string& sensor,
                               bool operator_allowed);
// Operators only.
absl::Status CheckOperator(const Principal& who);

}  // namespace sstrack::auth

#endif  // SSTRACK_AUTH_AUTH_H_
