// Copyright sstrack authors.
//
// service/sha256.h — SHA-256 (FIPS 180-4) of a byte string, for the stored
// token hashes. Small and dependency-free; checked against the FIPS 180-4
// example vectors in sha256_test.cc.
//
// Example:
//   std::string hex = Sha256Hex("abc");  // "ba7816bf..."
#ifndef SSTRACK_SERVICE_SHA256_H_
#define SSTRACK_SERVICE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace sstrack::service {

std::array<uint8_t, 32> Sha256(absl::string_view data);
// Lower-case hexadecimal, 64 characters.
std::string Sha256Hex(absl::string_view data);

}  // namespace sstrack::service

#endif  // SSTRACK_SERVICE_SHA256_H_
