// Copyright sstrack authors.
#include "service/auth.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "service/sha256.h"

namespace sstrack::service {

absl::StatusOr<TokenStore> TokenStore::Parse(absl::string_view text, absl::string_view source) {
  TokenStore store;
  int n = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++n;
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    std::vector<absl::string_view> f = absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    const std::string where = absl::StrCat(source, ":", n, ": ");
    if (f.size() != 3) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, "expected `ROLE NAME SHA256HEX`, got ", f.size(), " fields"));
    }
    Principal p;
    if (f[0] == "sensor") p.role = Role::kSensor;
    else if (f[0] == "operator") p.role = Role::kOperator;
    else return absl::InvalidArgumentError(absl::StrCat(where, "role '", f[0], "': expected sensor or operator"));
    p.name = std::string(f[1]);
    std::string hash = absl::AsciiStrToLower(f[2]);
    if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(where, "hash: expected 64 hexadecimal digits"));
    }
    if (!store.by_hash_.emplace(hash, p).second) {
      return absl::InvalidArgumentError(absl::StrCat(where, "the same token hash twice"));
    }
  }
  return store;
}

absl::StatusOr<TokenStore> TokenStore::Read(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("token file ", path, ": cannot open"));
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

void TokenStore::AddToken(Role role, const std::string& name, absl::string_view token) {
  by_hash_[Sha256Hex(token)] = Principal{role, name};
}

absl::StatusOr<Principal> TokenStore::Authenticate(absl::string_view authorization) const {
  constexpr absl::string_view kBearer = "Bearer ";
  if (authorization.empty()) {
    return absl::UnauthenticatedError("missing `authorization: Bearer <token>` metadata");
  }
  if (!absl::StartsWith(authorization, kBearer) || authorization.size() == kBearer.size()) {
    return absl::UnauthenticatedError("authorization: expected `Bearer <token>`");
  }
  auto it = by_hash_.find(Sha256Hex(authorization.substr(kBearer.size())));
  if (it == by_hash_.end()) return absl::UnauthenticatedError("unknown token");
  return it->second;
}

std::string TokenFileLine(Role role, const std::string& name, absl::string_view token) {
  return absl::StrCat(role == Role::kSensor ? "sensor" : "operator", " ", name, " ",
                      Sha256Hex(token), "\n");
}

absl::Status CheckSensorAccess(const Principal& who, const std::string& sensor,
                               bool operator_allowed) {
  if (who.role == Role::kOperator && operator_allowed) return absl::OkStatus();
  if (who.role == Role::kSensor && who.name == sensor) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(who.role == Role::kSensor ? "sensor " : "operator ", who.name,
                   " may not act as sensor '", sensor, "'"));
}

absl::Status CheckOperator(const Principal& who) {
  if (who.role == Role::kOperator) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("sensor ", who.name, ": this call is for operators only"));
}

}  // namespace sstrack::service
