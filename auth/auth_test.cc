// Copyright sstrack authors.
#include "auth/auth.h"

#include <cctype>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace sstrack::auth {
namespace {

TEST(TokenStore, HashedFileAuthenticatesRoles) {
  const std::string text = absl::StrCat("# tokens\n", TokenFileLine(Role::kSensor, "BISEI", "s3cret"),
                                        "operator alice ", Sha256Hex("op-token"), "  # alice\n");
  EXPECT_EQ(text.find("s3cret"), std::string::npos);  // never the clear token
  auto store = TokenStore::Parse(text, "tokens.txt");
  ASSERT_TRUE(store.ok()) << store.status();
  auto s = store->Authenticate("Bearer s3cret");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->role, Role::kSensor);
  EXPECT_EQ(s->name, "BISEI");
  auto o = store->Authenticate("Bearer op-token");
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->role, Role::kOperator);
  EXPECT_EQ(store->Authenticate("Bearer wrong").status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(store->Authenticate("").status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(store->Authenticate("s3cret").status().code(), absl::StatusCode::kUnauthenticated);
  // Roles.
  EXPECT_TRUE(CheckSensorAccess(*s, "BISEI", false).ok());
  EXPECT_EQ(CheckSensorAccess(*s, "HALEAKALA", true).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckSensorAccess(*o, "HALEAKALA", true).ok());
  EXPECT_EQ(CheckSensorAccess(*o, "HALEAKALA", false).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(CheckOperator(*s).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckOperator(*o).ok());
}

TEST(TokenStore, BadLinesNamed) {
  auto bad = TokenStore::Parse("sensor X abc\n", "t.txt");
  EXPECT_NE(bad.status().message().find("t.txt:1"), std::string::npos) << bad.status();
  bad = TokenStore::Parse(absl::StrCat("admin X ", Sha256Hex("a"), "\n"), "t.txt");
  EXPECT_NE(bad.status().message().find("role"), std::string::npos);
}

// FIPS 180-4 / NIST CSRC example vectors.
TEST(Sha256, NistVectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(TokenStore, UpperCaseHashesAndReplacedEntries) {
  std::string upper = Sha256Hex("tok");
  for (char& c : upper) c = static_cast<char>(std::toupper(c));
  auto store = TokenStore::Parse(absl::StrCat("sensor BISEI ", upper, "\n"), "t");
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ(store->Authenticate("Bearer tok")->name, "BISEI");
  EXPECT_FALSE(TokenStore::Parse(absl::StrCat("sensor A ", upper, "\nsensor B ", upper, "\n"), "t").ok());
  store->AddToken(Role::kOperator, "ops", "tok");  // the same token, another principal
  EXPECT_EQ(store->size(), 1u);
  EXPECT_EQ(store->Authenticate("Bearer tok")->role, Role::kOperator);
}

TEST(AuthThrottle, LocksOneKeyWithBackoffAndASuccessClearsIt) {
  AuthThrottle t({.free_failures = 3, .base_s = 2, .max_s = 10, .max_keys = 4});
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  const std::string bad = "10.0.0.1|BISEI", good = "10.0.0.1|HALEAKALA", other = "10.0.0.2|BISEI";
  for (int k = 0; k < 3; ++k) {
    EXPECT_TRUE(t.Admit(bad, t0).ok());
    t.Failed(bad, t0);
  }
  EXPECT_TRUE(t.Admit(bad, t0).ok());  // three are free
  t.Failed(bad, t0);                    // the 4th locks for 2 s
  auto locked = t.Admit(bad, t0 + absl::Seconds(1));
  EXPECT_EQ(locked.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(locked.message().find("from 10.0.0.1 (4 in a row); retry in 1 s"), std::string::npos) << locked;
  EXPECT_TRUE(t.Admit(good, t0).ok());   // another principal
  EXPECT_TRUE(t.Admit(other, t0).ok());  // another address
  EXPECT_TRUE(t.Admit(bad, t0 + absl::Seconds(2)).ok());
  t.Failed(bad, t0 + absl::Seconds(2));  // the 5th: 4 s
  EXPECT_FALSE(t.Admit(bad, t0 + absl::Seconds(5.9)).ok());
  EXPECT_TRUE(t.Admit(bad, t0 + absl::Seconds(6)).ok());
  t.Failed(bad, t0 + absl::Seconds(6));  // 8 s
  t.Failed(bad, t0 + absl::Seconds(6));  // 16 s → the 10 s cap
  EXPECT_FALSE(t.Admit(bad, t0 + absl::Seconds(15.9)).ok());
  EXPECT_TRUE(t.Admit(bad, t0 + absl::Seconds(16)).ok());
  t.Succeeded(bad);
  t.Failed(bad, t0 + absl::Seconds(16));
  EXPECT_TRUE(t.Admit(bad, t0 + absl::Seconds(16)).ok());  // counting from zero again
  // Bounded memory: the oldest unlocked keys go first.
  for (int k = 0; k < 10; ++k) t.Failed(absl::StrCat("10.0.1.", k, "|"), t0 + absl::Seconds(20 + k));
  EXPECT_LE(t.keys(), 4u);
}

TEST(AuthThrottle, PeerAddressDropsThePort) {
  EXPECT_EQ(PeerAddress("ipv4:127.0.0.1:50123"), "127.0.0.1");
  EXPECT_EQ(PeerAddress("ipv6:[::1]:50123"), "::1");
  EXPECT_EQ(PeerAddress("ipv6:[2001:db8::7]:1"), "2001:db8::7");
  EXPECT_EQ(PeerAddress("unix:/tmp/s"), "unix:/tmp/s");
}

}  // namespace
}  // namespace sstrack::auth
