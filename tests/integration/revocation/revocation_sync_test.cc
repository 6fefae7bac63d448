// RevocationSync (tars.md §3.4) against real stores — SQLite and PostgreSQL — and a real
// redis-server: several "processes" (each its own Store, RevocationSet and RevocationSync on one
// database) learn of each other's revocations by polling the feed, and much sooner through the
// `tars:revocations` broadcast while Redis is up; garbage on the channel is ignored; a dead Redis
// falls back to polling and a restarted one is resubscribed.

#include "identity/revocation/revocation_sync.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/logger.h"
#include "harness/eventually.h"
#include "identity/revocation/revocation_message.h"
#include "redis/client.h"
#include "redis_server.h"
#include "store_fixture.h"
#include "test_records.h"

namespace tars::identity {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;
using store::RevocationKind;
using test::Backend;
using test::RedisServer;

// Polls `pred` for up to `timeout` (10 s unless given).
bool waitFor(const std::function<bool()>& pred, milliseconds timeout = seconds(10)) {
  return ::tars::test::eventually(pred, timeout);
}

// One tars process's view of the shared database.
// Members are destroyed bottom-up: the sync (and its threads) first, what it uses after.
struct Process {
  std::mutex mutex;
  std::vector<store::RevocationChange> seen;  // GUARDED_BY(mutex): what the observer heard

  std::unique_ptr<store::Store> store;
  std::unique_ptr<RevocationSet> set;
  std::unique_ptr<RevocationSync> sync;

  std::size_t seenCount() {
    std::lock_guard<std::mutex> lock(mutex);
    return seen.size();
  }
  bool sawKind(RevocationKind kind, const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& c : seen)
      if (c.kind == kind && c.id == id)
        return true;
    return false;
  }
};

class RevocationSyncTest : public test::StoreSuite {
 protected:
  // A process on this test's database; started unless told otherwise.
  std::unique_ptr<Process> process(RevocationSyncOptions options, bool start = true) {
    auto p = std::make_unique<Process>();
    p->store = openAgain();
    p->set = std::make_unique<RevocationSet>(sys_);
    p->sync = std::make_unique<RevocationSync>(p->store->revocations(), *p->set, sys_, logger_,
                                               std::move(options));
    Process* raw = p.get();
    p->sync->onChange([raw](const store::RevocationChange& c) {
      std::lock_guard<std::mutex> lock(raw->mutex);
      raw->seen.push_back(c);
    });
    if (start) {
      Status started = p->sync->start();
      EXPECT_TRUE(started.isOk()) << started.toString();
    }
    return p;
  }

  static RevocationSyncOptions pollingEvery(milliseconds interval) {
    RevocationSyncOptions o;
    o.poll_interval = interval;
    o.poll_interval_with_redis = interval;
    return o;
  }

  // What the writer does (SessionService::logout): store first, then announce.
  store::RevocationChange denyAndAnnounce(Process& writer, const std::string& jti,
                                          Status* announced = nullptr) {
    store::RevocationChange c;
    c.kind = RevocationKind::kJti;
    c.id = jti;
    c.expires_at = store::truncateToMillis(sys_.now() + hours(1));
    c.created_at = sys_.now();
    EXPECT_OK(writer.store->revocations().denyJti(jti, *c.expires_at, sys_.now()));
    Status st = writer.sync->announce(c);
    if (announced != nullptr)
      *announced = st;
    return c;
  }

  std::int64_t feedHead() {
    std::int64_t cursor = 0;
    for (;;) {
      auto batch = store().revocations().changesSince(cursor, 1000);
      EXPECT_TRUE(batch.isOk());
      if (!batch.isOk() || batch->changes.empty())
        return cursor;
      cursor = batch->next_cursor;
    }
  }

  SystemClock sys_;  // the syncs run threads on real time
  Logger logger_{LogLevel::kWarn, LogFormat::kText};
};

// ---- polling only -------------------------------------------------------------------------------

TEST_P(RevocationSyncTest, StartLoadsTheSnapshotOfEveryKind) {
  const auto now = sys_.now();
  auto& s = store();
  ASSERT_OK(s.revocations().denyJti("jti-live", now + hours(1), now));
  ASSERT_OK(s.revocations().denyJti("jti-expired", now - seconds(1), now - hours(1)));
  ASSERT_OK(s.users().create(test::makeUser("usr-1", "alice", now)));
  ASSERT_OK(s.refreshFamilies().create(test::makeFamily("fam-1", "usr-1", "rjti-1", now)));
  ASSERT_OK(s.refreshFamilies().revoke("fam-1", now, "logout"));
  ASSERT_OK(s.apiKeys().create(test::makeKey("keyid0000001", "svc-a", now)));
  ASSERT_OK(s.apiKeys().revoke("keyid0000001", now));
  const std::int64_t head = feedHead();
  ASSERT_GE(head, 3);

  // A process starting now (or restarting) has everything from the snapshot, before any poll.
  auto b = process(pollingEvery(hours(1)));
  EXPECT_TRUE(b->set->isJtiDenied("jti-live"));
  EXPECT_FALSE(b->set->isJtiDenied("jti-expired"));
  EXPECT_TRUE(b->set->isFamilyRevoked("fam-1"));
  EXPECT_TRUE(b->set->isApiKeyRevoked("keyid0000001"));
  EXPECT_EQ(b->sync->cursor(), head);
  EXPECT_EQ(b->seenCount(), 0u);  // the snapshot is not replayed to observers
}

TEST_P(RevocationSyncTest, AFailingSnapshotRefusesToStart) {
  ASSERT_OK(rawExec("DROP TABLE revocation_head"));
  auto b = process(pollingEvery(milliseconds(50)), /*start=*/false);
  Status started = b->sync->start();
  EXPECT_FALSE(started.isOk());
  EXPECT_NE(started.message().find("revocation sets"), std::string::npos) << started.toString();
  EXPECT_EQ(b->set->size(), 0u);
  // Nothing runs; a second attempt is allowed (it fails the same way).
  EXPECT_FALSE(b->sync->start().isOk());
}

TEST_P(RevocationSyncTest, AChangeAnnouncedByAIsAppliedAtOnceAndSeenByBByPolling) {
  auto a = process(pollingEvery(milliseconds(100)));
  auto b = process(pollingEvery(milliseconds(100)));

  const auto c = denyAndAnnounce(*a, "jti-logout");
  // The issuing process applied it before answering (no poll involved).
  EXPECT_TRUE(a->set->isJtiDenied("jti-logout"));
  EXPECT_TRUE(a->sawKind(RevocationKind::kJti, "jti-logout"));

  EXPECT_TRUE(waitFor([&] { return b->set->isJtiDenied("jti-logout"); }, seconds(5)));
  EXPECT_TRUE(waitFor([&] { return b->sawKind(RevocationKind::kJti, "jti-logout"); }));
  EXPECT_TRUE(waitFor([&] { return b->sync->cursor() == feedHead(); }));  // set after the apply
  std::lock_guard<std::mutex> lock(b->mutex);
  ASSERT_FALSE(b->seen.empty());
  EXPECT_EQ(b->seen.front().seq, 1);  // learned from the feed: it carries its seq
  EXPECT_EQ(b->seen.front().expires_at, c.expires_at);
}

TEST_P(RevocationSyncTest, BLearnsFamiliesApiKeysAndSigningKeysFromTheFeed) {
  auto b = process(pollingEvery(milliseconds(50)));
  const auto now = sys_.now();
  auto& s = store();
  ASSERT_OK(s.users().create(test::makeUser("usr-2", "bob", now)));
  ASSERT_OK(s.refreshFamilies().create(test::makeFamily("fam-2", "usr-2", "rjti-2", now)));
  ASSERT_OK(s.refreshFamilies().revoke("fam-2", now, "reuse_detected"));
  ASSERT_OK(s.apiKeys().create(test::makeKey("keyid0000002", "svc-b", now)));
  ASSERT_OK(s.apiKeys().revoke("keyid0000002", now));
  ASSERT_OK(s.signingKeys().createFirst(test::makeSigningKey("kid-1", now)));
  ASSERT_OK(
      s.signingKeys().rotate(test::makeSigningKey("kid-2", now), "kid-1", now, now + hours(24)));

  EXPECT_TRUE(waitFor([&] { return b->sync->cursor() == feedHead(); }));
  EXPECT_TRUE(b->set->isFamilyRevoked("fam-2"));
  EXPECT_TRUE(b->set->isApiKeyRevoked("keyid0000002"));
  // The key ring's news reaches the observers; the set holds no signing keys.
  EXPECT_TRUE(b->sawKind(RevocationKind::kSigningKey, "kid-2"));
  EXPECT_EQ(b->set->size(), 2u);
}

TEST_P(RevocationSyncTest, TheCursorNeverSkipsAChange) {
  // A small batch, a fast poll and extra pollNow() calls race a writer; every change must be
  // applied exactly in feed order, none skipped.
  RevocationSyncOptions o = pollingEvery(milliseconds(5));
  o.poll_batch = 7;
  auto b = process(o);
  auto writer_store = openAgain();
  constexpr int kChanges = 150;
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    for (int i = 0; i < kChanges; ++i) {
      Status st = writer_store->revocations().denyJti("race-" + std::to_string(i),
                                                      sys_.now() + hours(1), sys_.now());
      EXPECT_TRUE(st.isOk()) << st.toString();
    }
    writing = false;
  });
  std::thread poker([&] {
    while (writing.load()) {
      (void)b->sync->pollNow();
      std::this_thread::sleep_for(milliseconds(3));
    }
  });
  writer.join();
  poker.join();
  ASSERT_OK(b->sync->pollNow());
  EXPECT_EQ(b->sync->cursor(), kChanges);

  std::lock_guard<std::mutex> lock(b->mutex);
  ASSERT_EQ(b->seen.size(), static_cast<std::size_t>(kChanges));
  for (int i = 0; i < kChanges; ++i)
    EXPECT_EQ(b->seen[static_cast<std::size_t>(i)].seq, i + 1);
  for (int i = 0; i < kChanges; ++i)
    EXPECT_TRUE(b->set->isJtiDenied("race-" + std::to_string(i))) << i;
}

TEST_P(RevocationSyncTest, PollErrorsKeepTheSetsAndTheNextTickRecovers) {
  auto b = process(pollingEvery(milliseconds(50)));
  auto a = process(pollingEvery(hours(1)));
  denyAndAnnounce(*a, "before-outage");
  ASSERT_TRUE(waitFor([&] { return b->set->isJtiDenied("before-outage"); }));
  const std::int64_t cursor = b->sync->cursor();

  // The feed table disappears under B (as a broken database would): every poll fails.
  ASSERT_OK(rawExec("ALTER TABLE revocation_changes RENAME TO revocation_changes_away"));
  EXPECT_TRUE(waitFor([&] { return b->sync->pollErrors() >= 2; }));
  EXPECT_FALSE(b->sync->pollNow().isOk());
  EXPECT_TRUE(b->set->isJtiDenied("before-outage"));  // the sets are kept
  EXPECT_EQ(b->sync->cursor(), cursor);               // and so is the cursor

  ASSERT_OK(rawExec("ALTER TABLE revocation_changes_away RENAME TO revocation_changes"));
  denyAndAnnounce(*a, "after-outage");
  EXPECT_TRUE(waitFor([&] { return b->set->isJtiDenied("after-outage"); }));
  EXPECT_TRUE(waitFor([&] { return b->sync->cursor() == feedHead(); }));  // set after the apply
}

TEST_P(RevocationSyncTest, BadOptionsAndDoubleStartAreRefused) {
  RevocationSyncOptions bad = pollingEvery(milliseconds(0));
  auto p = process(bad, /*start=*/false);
  EXPECT_EQ(p->sync->start().code(), StatusCode::kInvalidArgument);

  auto q = process(pollingEvery(hours(1)));
  EXPECT_EQ(q->sync->start().code(), StatusCode::kFailedPrecondition);
  q->sync->stop();
  q->sync->stop();  // idempotent
  // After stop() the set is still maintained by announce().
  store::RevocationChange c;
  c.kind = RevocationKind::kApiKey;
  c.id = "keyid0000009";
  EXPECT_OK(q->sync->announce(c));
  EXPECT_TRUE(q->set->isApiKeyRevoked("keyid0000009"));
}

// ---- with Redis ---------------------------------------------------------------------------------

class RevocationSyncRedisTest : public RevocationSyncTest {
 protected:
  void SetUp() override {
    RevocationSyncTest::SetUp();
    auto server = RedisServer::Start();
    ASSERT_TRUE(server.isOk()) << server.status().toString();
    redis_ = std::move(server).value();
  }

  // Polls only as a slow safety net (`with_redis`), faster while the subscription is down.
  RevocationSyncOptions withRedis(milliseconds with_redis, milliseconds without = hours(1)) {
    RevocationSyncOptions o;
    o.poll_interval = without;
    o.poll_interval_with_redis = with_redis;
    redis::RedisOptions r;
    r.port = redis_->port();
    r.command_timeout_ms = 1000;
    o.redis = r;
    o.redis_max_backoff = milliseconds(300);
    return o;
  }

  std::unique_ptr<redis::Client> publisher() {
    redis::RedisOptions r;
    r.port = redis_->port();
    r.command_timeout_ms = 1000;
    return std::move(redis::Client::Create(r)).value();
  }

  std::unique_ptr<RedisServer> redis_;
};

TEST_P(RevocationSyncRedisTest, BLearnsThroughPubSubLongBeforeItsPoll) {
  // Polls every 60 s either way: only the broadcast can explain B knowing within seconds.
  auto a = process(withRedis(seconds(60), seconds(60)));
  auto b = process(withRedis(seconds(60), seconds(60)));
  ASSERT_TRUE(waitFor([&] { return a->sync->subscribed() && b->sync->subscribed(); }));
  // Let the poll each (re)subscribe triggers finish, so it cannot be what tells B.
  std::this_thread::sleep_for(milliseconds(500));

  const auto started = std::chrono::steady_clock::now();
  Status announced;
  denyAndAnnounce(*a, "jti-broadcast", &announced);
  EXPECT_OK(announced);
  ASSERT_TRUE(waitFor([&] { return b->set->isJtiDenied("jti-broadcast"); }, seconds(5)));
  EXPECT_LT(std::chrono::steady_clock::now() - started, seconds(5));
  EXPECT_TRUE(waitFor([&] { return b->sync->messagesApplied() >= 1; }));
  ASSERT_TRUE(waitFor([&] { return b->sawKind(RevocationKind::kJti, "jti-broadcast"); }));
  {
    // The first news B had of it came from the broadcast (seq 0), not from the feed.
    std::lock_guard<std::mutex> lock(b->mutex);
    ASSERT_FALSE(b->seen.empty());
    EXPECT_EQ(b->seen.front().id, "jti-broadcast");
    EXPECT_EQ(b->seen.front().seq, 0);
  }
  // The message nudged a poll, so B's cursor caught up with the feed as well.
  EXPECT_TRUE(waitFor([&] { return b->sync->cursor() == feedHead(); }, seconds(5)));
}

TEST_P(RevocationSyncRedisTest, WithRedisDeadBStillLearnsByPollingAndResubscribesLater) {
  auto a = process(withRedis(seconds(60), milliseconds(200)));
  auto b = process(withRedis(seconds(60), milliseconds(200)));
  ASSERT_TRUE(waitFor([&] { return a->sync->subscribed() && b->sync->subscribed(); }));
  Status announced;
  denyAndAnnounce(*a, "jti-before", &announced);
  ASSERT_OK(announced);
  ASSERT_TRUE(waitFor([&] { return b->set->isJtiDenied("jti-before"); }, seconds(5)));

  redis_->kill();
  ASSERT_TRUE(waitFor([&] { return !b->sync->subscribed(); }));
  denyAndAnnounce(*a, "jti-during", &announced);
  EXPECT_FALSE(announced.isOk());                  // the publish failed, and says so
  EXPECT_TRUE(a->set->isJtiDenied("jti-during"));  // but A applied it anyway
  EXPECT_TRUE(waitFor([&] { return b->set->isJtiDenied("jti-during"); }, seconds(5)));

  ASSERT_OK(redis_->restart());
  ASSERT_TRUE(waitFor([&] { return a->sync->subscribed() && b->sync->subscribed(); }));
  const std::uint64_t applied = b->sync->messagesApplied();
  // The pooled connection A used before the crash is gone; a publish may need a fresh one.
  ASSERT_TRUE(waitFor([&] {
    Status st;
    denyAndAnnounce(*a, "jti-after", &st);
    return st.isOk();
  }));
  EXPECT_TRUE(waitFor([&] { return b->set->isJtiDenied("jti-after"); }, seconds(5)));
  // The broadcast reaches B again. (The poll B ran on resubscribing may have found the change in
  // the store first; the message still arrives.)
  EXPECT_TRUE(waitFor([&] { return b->sync->messagesApplied() > applied; }, seconds(5)));
}

TEST_P(RevocationSyncRedisTest, GarbageOnTheChannelIsIgnored) {
  auto b = process(withRedis(seconds(60), seconds(60)));
  ASSERT_TRUE(waitFor([&] { return b->sync->subscribed(); }));
  auto pub = publisher();
  const std::vector<std::string> garbage = {
      "not json",
      "{}",
      R"({"kind":"nope","id":"x","expires_at":null})",
      R"({"kind":"api_key","id":")" + std::string(300, 'k') + R"(","expires_at":null})",
      R"({"kind":"jti","id":"j","expires_at":"2025-02-30T00:00:00Z"})",
      R"({"kind":"jti","id":"j","expires_at":null})",
      std::string("\x00\x01\xff", 3),
      std::string(10000, '{'),
  };
  for (const auto& g : garbage) {
    auto n = pub->publish("tars:revocations", g);
    ASSERT_TRUE(n.isOk()) << n.status().toString();
    EXPECT_EQ(*n, 1);  // B is listening
  }
  store::RevocationChange good;
  good.kind = RevocationKind::kApiKey;
  good.id = "keyid0000777";
  ASSERT_TRUE(pub->publish("tars:revocations", encodeRevocationMessage(good)).isOk());
  // Another channel is not ours.
  ASSERT_TRUE(pub->publish("tars:other", encodeRevocationMessage(good)).isOk());

  ASSERT_TRUE(waitFor([&] { return b->set->isApiKeyRevoked("keyid0000777"); }, seconds(5)));
  // The good message came last on one connection: everything before it was handled already.
  EXPECT_EQ(b->sync->messagesRejected(), garbage.size());
  ASSERT_TRUE(waitFor([&] { return b->seenCount() == 1; }));
  EXPECT_EQ(b->sync->messagesApplied(), 1u);
  EXPECT_EQ(b->set->size(), 1u);
  EXPECT_EQ(b->seenCount(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RevocationSyncTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         test::backendName);
INSTANTIATE_TEST_SUITE_P(Backends, RevocationSyncRedisTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         test::backendName);

}  // namespace
}  // namespace tars::identity
