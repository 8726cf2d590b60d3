// Copyright sstrack authors.
#include "auth/auth.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sstrack::auth {
namespace {

std::array<uint8_t, 32> Sha256(absl::string_view data) {
  std::array<uint8_t, 32> out{};
  unsigned int n = 0;
  // EVP_Digest cannot fail for SHA-256 on a memory buffer short of an
  // allocation failure; then the zero hash matches no stored token.
  if (EVP_Digest(data.data(), data.size(), out.data(), &n, EVP_sha256(), nullptr) != 1 || n != 32) {
    out.fill(0);
  }
  return out;
}

}  // namespace

std::string Sha256Hex(absl::string_view data) {
  const std::array<uint8_t, 32> h = Sha256(data);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}

bool TokenStore::Add(const std::array<uint8_t, 32>& hash, Principal who) {
  for (Entry& e : entries_) {
    if (e.hash == hash) {
      e.who = std::move(who);
      return false;
    }
  }
  entries_.push_back({hash, std::move(who)});
  return true;
}

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
    const std::string raw = absl::HexStringToBytes(hash);  // checked above: 64 hex digits
    std::array<uint8_t, 32> bytes{};
    std::memcpy(bytes.data(), raw.data(), bytes.size());
    if (!store.Add(bytes, p)) {
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
  Add(Sha256(token), Principal{role, name});
}

absl::StatusOr<Principal> TokenStore::Authenticate(absl::string_view authorization) const {
  constexpr absl::string_view kBearer = "Bearer ";
  if (authorization.empty()) {
    return absl::UnauthenticatedError("missing `authorization: Bearer <token>` metadata");
  }
  if (!absl::StartsWith(authorization, kBearer) || authorization.size() == kBearer.size()) {
    return absl::UnauthenticatedError("authorization: expected `Bearer <token>`");
  }
  const std::array<uint8_t, 32> h = Sha256(authorization.substr(kBearer.size()));
  // Every entry compared, in constant time each: the time taken says
  // nothing about which hash (or how much of it) matched.
  const Entry* found = nullptr;
  for (const Entry& e : entries_) {
    if (CRYPTO_memcmp(e.hash.data(), h.data(), h.size()) == 0) found = &e;
  }
  if (found == nullptr) return absl::UnauthenticatedError("unknown token");
  return found->who;
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

absl::Status AuthThrottle::Admit(const std::string& key, absl::Time now) const {
  absl::MutexLock l(&mu_);
  auto it = keys_.find(key);
  if (it == keys_.end() || it->second.locked_until <= now) return absl::OkStatus();
  const double wait_s = absl::ToDoubleSeconds(it->second.locked_until - now);
  return absl::ResourceExhaustedError(absl::StrCat(
      "too many failed authentications from ", key.substr(0, key.find('|')), " (",
      it->second.failures, " in a row); retry in ", std::ceil(wait_s), " s"));
}

void AuthThrottle::Failed(const std::string& key, absl::Time now) {
  absl::MutexLock l(&mu_);
  if (keys_.size() >= options_.max_keys && !keys_.contains(key)) {
    // Forget the unlocked keys, oldest failure first, down to 90 %.
    std::vector<std::pair<absl::Time, std::string>> idle;
    for (const auto& [k, st] : keys_) {
      if (st.locked_until <= now) idle.emplace_back(st.last_failure, k);
    }
    std::sort(idle.begin(), idle.end());
    const size_t target = options_.max_keys * 9 / 10;
    for (size_t i = 0; i < idle.size() && keys_.size() > target; ++i) keys_.erase(idle[i].second);
    if (keys_.size() >= options_.max_keys) return;  // all locked: count this one in no key
  }
  State& st = keys_[key];
  ++st.failures;
  st.last_failure = now;
  const int beyond = st.failures - options_.free_failures;
  if (beyond > 0) {
    const double lock_s = std::min(options_.max_s, options_.base_s * std::ldexp(1.0, std::min(beyond - 1, 30)));
    st.locked_until = now + absl::Seconds(lock_s);
  }
}

void AuthThrottle::Succeeded(const std::string& key) {
  absl::MutexLock l(&mu_);
  keys_.erase(key);
}

size_t AuthThrottle::keys() const {
  absl::MutexLock l(&mu_);
  return keys_.size();
}

namespace {

// OpenSSL's queued error reasons, oldest first; the queue is emptied.
std::string OpenSslErrors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    absl::StrAppend(&out, out.empty() ? "" : "; ", buf);
  }
  return out.empty() ? "no PEM block found" : out;
}

}  // namespace

absl::Status CheckTlsPair(absl::string_view certificate_pem, absl::string_view private_key_pem) {
  ERR_clear_error();
  BIO* cb = BIO_new_mem_buf(certificate_pem.data(), static_cast<int>(certificate_pem.size()));
  X509* cert = cb ? PEM_read_bio_X509(cb, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(cb);
  if (cert == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("certificate: not a PEM certificate (", OpenSslErrors(), ")"));
  }
  BIO* kb = BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size()));
  EVP_PKEY* key = kb ? PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(kb);
  absl::Status st;
  if (key == nullptr) {
    st = absl::InvalidArgumentError(absl::StrCat("private key: not a PEM private key (", OpenSslErrors(), ")"));
  } else if (X509_check_private_key(cert, key) != 1) {
    ERR_clear_error();
    st = absl::InvalidArgumentError("the private key does not match the certificate");
  }
  EVP_PKEY_free(key);
  X509_free(cert);
  return st;
}

std::string PeerAddress(absl::string_view peer) {
  for (absl::string_view scheme : {"ipv4:", "ipv6:"}) {
    if (!absl::StartsWith(peer, scheme)) continue;
    absl::string_view rest = peer.substr(scheme.size());
    if (absl::StartsWith(rest, "[")) {
      const size_t close = rest.find(']');
      if (close != absl::string_view::npos) return std::string(rest.substr(1, close - 1));
    }
    const size_t colon = rest.rfind(':');
    return std::string(colon == absl::string_view::npos ? rest : rest.substr(0, colon));
  }
  return std::string(peer);
}

}  // namespace sstrack::auth
