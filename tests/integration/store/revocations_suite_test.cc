// RevocationRepository contract (tars.md §3.4), run against SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <thread>

#include "store_fixture.h"
#include "test_records.h"

namespace tars::test {
namespace {

using store::RevocationKind;

TEST_P(StoreSuite, DenyJtiIsIdempotentAndExpires) {
  const auto exp = now() + std::chrono::minutes(60);
  ASSERT_OK(store().revocations().denyJti("jti-a", exp, now()));
  ASSERT_OK(store().revocations().denyJti("jti-a", exp + std::chrono::hours(1), now()));
  EXPECT_TRUE(*store().revocations().isJtiDenied("jti-a", now()));
  EXPECT_FALSE(*store().revocations().isJtiDenied("jti-b", now()));
  EXPECT_FALSE(*store().revocations().isJtiDenied("jti-a", exp));  // first entry kept

  auto feed = store().revocations().changesSince(0, 10);
  ASSERT_OK(feed);
  ASSERT_EQ(feed->changes.size(), 1u);
  EXPECT_EQ(feed->changes[0].seq, 1);
  EXPECT_EQ(feed->changes[0].kind, RevocationKind::kJti);
  EXPECT_EQ(feed->changes[0].id, "jti-a");
  EXPECT_EQ(feed->changes[0].expires_at, store::truncateToMillis(exp));
}

TEST_P(StoreSuite, ChangesSincePagesThroughTheFeedInOrder) {
  for (int i = 1; i <= 5; ++i)
    ASSERT_OK(store().revocations().denyJti("j" + std::to_string(i), now() + std::chrono::hours(1),
                                            now()));
  auto a = store().revocations().changesSince(0, 2);
  ASSERT_OK(a);
  ASSERT_EQ(a->changes.size(), 2u);
  EXPECT_EQ(a->changes[0].id, "j1");
  EXPECT_EQ(a->next_cursor, 2);
  auto b = store().revocations().changesSince(a->next_cursor, 100);
  ASSERT_OK(b);
  ASSERT_EQ(b->changes.size(), 3u);
  EXPECT_EQ(b->changes[2].id, "j5");
  EXPECT_EQ(b->next_cursor, 5);
  auto end = store().revocations().changesSince(b->next_cursor, 100);
  ASSERT_OK(end);
  EXPECT_TRUE(end->changes.empty());
  EXPECT_EQ(end->next_cursor, 5);
}

TEST_P(StoreSuite, SnapshotHoldsEveryKindAndTheCursor) {
  ASSERT_OK(store().users().create(makeUser("u1", "alice", now())));
  ASSERT_OK(store().refreshFamilies().create(makeFamily("fam", "u1", "r1", now())));
  ASSERT_OK(store().refreshFamilies().revoke("fam", now(), "logout"));
  ASSERT_OK(store().revocations().denyJti("live", now() + std::chrono::hours(1), now()));
  ASSERT_OK(store().revocations().denyJti("dead", now() + std::chrono::seconds(1), now()));
  ASSERT_OK(store().apiKeys().create(makeKey("abcdefghijkl", "svc", now())));
  ASSERT_OK(store().apiKeys().revoke("abcdefghijkl", now()));
  clock_.advance(std::chrono::seconds(2));

  auto snap = store().revocations().snapshot(now());
  ASSERT_OK(snap);
  EXPECT_EQ(snap->cursor, 4);
  ASSERT_EQ(snap->jtis.size(), 1u);
  EXPECT_EQ(snap->jtis[0].jti, "live");
  ASSERT_EQ(snap->families.size(), 1u);
  EXPECT_EQ(snap->families[0].family_id, "fam");
  EXPECT_EQ(snap->api_key_ids, std::vector<std::string>{"abcdefghijkl"});
}

TEST_P(StoreSuite, PurgeExpiredKeepsChangesWithoutExpiry) {
  ASSERT_OK(store().revocations().denyJti("old", now() + std::chrono::seconds(1), now()));
  ASSERT_OK(store().apiKeys().create(makeKey("abcdefghijkl", "svc", now())));
  ASSERT_OK(store().apiKeys().revoke("abcdefghijkl", now()));
  clock_.advance(std::chrono::seconds(5));
  auto purged = store().revocations().purgeExpired(now());
  ASSERT_OK(purged);
  EXPECT_EQ(*purged, 2);  // the denylist row and its feed change
  auto feed = store().revocations().changesSince(0, 10);
  ASSERT_OK(feed);
  ASSERT_EQ(feed->changes.size(), 1u);
  EXPECT_EQ(feed->changes[0].kind, RevocationKind::kApiKey);
  EXPECT_EQ(feed->changes[0].seq, 2);
}

TEST_P(StoreSuite, ConcurrentRevocationsGiveAGaplessFeed) {
  auto other = openAgain();
  ASSERT_TRUE(other);
  constexpr int kThreads = 6, kEach = 10;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      store::Store& s = t % 2 ? *other : store();
      for (int i = 0; i < kEach; ++i) {
        Status st = s.revocations().denyJti("t" + std::to_string(t) + "-" + std::to_string(i),
                                            now() + std::chrono::hours(1), now());
        EXPECT_TRUE(st.isOk()) << st.toString();
      }
    });
  }
  for (auto& th : threads)
    th.join();
  auto feed = store().revocations().changesSince(0, 1000);
  ASSERT_OK(feed);
  ASSERT_EQ(feed->changes.size(), static_cast<std::size_t>(kThreads * kEach));
  for (std::size_t i = 0; i < feed->changes.size(); ++i)
    EXPECT_EQ(feed->changes[i].seq, static_cast<std::int64_t>(i + 1));
}

}  // namespace
}  // namespace tars::test
