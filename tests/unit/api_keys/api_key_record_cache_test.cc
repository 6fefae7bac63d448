// ApiKeyRecordCache: TTL on the monotonic clock, eviction, stale-insert protection, bound.

#include "identity/api_keys/api_key_record_cache.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "test_util/fake_clock.h"

namespace tars::identity {
namespace {

ApiKeyRecordConstSharedPtr record(const std::string& key_id) {
  auto r = std::make_shared<store::ApiKeyRecord>();
  r->key_id = key_id;
  r->service_name = "svc-" + key_id;
  return r;
}

TEST(ApiKeyRecordCacheTest, ServesForTheTtlOnly) {
  test::FakeClock clock;
  ApiKeyRecordCache cache(clock, std::chrono::milliseconds(2000), 100);
  EXPECT_EQ(cache.find("aaaaaaaaaaaa"), nullptr);
  cache.insert(record("aaaaaaaaaaaa"), cache.ticket());
  ASSERT_NE(cache.find("aaaaaaaaaaaa"), nullptr);
  EXPECT_EQ(cache.find("aaaaaaaaaaaa")->service_name, "svc-aaaaaaaaaaaa");
  clock.advance(std::chrono::milliseconds(1999));
  EXPECT_NE(cache.find("aaaaaaaaaaaa"), nullptr);
  clock.advance(std::chrono::milliseconds(1));
  EXPECT_EQ(cache.find("aaaaaaaaaaaa"), nullptr);
}

TEST(ApiKeyRecordCacheTest, EvictDropsAtOnce) {
  test::FakeClock clock;
  ApiKeyRecordCache cache(clock, std::chrono::milliseconds(2000), 100);
  cache.insert(record("aaaaaaaaaaaa"), cache.ticket());
  cache.insert(record("bbbbbbbbbbbb"), cache.ticket());
  cache.evict("aaaaaaaaaaaa");
  EXPECT_EQ(cache.find("aaaaaaaaaaaa"), nullptr);
  EXPECT_NE(cache.find("bbbbbbbbbbbb"), nullptr);
}

TEST(ApiKeyRecordCacheTest, AReadStartedBeforeAnEvictionIsNotCached) {
  test::FakeClock clock;
  ApiKeyRecordCache cache(clock, std::chrono::milliseconds(2000), 100);
  const auto ticket = cache.ticket();  // a verify() starts reading the store …
  cache.evict("aaaaaaaaaaaa");         // … a revoke() in this process evicts meanwhile …
  cache.insert(record("aaaaaaaaaaaa"), ticket);  // … the stale read must not come back
  EXPECT_EQ(cache.find("aaaaaaaaaaaa"), nullptr);
  cache.insert(record("aaaaaaaaaaaa"), cache.ticket());
  EXPECT_NE(cache.find("aaaaaaaaaaaa"), nullptr);
}

TEST(ApiKeyRecordCacheTest, ZeroTtlCachesNothing) {
  test::FakeClock clock;
  ApiKeyRecordCache cache(clock, std::chrono::milliseconds(0), 100);
  cache.insert(record("aaaaaaaaaaaa"), cache.ticket());
  EXPECT_EQ(cache.find("aaaaaaaaaaaa"), nullptr);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(ApiKeyRecordCacheTest, StaysWithinItsBound) {
  test::FakeClock clock;
  ApiKeyRecordCache cache(clock, std::chrono::milliseconds(2000), 3);
  cache.insert(record("aaaaaaaaaaaa"), cache.ticket());
  cache.insert(record("bbbbbbbbbbbb"), cache.ticket());
  clock.advance(std::chrono::milliseconds(2500));
  cache.insert(record("cccccccccccc"), cache.ticket());
  // Full: the two expired entries make room.
  cache.insert(record("dddddddddddd"), cache.ticket());
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_NE(cache.find("cccccccccccc"), nullptr);
  cache.insert(record("eeeeeeeeeeee"), cache.ticket());
  // Full of live entries: cleared, then the new one inserted.
  cache.insert(record("ffffffffffff"), cache.ticket());
  EXPECT_LE(cache.size(), 3u);
  EXPECT_NE(cache.find("ffffffffffff"), nullptr);
  // Replacing an existing entry never clears.
  cache.insert(record("ffffffffffff"), cache.ticket());
  EXPECT_NE(cache.find("ffffffffffff"), nullptr);
}

}  // namespace
}  // namespace tars::identity
