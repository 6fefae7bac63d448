// AuditLogRepository contract (tars.md §3.9), run against SQLite and PostgreSQL: the hash chain,
// pagination, tamper detection via raw SQL, and concurrent appends.

#include <gtest/gtest.h>

#include <thread>

#include "store/audit_hash.h"
#include "store_fixture.h"
#include "test_records.h"

namespace tars::test {
namespace {

using store::AuditRecord;

class AuditTest : public StoreSuite {
 protected:
  void appendN(int n) {
    for (int i = 1; i <= n; ++i) {
      clock_.advance(std::chrono::milliseconds(1500));
      auto r = store().auditLog().append(makeEvent("evt-" + std::to_string(i), now()));
      ASSERT_TRUE(r.isOk()) << r.status().toString();
    }
  }
  store::AuditVerification verify() {
    auto v = store().auditLog().verifyChain();
    EXPECT_TRUE(v.isOk()) << v.status().toString();
    return v.isOk() ? *v : store::AuditVerification{};
  }
};

TEST_P(AuditTest, AppendChainsFromGenesis) {
  auto first = store().auditLog().append(makeEvent("evt-1", now()));
  ASSERT_OK(first);
  EXPECT_EQ(first->seq, 1);
  EXPECT_EQ(first->prev_hash, std::string(store::kAuditGenesisHash));
  EXPECT_EQ(first->hash, store::computeAuditHash(*first));
  EXPECT_EQ(first->event.details_json, R"({"method":"password","username":"admin"})");
  auto second = store().auditLog().append(makeEvent("evt-2", now()));
  ASSERT_OK(second);
  EXPECT_EQ(second->seq, 2);
  EXPECT_EQ(second->prev_hash, first->hash);
  auto head = store().auditLog().head();
  ASSERT_OK(head);
  EXPECT_EQ(head->seq, 2);
  EXPECT_EQ(head->hash, second->hash);
  // What list() returns is exactly what append() returned.
  auto page = store().auditLog().list({}, {});
  ASSERT_OK(page);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0], *first);
  EXPECT_EQ(page->items[1], *second);
}

TEST_P(AuditTest, AppendRejectsBadInputWithoutBreakingTheChain) {
  ASSERT_OK(store().auditLog().append(makeEvent("evt-1", now())));
  auto bad = makeEvent("evt-2", now());
  bad.details_json = "[1,2]";
  EXPECT_CODE(store().auditLog().append(bad), StatusCode::kInvalidArgument);
  bad.details_json = "{";
  EXPECT_CODE(store().auditLog().append(bad), StatusCode::kInvalidArgument);
  auto not_utf8 = makeEvent("evt-2", now());
  not_utf8.actor_id = std::string("\xC3\x28");
  EXPECT_CODE(store().auditLog().append(not_utf8), StatusCode::kInvalidArgument);
  EXPECT_CODE(store().auditLog().append(makeEvent("evt-1", now())), StatusCode::kAlreadyExists);
  auto ok = store().auditLog().append(makeEvent("evt-2", now()));
  ASSERT_OK(ok);
  EXPECT_EQ(ok->seq, 2);
  EXPECT_TRUE(verify().valid);
}

TEST_P(AuditTest, OptionalFieldsRoundTripAndHash) {
  store::AuditEvent e = makeEvent("evt-1", now(), "system.startup");
  e.actor_type = "system";
  e.actor_id.reset();
  e.source_ip.reset();
  e.request_id.reset();
  e.target_type = "api_key";
  e.target_id = "abcdefghijkl";
  e.details_json = R"({"z":[1,2.5,"\u00e9\n"],"a":{"y":null,"b":true}})";
  auto r = store().auditLog().append(e);
  ASSERT_OK(r);
  auto page = store().auditLog().list({}, {});
  ASSERT_OK(page);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0], *r);
  EXPECT_FALSE(page->items[0].event.actor_id.has_value());
  EXPECT_EQ(page->items[0].event.target_id, "abcdefghijkl");
  EXPECT_TRUE(verify().valid);
}

TEST_P(AuditTest, VerifyEmptyAndIntactChains) {
  auto empty = verify();
  EXPECT_TRUE(empty.valid);
  EXPECT_EQ(empty.events_checked, 0);
  EXPECT_EQ(empty.head_hash, std::string(store::kAuditGenesisHash));
  appendN(5);
  auto v = verify();
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(v.events_checked, 5);
  EXPECT_EQ(v.head_hash, store().auditLog().head()->hash);
  EXPECT_FALSE(v.first_invalid_seq.has_value());
}

TEST_P(AuditTest, VerifyDetectsAnEditedEvent) {
  appendN(5);
  ASSERT_OK(rawExec(R"(UPDATE audit_events SET details = '{"username":"mallory"}' WHERE seq = 3)"));
  auto v = verify();
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_seq, 3);
}

TEST_P(AuditTest, VerifyDetectsAnEditedOutcomeEvenWhenTheHashIsRecomputed) {
  appendN(5);
  auto page = store().auditLog().list({}, {});
  ASSERT_OK(page);
  AuditRecord forged = page->items[1];  // seq 2
  forged.event.outcome = "failure";
  const std::string hash = store::computeAuditHash(forged);
  ASSERT_OK(
      rawExec("UPDATE audit_events SET outcome = 'failure', hash = '" + hash + "' WHERE seq = 2"));
  auto v = verify();
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_seq, 3);  // seq 3's prev_hash no longer matches
}

TEST_P(AuditTest, VerifyDetectsADeletedEvent) {
  appendN(6);
  ASSERT_OK(rawExec("DELETE FROM audit_events WHERE seq = 4"));
  auto v = verify();
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_seq, 4);
  EXPECT_EQ(v.events_checked, 3);
}

TEST_P(AuditTest, VerifyDetectsDeletedNewestEvents) {
  appendN(6);
  ASSERT_OK(rawExec("DELETE FROM audit_events WHERE seq >= 5"));
  auto v = verify();
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_seq, 5);
}

TEST_P(AuditTest, VerifyDetectsAnInsertedEvent) {
  appendN(3);
  ASSERT_OK(rawExec("UPDATE audit_events SET seq = seq + 1 WHERE seq = 3"));
  ASSERT_OK(rawExec(
      "INSERT INTO audit_events (seq, event_id, ts, event_type, outcome, actor_type, actor_id, "
      "source_ip, request_id, target_type, target_id, details, prev_hash, hash) SELECT 3, 'fake', "
      "ts, event_type, outcome, actor_type, actor_id, source_ip, request_id, target_type, "
      "target_id, details, prev_hash, hash FROM audit_events WHERE seq = 2"));
  auto v = verify();
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.first_invalid_seq, 3);
}

TEST_P(AuditTest, ListFiltersAndPages) {
  for (int i = 1; i <= 9; ++i) {
    clock_.advance(std::chrono::seconds(1));
    const bool failure = i % 3 == 0;
    ASSERT_OK(store().auditLog().append(makeEvent(
        "evt-" + std::to_string(i), now(), failure ? "auth.login.failure" : "auth.login.success",
        i % 2 ? "admin-001" : "dev-001")));
  }
  store::AuditFilter by_type;
  by_type.type = "auth.login.failure";
  auto failures = store().auditLog().list(by_type, {});
  ASSERT_OK(failures);
  ASSERT_EQ(failures->items.size(), 3u);
  EXPECT_EQ(failures->items[2].seq, 9);
  EXPECT_FALSE(failures->next_cursor.has_value());

  store::AuditFilter by_dev;
  by_dev.actor_id = "dev-001";
  auto dev = store().auditLog().list(by_dev, {});
  ASSERT_OK(dev);
  EXPECT_EQ(dev->items.size(), 4u);

  // Events 3..5: since inclusive, until exclusive.
  const auto base = store::fromMillis(store::toMillis(now())) - std::chrono::seconds(9);
  store::AuditFilter by_time;
  by_time.since = base + std::chrono::seconds(3);
  by_time.until = base + std::chrono::seconds(6);
  auto window = store().auditLog().list(by_time, {});
  ASSERT_OK(window);
  ASSERT_EQ(window->items.size(), 3u);
  EXPECT_EQ(window->items[0].seq, 3);

  std::vector<std::int64_t> seqs;
  store::AuditFilter by_admin;
  by_admin.actor_id = "admin-001";
  store::PageRequest page{"", 4};
  while (true) {
    auto p = store().auditLog().list(by_admin, page);
    ASSERT_OK(p);
    for (const AuditRecord& r : p->items)
      seqs.push_back(r.seq);
    if (!p->next_cursor)
      break;
    page.cursor = *p->next_cursor;
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{1, 3, 5, 7, 9}));
}

TEST_P(AuditTest, ConcurrentAppendsFromSeveralWritersKeepTheChainValid) {
  auto other = openAgain();
  ASSERT_TRUE(other);
  constexpr int kThreads = 8, kEach = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      store::Store& s = t % 2 ? *other : store();
      for (int i = 0; i < kEach; ++i) {
        auto r = s.auditLog().append(
            makeEvent("t" + std::to_string(t) + "-" + std::to_string(i), now()));
        EXPECT_TRUE(r.isOk()) << r.status().toString();
      }
    });
  }
  for (auto& th : threads)
    th.join();
  auto v = verify();
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(v.events_checked, kThreads * kEach);
  EXPECT_EQ(store().auditLog().head()->seq, kThreads * kEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), backendName);

}  // namespace
}  // namespace tars::test
