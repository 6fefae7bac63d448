// The verification cache (spec/cap.md §9): LRU conformance as the spec states it, TTL from
// insertion, off mode, hit ratio, uncacheable answers, the key's inputs, and concurrent use.

#include "services/verifier/verify_cache.h"

#include <gtest/gtest.h>

#include <thread>

#include "services/verifier/hash_notation.h"
#include "test_util/fake_clock.h"
#include "verify_test_util.h"

namespace tars::verifier {
namespace {

using test::parseJson;

VerifyResponse answer(int i, bool cacheable = true) {
  VerifyResponse r;
  r.manifest_hash = "m" + std::to_string(i);
  r.body_without_cache = "{\"n\":" + std::to_string(i);
  r.cacheable = cacheable;
  return r;
}

std::string key(int i) {
  return "k" + std::to_string(i);
}

TEST(VerifyCacheTest, LruConformance) {
  tars::test::FakeClock clock;
  VerifyCache cache(VerifyCacheOptions{}, clock);
  for (int i = 0; i < 1000; ++i)
    cache.insert(key(i), answer(i));
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(cache.lookup(key(i)).has_value()) << i;
  for (int i = 1000; i < 1020; ++i)
    cache.insert(key(i), answer(i));
  EXPECT_EQ(cache.size(), 1000u);
  for (int i = 0; i < 10; ++i)
    EXPECT_TRUE(cache.lookup(key(i)).has_value()) << "touched entry " << i << " was evicted";
  for (int i = 10; i < 30; ++i)
    EXPECT_FALSE(cache.lookup(key(i)).has_value()) << "entry " << i << " survived";
  for (int i = 30; i < 1020; ++i)
    EXPECT_TRUE(cache.lookup(key(i)).has_value()) << i;
}

TEST(VerifyCacheTest, HitReturnsStoredAnswerUnchanged) {
  tars::test::FakeClock clock;
  VerifyCache cache(VerifyCacheOptions{}, clock);
  cache.insert("k", answer(7));
  std::optional<VerifyResponse> hit = cache.lookup("k");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->manifest_hash, "m7");
  EXPECT_EQ(hit->body_without_cache, "{\"n\":7");
}

TEST(VerifyCacheTest, TtlCountsFromInsertionNotRefreshedByHits) {
  tars::test::FakeClock clock;
  VerifyCache cache(VerifyCacheOptions{10, std::chrono::seconds(60)}, clock);
  cache.insert("k", answer(1));
  clock.advance(std::chrono::seconds(59));
  EXPECT_TRUE(cache.lookup("k").has_value());
  clock.advance(std::chrono::seconds(1));
  EXPECT_FALSE(cache.lookup("k").has_value());
  EXPECT_EQ(cache.size(), 0u);  // removed
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
}

TEST(VerifyCacheTest, HitRatio) {
  tars::test::FakeClock clock;
  VerifyCache cache(VerifyCacheOptions{}, clock);
  EXPECT_EQ(cache.hitRatio(), 0.0);
  EXPECT_FALSE(cache.lookup("a").has_value());
  cache.insert("a", answer(1));
  EXPECT_TRUE(cache.lookup("a").has_value());
  EXPECT_TRUE(cache.lookup("a").has_value());
  EXPECT_TRUE(cache.lookup("a").has_value());
  EXPECT_EQ(cache.hits(), 3u);
  EXPECT_EQ(cache.misses(), 1u);
  EXPECT_DOUBLE_EQ(cache.hitRatio(), 0.75);
}

TEST(VerifyCacheTest, OffStoresNothingAndCountsNothing) {
  tars::test::FakeClock clock;
  VerifyCache cache(VerifyCacheOptions{0, std::chrono::seconds(3600)}, clock);
  EXPECT_FALSE(cache.enabled());
  cache.insert("a", answer(1));
  EXPECT_FALSE(cache.lookup("a").has_value());
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.hits() + cache.misses(), 0u);
  EXPECT_EQ(cache.hitRatio(), 0.0);
}

TEST(VerifyCacheTest, UncacheableAnswersAreNotStored) {
  tars::test::FakeClock clock;
  VerifyCache cache(VerifyCacheOptions{}, clock);
  cache.insert("a", answer(1, /*cacheable=*/false));
  EXPECT_FALSE(cache.lookup("a").has_value());
  EXPECT_EQ(cache.size(), 0u);
}

TEST(VerifyCacheTest, ConcurrentUse) {
  tars::test::FakeClock clock;
  VerifyCache cache(VerifyCacheOptions{64, std::chrono::seconds(3600)}, clock);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string k = key((i * 7 + t) % 100);
        if (!cache.lookup(k))
          cache.insert(k, answer(i));
      }
    });
  }
  for (std::thread& t : threads)
    t.join();
  EXPECT_LE(cache.size(), 64u);
  EXPECT_EQ(cache.hits() + cache.misses(), 8000u);
}

VerifyRequest request(std::string_view text) {
  CapOr<VerifyRequest> r = readVerifyRequest(parseJson(text).as_object());
  EXPECT_TRUE(r.isOk()) << r.status().toString();
  return r.isOk() ? std::move(r).value() : VerifyRequest{};
}

TEST(VerifyCacheKeyTest, Inputs) {
  const std::string h = "sha3-256:" + std::string(64, 'a');
  const std::string base =
      *verifyCacheKey(request(R"({"policy_id":"p","context":{"a":1,"b":2}})"), h);
  EXPECT_EQ(base.size(), 64u);
  // Options after defaulting: absent, {} and explicit defaults are one key.
  EXPECT_EQ(
      *verifyCacheKey(request(R"({"policy_id":"p","context":{"a":1,"b":2},"options":{}})"), h),
      base);
  EXPECT_EQ(
      *verifyCacheKey(
          request(
              R"({"policy_id":"p","context":{"b":2,"a":1},"options":{"adaptive":false,"check_timestamp":true}})"),
          h),
      base);
  // Everything else changes it.
  EXPECT_NE(*verifyCacheKey(request(R"({"policy_id":"p","context":{"a":1,"b":3}})"), h), base);
  EXPECT_NE(*verifyCacheKey(request(R"({"policy_id":"q","context":{"a":1,"b":2}})"), h), base);
  EXPECT_NE(*verifyCacheKey(request(R"({"policy_id":"p","context":{"a":1,"b":2}})"),
                            "sha3-256:" + std::string(64, 'b')),
            base);
  EXPECT_NE(
      *verifyCacheKey(
          request(R"({"policy_id":"p","context":{"a":1,"b":2},"options":{"adaptive":true}})"), h),
      base);
  EXPECT_NE(*verifyCacheKey(request(R"({"ir":{},"context":{"a":1,"b":2}})"), h), base);
  // The preimage, spelled out for one request.
  const std::string expected_preimage =
      R"({"backend":"mock","context":{"a":1,"b":2},"ir_hash":")" + h +
      R"(","mode":"policy_id","options":{"adaptive":false,"check_registry":true,)"
      R"("check_timestamp":true},"policy_id":"p"})";
  EXPECT_EQ(base, *s3(expected_preimage));
}

}  // namespace
}  // namespace tars::verifier
