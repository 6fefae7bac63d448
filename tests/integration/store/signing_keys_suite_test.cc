// SigningKeyRepository contract (tars.md §3.5), run against SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store_fixture.h"
#include "test_records.h"

namespace tars::test {
namespace {

using store::SigningKeyStatus;

TEST_P(StoreSuite, SigningKeyCreateFirstOnlyOnce) {
  auto k = makeSigningKey("key-20250101000000-0000000a", now());
  ASSERT_OK(store().signingKeys().createFirst(k));
  EXPECT_CODE(
      store().signingKeys().createFirst(makeSigningKey("key-20250101000000-0000000b", now())),
      StatusCode::kAlreadyExists);
  auto ring = store().signingKeys().list();
  ASSERT_OK(ring);
  ASSERT_EQ(ring->size(), 1u);
  EXPECT_EQ((*ring)[0], k);  // binary material intact
  EXPECT_CODE(store().signingKeys().get("nope"), StatusCode::kNotFound);
}

TEST_P(StoreSuite, SigningKeyConcurrentFirstStartsHaveOneWinner) {
  std::vector<std::unique_ptr<store::Store>> replicas;
  for (int i = 0; i < 3; ++i) {
    replicas.push_back(openAgain());
    ASSERT_TRUE(replicas.back());
  }
  std::atomic<int> ok{0}, lost{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      Status s = replicas[i % 3]->signingKeys().createFirst(
          makeSigningKey("key-20250101000000-0000000" + std::to_string(i), now()));
      if (s.isOk())
        ++ok;
      else if (s.code() == StatusCode::kAlreadyExists)
        ++lost;
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(lost.load(), 5);
  EXPECT_EQ(store().signingKeys().list()->size(), 1u);
}

TEST_P(StoreSuite, SigningKeyRotateIsCompareAndSet) {
  ASSERT_OK(store().signingKeys().createFirst(makeSigningKey("k1", now())));
  clock_.advance(std::chrono::hours(1));
  const auto verify_until = store::truncateToMillis(now() + std::chrono::hours(24 * 7));
  ASSERT_OK(store().signingKeys().rotate(makeSigningKey("k2", now()), "k1", now(), verify_until));
  auto old = store().signingKeys().get("k1");
  ASSERT_OK(old);
  EXPECT_EQ(old->status, SigningKeyStatus::kVerifyOnly);
  EXPECT_EQ(old->retired_at, store::truncateToMillis(now()));
  EXPECT_EQ(old->verify_until, verify_until);
  EXPECT_EQ(store().signingKeys().get("k2")->status, SigningKeyStatus::kCurrent);

  // A replica that still believes k1 is current loses.
  EXPECT_CODE(store().signingKeys().rotate(makeSigningKey("k3", now()), "k1", now(), verify_until),
              StatusCode::kFailedPrecondition);
  EXPECT_CODE(store().signingKeys().get("k3"), StatusCode::kNotFound);
  // A taken kid is refused and leaves the ring as it was.
  EXPECT_CODE(store().signingKeys().rotate(makeSigningKey("k1", now()), "k2", now(), verify_until),
              StatusCode::kAlreadyExists);
  EXPECT_EQ(store().signingKeys().get("k2")->status, SigningKeyStatus::kCurrent);

  auto feed = store().revocations().changesSince(0, 10);
  ASSERT_OK(feed);
  ASSERT_EQ(feed->changes.size(), 1u);
  EXPECT_EQ(feed->changes[0].kind, store::RevocationKind::kSigningKey);
  EXPECT_EQ(feed->changes[0].id, "k2");
}

TEST_P(StoreSuite, SigningKeyConcurrentRotationsHaveOneWinner) {
  ASSERT_OK(store().signingKeys().createFirst(makeSigningKey("k0", now())));
  auto other = openAgain();
  ASSERT_TRUE(other);
  std::atomic<int> ok{0}, lost{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      store::Store& s = i % 2 ? *other : store();
      Status st = s.signingKeys().rotate(makeSigningKey("r" + std::to_string(i), now()), "k0",
                                         now(), now() + std::chrono::hours(1));
      if (st.isOk())
        ++ok;
      else if (st.code() == StatusCode::kFailedPrecondition)
        ++lost;
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(lost.load(), 5);
  auto ring = store().signingKeys().list();
  ASSERT_OK(ring);
  int current = 0;
  for (const auto& k : *ring)
    current += k.status == SigningKeyStatus::kCurrent;
  EXPECT_EQ(current, 1);
  EXPECT_EQ(ring->size(), 2u);
}

TEST_P(StoreSuite, SigningKeyRevokeRules) {
  ASSERT_OK(store().signingKeys().createFirst(makeSigningKey("k1", now())));
  EXPECT_CODE(store().signingKeys().revoke("k1", now()), StatusCode::kFailedPrecondition);
  ASSERT_OK(store().signingKeys().rotate(makeSigningKey("k2", now()), "k1", now(),
                                         now() + std::chrono::hours(1)));
  ASSERT_OK(store().signingKeys().revoke("k1", now()));
  ASSERT_OK(store().signingKeys().revoke("k1", now()));  // idempotent
  auto k1 = store().signingKeys().get("k1");
  ASSERT_OK(k1);
  EXPECT_EQ(k1->status, SigningKeyStatus::kRevoked);
  EXPECT_EQ(k1->revoked_at, store::truncateToMillis(now()));
  EXPECT_CODE(store().signingKeys().revoke("nope", now()), StatusCode::kNotFound);
  auto feed = store().revocations().changesSince(0, 10);
  ASSERT_OK(feed);
  EXPECT_EQ(feed->changes.size(), 2u);  // rotate k2, revoke k1 (once)
}

TEST_P(StoreSuite, SigningKeyDeleteExpiredKeepsCurrentAndYoung) {
  ASSERT_OK(store().signingKeys().createFirst(makeSigningKey("k1", now())));
  ASSERT_OK(store().signingKeys().rotate(makeSigningKey("k2", now()), "k1", now(),
                                         now() + std::chrono::hours(1)));
  ASSERT_OK(store().signingKeys().rotate(makeSigningKey("k3", now()), "k2", now(),
                                         now() + std::chrono::hours(5)));
  clock_.advance(std::chrono::hours(2));
  auto deleted = store().signingKeys().deleteExpired(now());
  ASSERT_OK(deleted);
  EXPECT_EQ(*deleted, 1);
  EXPECT_CODE(store().signingKeys().get("k1"), StatusCode::kNotFound);
  EXPECT_OK(store().signingKeys().get("k2"));
  EXPECT_OK(store().signingKeys().get("k3"));
}

}  // namespace
}  // namespace tars::test
