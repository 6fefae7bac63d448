#include "identity/revocation/revocation_set.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "test_util/fake_clock.h"

namespace tars::identity {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

store::RevocationChange change(store::RevocationKind kind, std::string id,
                               std::optional<store::Timestamp> expires_at) {
  store::RevocationChange c;
  c.kind = kind;
  c.id = std::move(id);
  c.expires_at = expires_at;
  return c;
}

class RevocationSetTest : public ::testing::Test {
 protected:
  test::FakeClock clock_;
  RevocationSet set_{clock_};
};

TEST_F(RevocationSetTest, JtiIsDeniedUntilItsExpiry) {
  const auto exp = clock_.now() + minutes(60);
  set_.denyJti("jti-1", exp);
  EXPECT_TRUE(set_.isJtiDenied("jti-1"));
  EXPECT_FALSE(set_.isJtiDenied("jti-2"));
  EXPECT_FALSE(set_.isFamilyRevoked("jti-1"));  // the sets are separate
  clock_.advance(minutes(60) - std::chrono::milliseconds(1));
  EXPECT_TRUE(set_.isJtiDenied("jti-1"));
  clock_.advance(std::chrono::milliseconds(1));
  EXPECT_FALSE(set_.isJtiDenied("jti-1"));  // at expires_at it no longer counts
}

TEST_F(RevocationSetTest, FamilyIsRevokedUntilItsExpiry) {
  set_.revokeFamily("fam-1", clock_.now() + hours(1));
  EXPECT_TRUE(set_.isFamilyRevoked("fam-1"));
  EXPECT_FALSE(set_.isFamilyRevoked("fam-2"));
  clock_.advance(hours(1));
  EXPECT_FALSE(set_.isFamilyRevoked("fam-1"));
}

TEST_F(RevocationSetTest, ApiKeyRevocationNeverExpires) {
  set_.revokeApiKey("abcdefghijkl");
  clock_.advance(hours(24 * 3650));
  EXPECT_TRUE(set_.isApiKeyRevoked("abcdefghijkl"));
  EXPECT_FALSE(set_.isApiKeyRevoked("abcdefghijkm"));
  EXPECT_EQ(set_.purgeExpired(), 0u);
  EXPECT_TRUE(set_.isApiKeyRevoked("abcdefghijkl"));
}

TEST_F(RevocationSetTest, ARepeatedEntryKeepsTheLaterExpiry) {
  const auto now = clock_.now();
  set_.denyJti("j", now + minutes(10));
  set_.denyJti("j", now + minutes(5));  // an older message arriving late shortens nothing
  clock_.advance(minutes(7));
  EXPECT_TRUE(set_.isJtiDenied("j"));
  set_.revokeFamily("f", now + minutes(10));
  set_.revokeFamily("f", now + minutes(20));
  clock_.advance(minutes(5));
  EXPECT_TRUE(set_.isFamilyRevoked("f"));
  EXPECT_EQ(set_.size(), 2u);
}

TEST_F(RevocationSetTest, ApplyHandlesEachKind) {
  const auto exp = clock_.now() + hours(1);
  set_.apply(change(store::RevocationKind::kJti, "jti-a", exp));
  set_.apply(change(store::RevocationKind::kFamily, "fam-a", exp));
  set_.apply(change(store::RevocationKind::kApiKey, "key-a", std::nullopt));
  set_.apply(change(store::RevocationKind::kSigningKey, "kid-a", std::nullopt));
  EXPECT_TRUE(set_.isJtiDenied("jti-a"));
  EXPECT_TRUE(set_.isFamilyRevoked("fam-a"));
  EXPECT_TRUE(set_.isApiKeyRevoked("key-a"));
  // A signing-key change is the key ring's business: nothing is added here.
  EXPECT_EQ(set_.size(), 3u);
  EXPECT_FALSE(set_.isJtiDenied("kid-a"));
  EXPECT_FALSE(set_.isApiKeyRevoked("kid-a"));
}

TEST_F(RevocationSetTest, ApplyWithoutExpiryFailsClosed) {
  set_.apply(change(store::RevocationKind::kJti, "jti-x", std::nullopt));
  set_.apply(change(store::RevocationKind::kFamily, "fam-x", std::nullopt));
  clock_.advance(hours(24 * 365 * 10));
  EXPECT_TRUE(set_.isJtiDenied("jti-x"));
  EXPECT_TRUE(set_.isFamilyRevoked("fam-x"));
  EXPECT_EQ(set_.purgeExpired(), 0u);
}

TEST_F(RevocationSetTest, PurgeDropsOnlyExpiredJtiAndFamilyEntries) {
  const auto now = clock_.now();
  set_.denyJti("short", now + minutes(1));
  set_.denyJti("long", now + hours(1));
  set_.revokeFamily("fam-short", now + minutes(1));
  set_.revokeFamily("fam-long", now + hours(1));
  set_.revokeApiKey("key");
  EXPECT_EQ(set_.purgeExpired(), 0u);
  EXPECT_EQ(set_.size(), 5u);
  clock_.advance(minutes(1));
  EXPECT_EQ(set_.purgeExpired(), 2u);
  EXPECT_EQ(set_.size(), 3u);
  EXPECT_TRUE(set_.isJtiDenied("long"));
  EXPECT_TRUE(set_.isFamilyRevoked("fam-long"));
  EXPECT_TRUE(set_.isApiKeyRevoked("key"));
  EXPECT_EQ(set_.purgeExpired(), 0u);
}

TEST_F(RevocationSetTest, LoadReplacesTheSetsAndSkipsExpiredEntries) {
  const auto now = clock_.now();
  set_.denyJti("old-jti", now + hours(1));
  set_.revokeApiKey("old-key");

  store::RevocationSnapshot snapshot;
  snapshot.cursor = 42;
  snapshot.jtis = {{"j1", now + hours(1)}, {"j-expired", now}};
  snapshot.families = {{"f1", now + hours(2)}};
  snapshot.api_key_ids = {"k1", "k2"};
  set_.load(snapshot);

  EXPECT_FALSE(set_.isJtiDenied("old-jti"));
  EXPECT_FALSE(set_.isApiKeyRevoked("old-key"));
  EXPECT_TRUE(set_.isJtiDenied("j1"));
  EXPECT_FALSE(set_.isJtiDenied("j-expired"));
  EXPECT_TRUE(set_.isFamilyRevoked("f1"));
  EXPECT_TRUE(set_.isApiKeyRevoked("k1"));
  EXPECT_TRUE(set_.isApiKeyRevoked("k2"));
  EXPECT_EQ(set_.size(), 4u);  // the expired jti was not even stored
}

TEST_F(RevocationSetTest, LookupsTakeAnyStringView) {
  const std::string backing = "xxjti-viewxx";
  set_.denyJti("jti-view", clock_.now() + hours(1));
  EXPECT_TRUE(set_.isJtiDenied(std::string_view(backing).substr(2, 8)));
  EXPECT_FALSE(set_.isJtiDenied(std::string_view(backing).substr(2, 7)));
  EXPECT_FALSE(set_.isJtiDenied(""));
}

TEST_F(RevocationSetTest, ConcurrentReadersAndWritersSeeEveryCompletedWrite) {
  // Many ids across all shards; readers run while writers add. Every id a writer finished adding
  // is visible afterwards.
  const auto exp = clock_.now() + hours(1);
  constexpr int kWriters = 4, kPerWriter = 2000;
  std::atomic<bool> done{false};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i)
        set_.denyJti("w" + std::to_string(w) + "-" + std::to_string(i), exp);
    });
  }
  std::thread reader([&] {
    std::size_t seen = 0;
    while (!done.load()) {
      for (int i = 0; i < 100; ++i)
        seen += set_.isJtiDenied("w0-" + std::to_string(i)) ? 1 : 0;
    }
    (void)seen;
  });
  for (auto& t : threads)
    t.join();
  done.store(true);
  reader.join();
  EXPECT_EQ(set_.size(), static_cast<std::size_t>(kWriters * kPerWriter));
  for (int w = 0; w < kWriters; ++w)
    for (int i = 0; i < kPerWriter; i += 97)
      EXPECT_TRUE(set_.isJtiDenied("w" + std::to_string(w) + "-" + std::to_string(i)));
}

}  // namespace
}  // namespace tars::identity
