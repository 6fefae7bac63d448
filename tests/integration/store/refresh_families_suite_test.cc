// RefreshFamilyRepository contract (tars.md §3.3), run against SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store_fixture.h"
#include "test_records.h"

namespace tars::test {
namespace {

class FamilyTest : public StoreSuite {
 protected:
  void SetUp() override {
    StoreSuite::SetUp();
    if (HasFatalFailure())
      return;
    ASSERT_OK(store().users().create(makeUser("u1", "alice", now())));
    ASSERT_OK(store().refreshFamilies().create(makeFamily("fam", "u1", "jti-1", now())));
  }
};

TEST_P(FamilyTest, CreateThenGetFamilyAndToken) {
  auto f = store().refreshFamilies().get("fam");
  ASSERT_OK(f);
  EXPECT_EQ(*f, makeFamily("fam", "u1", "jti-1", now()));
  auto t = store().refreshFamilies().getToken("jti-1");
  ASSERT_OK(t);
  EXPECT_EQ(t->family_id, "fam");
  EXPECT_FALSE(t->used_at.has_value());
}

TEST_P(FamilyTest, CreateConflictsAndMissingUser) {
  EXPECT_CODE(store().refreshFamilies().create(makeFamily("fam", "u1", "jti-9", now())),
              StatusCode::kAlreadyExists);
  EXPECT_CODE(store().refreshFamilies().create(makeFamily("fam-2", "u1", "jti-1", now())),
              StatusCode::kAlreadyExists);
  EXPECT_CODE(store().refreshFamilies().create(makeFamily("fam-3", "ghost", "jti-3", now())),
              StatusCode::kNotFound);
  EXPECT_CODE(store().refreshFamilies().get("nope"), StatusCode::kNotFound);
  EXPECT_CODE(store().refreshFamilies().getToken("nope"), StatusCode::kNotFound);
}

TEST_P(FamilyTest, RotateIsSingleUseCompareAndSet) {
  clock_.advance(std::chrono::seconds(10));
  ASSERT_OK(store().refreshFamilies().rotate("fam", "jti-1", "jti-2", now()));
  auto f = store().refreshFamilies().get("fam");
  ASSERT_OK(f);
  EXPECT_EQ(f->current_jti, "jti-2");
  EXPECT_EQ(f->updated_at, store::truncateToMillis(now()));
  auto used = store().refreshFamilies().getToken("jti-1");
  ASSERT_OK(used);
  EXPECT_EQ(used->used_at, store::truncateToMillis(now()));
  EXPECT_FALSE(store().refreshFamilies().getToken("jti-2")->used_at.has_value());

  // Replaying the used token fails and changes nothing.
  EXPECT_CODE(store().refreshFamilies().rotate("fam", "jti-1", "jti-3", now()),
              StatusCode::kFailedPrecondition);
  EXPECT_EQ(store().refreshFamilies().get("fam")->current_jti, "jti-2");
  EXPECT_CODE(store().refreshFamilies().getToken("jti-3"), StatusCode::kNotFound);
}

TEST_P(FamilyTest, RotateErrors) {
  EXPECT_CODE(store().refreshFamilies().rotate("nope", "jti-1", "jti-2", now()),
              StatusCode::kNotFound);
  // The new jti must be fresh; the failed attempt leaves the family untouched.
  ASSERT_OK(store().users().create(makeUser("u2", "bob", now())));
  ASSERT_OK(store().refreshFamilies().create(makeFamily("fam-b", "u2", "jti-b", now())));
  EXPECT_CODE(store().refreshFamilies().rotate("fam", "jti-1", "jti-b", now()),
              StatusCode::kAlreadyExists);
  EXPECT_EQ(store().refreshFamilies().get("fam")->current_jti, "jti-1");
}

TEST_P(FamilyTest, RotateRefusedWhenRevokedOrExpired) {
  ASSERT_OK(store().refreshFamilies().revoke("fam", now(), "logout"));
  EXPECT_CODE(store().refreshFamilies().rotate("fam", "jti-1", "jti-2", now()),
              StatusCode::kFailedPrecondition);

  ASSERT_OK(store().refreshFamilies().create(makeFamily("old", "u1", "jti-o", now())));
  clock_.advance(std::chrono::hours(24 * 31));
  EXPECT_CODE(store().refreshFamilies().rotate("old", "jti-o", "jti-p", now()),
              StatusCode::kFailedPrecondition);
}

TEST_P(FamilyTest, ConcurrentRotationsOfOneTokenHaveExactlyOneWinner) {
  // Several stores = several processes; several threads each.
  std::vector<std::unique_ptr<store::Store>> stores;
  stores.push_back(openAgain());
  stores.push_back(openAgain());
  ASSERT_TRUE(stores[0] && stores[1]);
  constexpr int kThreads = 8;
  std::atomic<int> ok{0}, cas_failed{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Status s = stores[i % 2]->refreshFamilies().rotate("fam", "jti-1",
                                                         "jti-new-" + std::to_string(i), now());
      if (s.isOk())
        ++ok;
      else if (s.code() == StatusCode::kFailedPrecondition)
        ++cas_failed;
      else
        ++other;
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(cas_failed.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
}

TEST_P(FamilyTest, RevokeIsIdempotentAndFeedsOnce) {
  ASSERT_OK(store().refreshFamilies().revoke("fam", now(), "logout"));
  const auto first = store::truncateToMillis(now());
  clock_.advance(std::chrono::minutes(1));
  ASSERT_OK(store().refreshFamilies().revoke("fam", now(), "reuse_detected"));
  auto f = store().refreshFamilies().get("fam");
  ASSERT_OK(f);
  EXPECT_EQ(f->revoked_at, first);
  EXPECT_EQ(f->revoke_reason, "logout");
  auto feed = store().revocations().changesSince(0, 10);
  ASSERT_OK(feed);
  ASSERT_EQ(feed->changes.size(), 1u);
  EXPECT_EQ(feed->changes[0].id, "fam");
  EXPECT_EQ(feed->changes[0].expires_at, f->expires_at);
  EXPECT_CODE(store().refreshFamilies().revoke("nope", now(), "logout"), StatusCode::kNotFound);
}

TEST_P(FamilyTest, RevokeAllForUserReturnsOnlyNewlyRevoked) {
  ASSERT_OK(store().refreshFamilies().create(makeFamily("fam-2", "u1", "jti-2", now())));
  ASSERT_OK(store().refreshFamilies().revoke("fam-2", now(), "logout"));
  ASSERT_OK(store().refreshFamilies().create(makeFamily("fam-3", "u1", "jti-3", now())));
  auto ids = store().refreshFamilies().revokeAllForUser("u1", now(), "password_changed");
  ASSERT_OK(ids);
  std::sort(ids->begin(), ids->end());
  EXPECT_EQ(*ids, (std::vector<std::string>{"fam", "fam-3"}));
  auto again = store().refreshFamilies().revokeAllForUser("u1", now(), "password_changed");
  ASSERT_OK(again);
  EXPECT_TRUE(again->empty());
}

TEST_P(FamilyTest, PurgeExpiredDropsFamiliesAndTheirTokens) {
  ASSERT_OK(store().refreshFamilies().rotate("fam", "jti-1", "jti-2", now()));
  clock_.advance(std::chrono::hours(24 * 10));
  ASSERT_OK(store().refreshFamilies().create(makeFamily("young", "u1", "jti-y", now())));
  clock_.advance(std::chrono::hours(24 * 25));  // fam is 35 days old, young 25
  auto purged = store().refreshFamilies().purgeExpired(now());
  ASSERT_OK(purged);
  EXPECT_EQ(*purged, 1);
  EXPECT_CODE(store().refreshFamilies().get("fam"), StatusCode::kNotFound);
  EXPECT_CODE(store().refreshFamilies().getToken("jti-1"), StatusCode::kNotFound);
  EXPECT_CODE(store().refreshFamilies().getToken("jti-2"), StatusCode::kNotFound);
  EXPECT_OK(store().refreshFamilies().get("young"));
}

TEST_P(FamilyTest, CountActiveLeavesOutRevokedAndExpiredFamilies) {
  auto count = [&] {
    auto n = store().refreshFamilies().countActive(now());
    EXPECT_OK(n);
    return n.isOk() ? *n : -1;
  };
  EXPECT_EQ(count(), 1);
  ASSERT_OK(store().refreshFamilies().create(makeFamily("fam-2", "u1", "jti-2", now())));
  ASSERT_OK(store().refreshFamilies().create(makeFamily("fam-3", "u1", "jti-3", now())));
  EXPECT_EQ(count(), 3);
  ASSERT_OK(store().refreshFamilies().revoke("fam-2", now(), "logout"));
  EXPECT_EQ(count(), 2);
  clock_.advance(std::chrono::hours(24 * 10));
  ASSERT_OK(store().refreshFamilies().create(makeFamily("young", "u1", "jti-y", now())));
  clock_.advance(std::chrono::hours(24 * 25));  // fam and fam-3 expired (30 days), young not
  EXPECT_EQ(count(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, FamilyTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), backendName);

}  // namespace
}  // namespace tars::test
