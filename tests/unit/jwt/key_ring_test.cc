// KeyRing and kid format.
#include "jwt/key_ring.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <set>
#include <thread>

#include "jwt/jwt_test_util.h"
#include "jwt/kid.h"
#include "jwt/signer.h"
#include "jwt/token.h"
#include "test_util/fake_clock.h"

namespace tars::jwt {
namespace {

using test::kidFor;
using test::makeKey;

SigningKeyConstSharedPtr shared(Algorithm alg, int n) {
  return std::make_shared<const SigningKey>(makeKey(alg, kidFor(n)));
}

TEST(KidTest, FormatAndUniqueness) {
  tars::test::FakeClock clock;  // 2023-11-14T22:13:20Z
  auto kid = generateKid(clock.now());
  ASSERT_TRUE(kid.isOk());
  EXPECT_TRUE(kid->starts_with("key-20231114221320-")) << *kid;
  EXPECT_TRUE(isValidKid(*kid));
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    seen.insert(*generateKid(clock.now()));
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST(KidTest, Validation) {
  EXPECT_TRUE(isValidKid("key-20240101000000-0123abcd"));
  EXPECT_FALSE(isValidKid("key-20240101000000-0123ABCD"));
  EXPECT_FALSE(isValidKid("key-2024010100000-0123abcd0"));
  EXPECT_FALSE(isValidKid("kex-20240101000000-0123abcd"));
  EXPECT_FALSE(isValidKid("key-20240101000000_0123abcd"));
  EXPECT_FALSE(isValidKid("key-20240101000000-0123abc"));
  EXPECT_FALSE(isValidKid(""));
}

class KeyRingTest : public ::testing::Test {
 protected:
  tars::test::FakeClock clock_;
  KeyRing ring_{clock_};
};

TEST_F(KeyRingTest, EmptyRing) {
  EXPECT_EQ(ring_.currentSigningKey(), nullptr);
  EXPECT_EQ(ring_.findKey(kidFor(1), Algorithm::kHs256).outcome(), Outcome::kKeyIdNotFound);
  EXPECT_EQ(ring_.jwksJson(), R"({"keys":[]})");
}

TEST_F(KeyRingTest, RotationKeepsOldKeysVerifyingUntilVerifyUntil) {
  auto first = shared(Algorithm::kHs256, 1);
  ASSERT_TRUE(ring_.add({first, KeyState::kCurrent, clock_.now(), {}, {}}).isOk());
  EXPECT_EQ(ring_.currentSigningKey(), first);

  clock_.advance(std::chrono::hours(1));
  auto second = shared(Algorithm::kHs256, 2);
  auto previous = ring_.rotate(second, std::chrono::hours(24));
  ASSERT_TRUE(previous.isOk());
  EXPECT_EQ(*previous, kidFor(1));
  EXPECT_EQ(ring_.currentSigningKey(), second);

  // Both verify now; the old one until its verify_until.
  EXPECT_TRUE(ring_.findKey(kidFor(1), Algorithm::kHs256).isOk());
  EXPECT_TRUE(ring_.findKey(kidFor(2), Algorithm::kHs256).isOk());
  auto entries = ring_.entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].state, KeyState::kVerifyOnly);
  EXPECT_EQ(entries[0].retired_at, clock_.now());
  EXPECT_EQ(entries[0].verify_until, clock_.now() + std::chrono::hours(24));
  EXPECT_EQ(entries[1].state, KeyState::kCurrent);

  clock_.advance(std::chrono::hours(24) - std::chrono::seconds(1));
  EXPECT_TRUE(ring_.findKey(kidFor(1), Algorithm::kHs256).isOk());
  clock_.advance(std::chrono::seconds(1));
  EXPECT_EQ(ring_.findKey(kidFor(1), Algorithm::kHs256).outcome(), Outcome::kKeyIdNotFound);
  EXPECT_EQ(ring_.pruneExpired(), 1u);
  EXPECT_EQ(ring_.entries().size(), 1u);
}

TEST_F(KeyRingTest, RevokeStopsVerificationAtOnce) {
  auto first = shared(Algorithm::kEs256, 1);
  ASSERT_TRUE(ring_.add({first, KeyState::kCurrent, clock_.now(), {}, {}}).isOk());
  EXPECT_EQ(ring_.revoke(kidFor(1)).code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(ring_.rotate(shared(Algorithm::kEs256, 2), std::chrono::hours(1)).isOk());
  const auto before = ring_.generation();
  ASSERT_TRUE(ring_.revoke(kidFor(1)).isOk());
  EXPECT_NE(ring_.generation(), before);
  auto r = ring_.findKey(kidFor(1), Algorithm::kEs256);
  EXPECT_EQ(r.outcome(), Outcome::kKeyIdNotFound);
  EXPECT_EQ(r.failure().reason(), "signing key revoked");
  EXPECT_TRUE(ring_.revoke(kidFor(1)).isOk());  // idempotent
  EXPECT_EQ(ring_.revoke(kidFor(9)).code(), StatusCode::kNotFound);
  // A revoked key is not published.
  auto jwks = boost::json::parse(ring_.jwksJson()).as_object();
  ASSERT_EQ(jwks.at("keys").as_array().size(), 1u);
  EXPECT_EQ(jwks.at("keys").as_array()[0].as_object().at("kid").as_string(), kidFor(2));
}

TEST_F(KeyRingTest, AddRefusesDuplicatesSecondCurrentAndBadKids) {
  ASSERT_TRUE(
      ring_.add({shared(Algorithm::kHs256, 1), KeyState::kCurrent, clock_.now(), {}, {}}).isOk());
  EXPECT_EQ(
      ring_.add({shared(Algorithm::kHs256, 1), KeyState::kVerifyOnly, clock_.now(), {}, {}}).code(),
      StatusCode::kAlreadyExists);
  EXPECT_EQ(
      ring_.add({shared(Algorithm::kHs256, 2), KeyState::kCurrent, clock_.now(), {}, {}}).code(),
      StatusCode::kFailedPrecondition);
  auto badly_named =
      std::make_shared<const SigningKey>(makeKey(Algorithm::kHs256, "not-a-ring-kid"));
  EXPECT_EQ(ring_.add({badly_named, KeyState::kVerifyOnly, clock_.now(), {}, {}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ring_.add({nullptr, KeyState::kVerifyOnly, clock_.now(), {}, {}}).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(KeyRingTest, ReplaceAllIsAllOrNothing) {
  ASSERT_TRUE(
      ring_.add({shared(Algorithm::kHs256, 1), KeyState::kCurrent, clock_.now(), {}, {}}).isOk());
  std::vector<KeyRingEntry> two_current = {
      {shared(Algorithm::kHs256, 2), KeyState::kCurrent, clock_.now(), {}, {}},
      {shared(Algorithm::kHs256, 3), KeyState::kCurrent, clock_.now(), {}, {}}};
  EXPECT_FALSE(ring_.replaceAll(two_current).isOk());
  EXPECT_EQ(ring_.currentSigningKey()->kid(), kidFor(1));
  std::vector<KeyRingEntry> fresh = {
      {shared(Algorithm::kEs256, 4), KeyState::kCurrent, clock_.now(), {}, {}},
      {shared(Algorithm::kRs256, 5), KeyState::kVerifyOnly, clock_.now(), {}, {}},
      {shared(Algorithm::kHs256, 6), KeyState::kVerifyOnly, clock_.now(), {}, {}},
      {shared(Algorithm::kEs256, 7), KeyState::kRevoked, clock_.now(), {}, {}}};
  ASSERT_TRUE(ring_.replaceAll(fresh).isOk());
  EXPECT_EQ(ring_.currentSigningKey()->kid(), kidFor(4));
  EXPECT_EQ(ring_.findKey(kidFor(1), Algorithm::kHs256).outcome(), Outcome::kKeyIdNotFound);
  // JWKS: ES256 and RS256 keys that verify; never HMAC, never revoked.
  auto jwks = boost::json::parse(ring_.jwksJson()).as_object();
  const auto& keys = jwks.at("keys").as_array();
  ASSERT_EQ(keys.size(), 2u);
  std::set<std::string> algs;
  for (const auto& k : keys) {
    algs.insert(std::string(k.as_object().at("alg").as_string()));
    EXPECT_EQ(k.as_object().at("use").as_string(), "sig");
    EXPECT_FALSE(k.as_object().contains("d"));
    EXPECT_FALSE(k.as_object().contains("k"));
  }
  EXPECT_EQ(algs, (std::set<std::string>{"ES256", "RS256"}));
}

TEST_F(KeyRingTest, ConcurrentReadersAndARotation) {
  ASSERT_TRUE(
      ring_.add({shared(Algorithm::kHs256, 1), KeyState::kCurrent, clock_.now(), {}, {}}).isOk());
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        if (!ring_.findKey(kidFor(1), Algorithm::kHs256).isOk() || !ring_.currentSigningKey())
          ++failures;
      }
    });
  }
  for (int n = 2; n < 20; ++n) {
    ASSERT_TRUE(ring_.rotate(shared(Algorithm::kHs256, n), std::chrono::hours(1)).isOk());
  }
  for (auto& t : readers)
    t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace tars::jwt
