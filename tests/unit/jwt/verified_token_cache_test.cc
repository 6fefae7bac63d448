#include "jwt/verified_token_cache.h"

#include <gtest/gtest.h>

#include "test_util/fake_clock.h"

namespace tars::jwt {
namespace {

using std::chrono::seconds;

VerifiedTokenConstSharedPtr tokenExpiringAt(std::chrono::system_clock::time_point exp) {
  auto t = std::make_shared<VerifiedToken>();
  t->algorithm = Algorithm::kRs256;
  t->expires_at = exp;
  return t;
}

TEST(VerifiedTokenCacheTest, HitMissAndExpiry) {
  tars::test::FakeClock clock;
  VerifiedTokenCache cache(10);
  const auto d = VerifiedTokenCache::digestOf("token-a");
  EXPECT_EQ(cache.lookup(d, clock.now(), 1), nullptr);
  auto token = tokenExpiringAt(clock.now() + seconds(60));
  cache.insert(d, token, clock.now(), 1);
  EXPECT_EQ(cache.lookup(d, clock.now(), 1), token);
  EXPECT_EQ(cache.lookup(VerifiedTokenCache::digestOf("token-b"), clock.now(), 1), nullptr);
  clock.advance(seconds(59));
  EXPECT_EQ(cache.lookup(d, clock.now(), 1), token);
  clock.advance(seconds(1));  // at exp: never returned
  EXPECT_EQ(cache.lookup(d, clock.now(), 1), nullptr);
  EXPECT_EQ(cache.size(), 0u);  // and dropped
}

TEST(VerifiedTokenCacheTest, ExpiredTokensAreNotInserted) {
  tars::test::FakeClock clock;
  VerifiedTokenCache cache(10);
  cache.insert(VerifiedTokenCache::digestOf("t"), tokenExpiringAt(clock.now()), clock.now(), 1);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VerifiedTokenCacheTest, GenerationChangeMisses) {
  tars::test::FakeClock clock;
  VerifiedTokenCache cache(10);
  const auto d = VerifiedTokenCache::digestOf("t");
  cache.insert(d, tokenExpiringAt(clock.now() + seconds(60)), clock.now(), 7);
  EXPECT_EQ(cache.lookup(d, clock.now(), 8), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VerifiedTokenCacheTest, EvictsLeastRecentlyUsed) {
  tars::test::FakeClock clock;
  VerifiedTokenCache cache(3);
  auto exp = clock.now() + seconds(60);
  for (const char* t : {"a", "b", "c"}) {
    cache.insert(VerifiedTokenCache::digestOf(t), tokenExpiringAt(exp), clock.now(), 1);
  }
  ASSERT_NE(cache.lookup(VerifiedTokenCache::digestOf("a"), clock.now(), 1), nullptr);  // a is MRU
  cache.insert(VerifiedTokenCache::digestOf("d"), tokenExpiringAt(exp), clock.now(), 1);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.lookup(VerifiedTokenCache::digestOf("b"), clock.now(), 1), nullptr);
  EXPECT_NE(cache.lookup(VerifiedTokenCache::digestOf("a"), clock.now(), 1), nullptr);
  EXPECT_NE(cache.lookup(VerifiedTokenCache::digestOf("c"), clock.now(), 1), nullptr);
  EXPECT_NE(cache.lookup(VerifiedTokenCache::digestOf("d"), clock.now(), 1), nullptr);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VerifiedTokenCacheTest, DigestIsSha256) {
  const auto d = VerifiedTokenCache::digestOf("abc");
  EXPECT_EQ(d[0], 0xba);
  EXPECT_EQ(d[31], 0xad);
}

}  // namespace
}  // namespace tars::jwt
