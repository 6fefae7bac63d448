// ApiKeyRepository contract (tars.md §3.8), run against SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include "store_fixture.h"
#include "test_records.h"

namespace tars::test {
namespace {

using store::ApiKeyRecord;

TEST_P(StoreSuite, ApiKeyRoundTripsEveryFieldIncludingBinaryDigests) {
  ApiKeyRecord k = makeKey("abcdefghijkl", "billing", now());
  k.expires_at = store::truncateToMillis(now() + std::chrono::hours(24));
  k.scopes = {};
  ASSERT_OK(store().apiKeys().create(k));
  auto got = store().apiKeys().get("abcdefghijkl");
  ASSERT_OK(got);
  EXPECT_EQ(*got, k);
  EXPECT_EQ(got->secret_sha256.size(), 32u);
  EXPECT_CODE(store().apiKeys().get("zzzzzzzzzzzz"), StatusCode::kNotFound);
}

TEST_P(StoreSuite, ApiKeyServiceNameUniqueAmongActiveKeys) {
  ASSERT_OK(store().apiKeys().create(makeKey("aaaaaaaaaaaa", "Billing", now())));
  EXPECT_CODE(store().apiKeys().create(makeKey("bbbbbbbbbbbb", "billing", now())),
              StatusCode::kAlreadyExists);
  EXPECT_CODE(store().apiKeys().create(makeKey("aaaaaaaaaaaa", "other", now())),
              StatusCode::kAlreadyExists);
  ASSERT_OK(store().apiKeys().revoke("aaaaaaaaaaaa", now()));
  EXPECT_OK(store().apiKeys().create(makeKey("bbbbbbbbbbbb", "billing", now())));
}

TEST_P(StoreSuite, ApiKeyExpiredKeyReleasesItsName) {
  ApiKeyRecord k = makeKey("aaaaaaaaaaaa", "reports", now());
  k.expires_at = store::truncateToMillis(now() + std::chrono::hours(1));
  ASSERT_OK(store().apiKeys().create(k));
  EXPECT_CODE(store().apiKeys().create(makeKey("bbbbbbbbbbbb", "reports", now())),
              StatusCode::kAlreadyExists);
  clock_.advance(std::chrono::hours(2));
  ASSERT_OK(store().apiKeys().create(makeKey("bbbbbbbbbbbb", "reports", now())));
  auto old = store().apiKeys().get("aaaaaaaaaaaa");
  ASSERT_OK(old);
  EXPECT_EQ(old->revoked_at, k.expires_at);
}

TEST_P(StoreSuite, ApiKeyRotateWithoutGraceKillsTheOldDigest) {
  ASSERT_OK(store().apiKeys().create(makeKey("aaaaaaaaaaaa", "svc", now())));
  clock_.advance(std::chrono::seconds(30));
  auto rotated = store().apiKeys().rotate("aaaaaaaaaaaa", digestBytes('n'), now(), std::nullopt);
  ASSERT_OK(rotated);
  EXPECT_EQ(rotated->secret_sha256, digestBytes('n'));
  EXPECT_FALSE(rotated->previous_secret_sha256.has_value());
  EXPECT_FALSE(rotated->previous_valid_until.has_value());
  EXPECT_EQ(rotated->rotated_at, store::truncateToMillis(now()));
  EXPECT_EQ(*store().apiKeys().get("aaaaaaaaaaaa"), *rotated);
}

TEST_P(StoreSuite, ApiKeyRotateWithGraceKeepsTheOldDigestUntilThen) {
  ApiKeyRecord k = makeKey("aaaaaaaaaaaa", "svc", now());
  ASSERT_OK(store().apiKeys().create(k));
  const auto until = store::truncateToMillis(now() + std::chrono::seconds(300));
  auto rotated = store().apiKeys().rotate("aaaaaaaaaaaa", digestBytes('n'), now(), until);
  ASSERT_OK(rotated);
  EXPECT_EQ(rotated->previous_secret_sha256, k.secret_sha256);
  EXPECT_EQ(rotated->previous_valid_until, until);
  // A second rotation without grace clears the previous digest.
  auto again = store().apiKeys().rotate("aaaaaaaaaaaa", digestBytes('m'), now(), std::nullopt);
  ASSERT_OK(again);
  EXPECT_FALSE(again->previous_secret_sha256.has_value());
}

TEST_P(StoreSuite, ApiKeyRotateErrors) {
  EXPECT_CODE(store().apiKeys().rotate("zzzzzzzzzzzz", digestBytes('n'), now(), std::nullopt),
              StatusCode::kNotFound);
  ASSERT_OK(store().apiKeys().create(makeKey("aaaaaaaaaaaa", "svc", now())));
  ASSERT_OK(store().apiKeys().revoke("aaaaaaaaaaaa", now()));
  EXPECT_CODE(store().apiKeys().rotate("aaaaaaaaaaaa", digestBytes('n'), now(), std::nullopt),
              StatusCode::kFailedPrecondition);
}

TEST_P(StoreSuite, ApiKeyRevokeIsIdempotentAndFeedsOnce) {
  ASSERT_OK(store().apiKeys().create(makeKey("aaaaaaaaaaaa", "svc", now())));
  auto first = store().apiKeys().revoke("aaaaaaaaaaaa", now());
  ASSERT_OK(first);
  EXPECT_TRUE(*first);
  auto second = store().apiKeys().revoke("aaaaaaaaaaaa", now() + std::chrono::hours(1));
  ASSERT_OK(second);
  EXPECT_FALSE(*second);
  EXPECT_EQ(store().apiKeys().get("aaaaaaaaaaaa")->revoked_at, store::truncateToMillis(now()));
  EXPECT_CODE(store().apiKeys().revoke("zzzzzzzzzzzz", now()), StatusCode::kNotFound);
  auto feed = store().revocations().changesSince(0, 10);
  ASSERT_OK(feed);
  ASSERT_EQ(feed->changes.size(), 1u);
  EXPECT_EQ(feed->changes[0].kind, store::RevocationKind::kApiKey);
  EXPECT_EQ(feed->changes[0].id, "aaaaaaaaaaaa");
}

TEST_P(StoreSuite, ApiKeyListPagesAndCounts) {
  const std::vector<std::string> ids = {"aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc",
                                        "dddddddddddd", "eeeeeeeeeeee"};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    // Two keys share a created_at so the key_id tie-break is exercised.
    if (i != 2)
      clock_.advance(std::chrono::seconds(1));
    ASSERT_OK(store().apiKeys().create(makeKey(ids[i], "svc-" + ids[i], now())));
  }
  ASSERT_OK(store().apiKeys().revoke("cccccccccccc", now()));

  auto collect = [&](bool include_revoked) {
    std::vector<std::string> seen;
    store::PageRequest page{"", 2};
    while (true) {
      auto p = store().apiKeys().list(include_revoked, page);
      EXPECT_TRUE(p.isOk()) << p.status().toString();
      if (!p.isOk())
        break;
      for (const ApiKeyRecord& k : p->items)
        seen.push_back(k.key_id);
      if (!p->next_cursor)
        break;
      page.cursor = *p->next_cursor;
    }
    return seen;
  };
  EXPECT_EQ(collect(true), ids);
  EXPECT_EQ(collect(false), (std::vector<std::string>{"aaaaaaaaaaaa", "bbbbbbbbbbbb",
                                                      "dddddddddddd", "eeeeeeeeeeee"}));
  EXPECT_EQ(*store().apiKeys().count(true), 5);
  EXPECT_EQ(*store().apiKeys().count(false), 4);
  EXPECT_CODE(store().apiKeys().list(true, {"garbage", 2}), StatusCode::kInvalidArgument);
}

TEST_P(StoreSuite, ApiKeyTouchLastUsedOnlyMovesForward) {
  ASSERT_OK(store().apiKeys().create(makeKey("aaaaaaaaaaaa", "a", now())));
  ASSERT_OK(store().apiKeys().create(makeKey("bbbbbbbbbbbb", "b", now())));
  const auto t1 = store::truncateToMillis(now() + std::chrono::seconds(10));
  const auto t0 = store::truncateToMillis(now() + std::chrono::seconds(5));
  ASSERT_OK(store().apiKeys().touchLastUsed(
      {{"aaaaaaaaaaaa", t1}, {"bbbbbbbbbbbb", t0}, {"unknownkey22", t1}}));
  ASSERT_OK(store().apiKeys().touchLastUsed({{"aaaaaaaaaaaa", t0}}));
  EXPECT_EQ(store().apiKeys().get("aaaaaaaaaaaa")->last_used_at, t1);
  EXPECT_EQ(store().apiKeys().get("bbbbbbbbbbbb")->last_used_at, t0);
  EXPECT_OK(store().apiKeys().touchLastUsed({}));
}

}  // namespace
}  // namespace tars::test
