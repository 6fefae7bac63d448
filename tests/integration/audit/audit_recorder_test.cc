// AuditRecorder (tars.md §3.9) against the real audit log on SQLite and PostgreSQL: events land
// in order on a valid hash chain, high-volume types are aggregated with exact counts under many
// threads, a window's summary is written when the window ends, flush() and destruction lose no
// pending count, a full queue drops and counts, failed appends are retried.

#include "identity/audit/audit_recorder.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "concurrent_fake_clock.h"
#include "core/ids.h"
#include "core/logger.h"
#include "harness/eventually.h"
#include "store_fixture.h"

namespace tars::identity {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using test::Backend;

// Polls `pred` for up to `timeout` (10 s unless given).
bool waitFor(const std::function<bool()>& pred, milliseconds timeout = seconds(10)) {
  return ::tars::test::eventually(pred, timeout);
}

// The real repository behind a gate: appends can be held (to fill the queue) or made to fail
// (to exercise the retries). Everything else passes straight through.
class GatedAuditLog final : public store::AuditLogRepository {
 public:
  explicit GatedAuditLog(store::AuditLogRepository& real) : real_(real) {}

  void close() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = false;
  }
  void open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    cv_.notify_all();
  }
  int waiting() {
    std::lock_guard<std::mutex> lock(mutex_);
    return waiting_;
  }
  // The next `n` appends fail with `code` without reaching the store.
  void failNext(int n, StatusCode code = StatusCode::kUnavailable) {
    std::lock_guard<std::mutex> lock(mutex_);
    fail_next_ = n;
    fail_code_ = code;
  }
  int calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

  // AuditLogRepository::
  StatusOr<store::AuditRecord> append(const store::AuditEvent& event) override {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ++calls_;
      ++waiting_;
      cv_.wait(lock, [this] { return open_; });
      --waiting_;
      if (fail_next_ > 0) {
        --fail_next_;
        return Status(fail_code_, "injected failure");
      }
    }
    return real_.append(event);
  }
  StatusOr<store::Page<store::AuditRecord>> list(const store::AuditFilter& filter,
                                                 const store::PageRequest& page) override {
    return real_.list(filter, page);
  }
  StatusOr<store::AuditHead> head() override { return real_.head(); }
  StatusOr<store::AuditVerification> verifyChain() override { return real_.verifyChain(); }

 private:
  store::AuditLogRepository& real_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = true;
  int waiting_ = 0;
  int calls_ = 0;
  int fail_next_ = 0;
  StatusCode fail_code_ = StatusCode::kUnavailable;
};

AuditEntry entry(std::string type, std::optional<std::string> actor,
                 std::optional<std::string> ip = std::nullopt) {
  AuditEntry e;
  e.type = std::move(type);
  e.outcome = "failure";
  e.actor_type = actor ? "user" : "anonymous";
  e.actor_id = std::move(actor);
  e.source_ip = std::move(ip);
  return e;
}

class AuditRecorderTest : public test::StoreSuite {
 protected:
  AuditRecorderOptions fastOptions() const {
    AuditRecorderOptions o;
    o.sweep_interval = milliseconds(5);
    o.retry_backoff = milliseconds(1);
    return o;
  }

  std::vector<store::AuditRecord> all() {
    std::vector<store::AuditRecord> out;
    store::PageRequest page;
    page.limit = store::kMaxPageLimit;
    for (;;) {
      auto p = store().auditLog().list({}, page);
      EXPECT_TRUE(p.isOk()) << p.status().toString();
      if (!p.isOk())
        return out;
      out.insert(out.end(), p->items.begin(), p->items.end());
      if (!p->next_cursor)
        return out;
      page.cursor = *p->next_cursor;
    }
  }

  static boost::json::object details(const store::AuditRecord& r) {
    return boost::json::parse(r.event.details_json).as_object();
  }
  static std::int64_t countOf(const store::AuditRecord& r) {
    return details(r).at("count").as_int64();
  }

  void expectValidChain(std::int64_t events) {
    auto v = store().auditLog().verifyChain();
    ASSERT_TRUE(v.isOk()) << v.status().toString();
    EXPECT_TRUE(v->valid);
    EXPECT_EQ(v->events_checked, events);
  }

  test::ConcurrentFakeClock fake_;
  IdGenerator ids_{fake_};
  Logger logger_{LogLevel::kError, LogFormat::kText};
};

TEST_P(AuditRecorderTest, RecordedEventsLandInOrderOnAValidChain) {
  AuditRecorder recorder(store().auditLog(), fake_, ids_, logger_, fastOptions());
  constexpr int kEvents = 120;
  for (int i = 0; i < kEvents; ++i) {
    AuditEntry e = entry(i % 2 == 0 ? "user.updated" : "api_key.created",
                         "usr-" + std::to_string(i), "10.0.0.1");
    e.outcome = "success";
    e.request_id = "req_" + std::to_string(i);
    e.target_type = "user";
    e.target_id = "usr-t";
    e.details["i"] = i;
    recorder.record(std::move(e));
  }
  recorder.flush();
  AuditEntry sync = entry("auth.logout", "usr-z");
  sync.outcome = "success";
  ASSERT_OK(recorder.write(std::move(sync)));

  const auto records = all();
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kEvents + 1));
  for (int i = 0; i < kEvents; ++i) {
    const auto& r = records[static_cast<std::size_t>(i)];
    EXPECT_EQ(r.seq, i + 1);
    EXPECT_EQ(details(r).at("i").as_int64(), i);
    EXPECT_FALSE(details(r).contains("count"));  // only aggregated types carry a count
    EXPECT_EQ(r.event.request_id, "req_" + std::to_string(i));
    EXPECT_EQ(r.event.target_id, "usr-t");
    EXPECT_EQ(r.event.timestamp, store::truncateToMillis(fake_.now()));
    EXPECT_TRUE(r.event.event_id.starts_with("evt_")) << r.event.event_id;
    EXPECT_EQ(r.event.event_id.size(), 4u + 26u);
  }
  EXPECT_EQ(records.back().event.type, "auth.logout");
  expectValidChain(kEvents + 1);
  EXPECT_EQ(recorder.written(), static_cast<std::uint64_t>(kEvents + 1));
  EXPECT_EQ(recorder.dropped(), 0u);
}

TEST_P(AuditRecorderTest, AggregationCountsAreExactUnderManyThreads) {
  constexpr int kThreads = 8, kPerThread = 400;
  // Four keys: two actors, and two anonymous source IPs (the key falls back to the IP).
  const std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>> keys = {
      {"usr-a", "10.0.0.1"},
      {"usr-b", "10.0.0.1"},
      {std::nullopt, "10.0.0.7"},
      {std::nullopt, "10.0.0.8"}};
  {
    AuditRecorder recorder(store().auditLog(), fake_, ids_, logger_, fastOptions());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          const auto& [actor, ip] = keys[static_cast<std::size_t>(i % keys.size())];
          AuditEntry e =
              entry(t % 2 == 0 ? "auth.token.invalid" : "rate_limit.exceeded", actor, ip);
          if (i % 5 == 0)
            EXPECT_TRUE(recorder.write(std::move(e)).isOk());
          else
            recorder.record(std::move(e));
        }
      });
    }
    for (auto& t : threads)
      t.join();
    recorder.flush();
    EXPECT_EQ(recorder.dropped(), 0u);
    // 2 types × 4 keys: one first event and one summary each.
    EXPECT_EQ(recorder.written(), 16u);
    EXPECT_EQ(recorder.aggregated(), static_cast<std::uint64_t>(kThreads * kPerThread - 8));
  }

  std::map<std::string, std::int64_t> totals;
  std::map<std::string, int> events;
  for (const auto& r : all()) {
    const std::string key =
        r.event.type + "|" + r.event.actor_id.value_or("-") + "|" + r.event.source_ip.value_or("-");
    totals[key] += countOf(r);
    ++events[key];
  }
  ASSERT_EQ(totals.size(), 8u);
  const std::int64_t per_key = kThreads / 2 * kPerThread / static_cast<int>(keys.size());
  for (const auto& [key, total] : totals) {
    EXPECT_EQ(total, per_key) << key;     // every entry counted exactly once
    EXPECT_EQ(events.at(key), 2) << key;  // the first at once, the rest in one summary
  }
  expectValidChain(16);
}

TEST_P(AuditRecorderTest, AWindowsSummaryIsWrittenWhenTheWindowEnds) {
  AuditRecorder recorder(store().auditLog(), fake_, ids_, logger_, fastOptions());
  AuditEntry first = entry("api_key.invalid", std::nullopt, "192.0.2.1");
  first.details["reason"] = "unknown";
  ASSERT_OK(recorder.write(std::move(first)));  // written at once, synchronously
  ASSERT_EQ(all().size(), 1u);
  EXPECT_EQ(countOf(all()[0]), 1);
  EXPECT_EQ(details(all()[0]).at("reason").as_string(), "unknown");

  for (int i = 0; i < 4; ++i) {
    AuditEntry e = entry("api_key.invalid", std::nullopt, "192.0.2.1");
    e.request_id = "req_" + std::to_string(i);
    e.details["reason"] = i == 0 ? "wrong_secret" : "revoked";
    recorder.record(std::move(e));
  }
  // Another source IP is another key: written at once.
  recorder.record(entry("api_key.invalid", std::nullopt, "192.0.2.2"));
  ASSERT_TRUE(waitFor([&] { return recorder.written() == 2; }));

  // Inside the window nothing more is written, however long the writer sweeps.
  fake_.advance(seconds(59));
  std::this_thread::sleep_for(milliseconds(100));
  EXPECT_EQ(recorder.written(), 2u);

  fake_.advance(seconds(1));  // the window of 192.0.2.1 ends (60 s after its first event)
  ASSERT_TRUE(waitFor([&] { return recorder.written() == 3; }));
  auto records = all();
  ASSERT_EQ(records.size(), 3u);
  const auto& summary = records[2];
  EXPECT_EQ(summary.event.source_ip, "192.0.2.1");
  EXPECT_EQ(countOf(summary), 4);
  // The summary carries the first counted entry's fields.
  EXPECT_EQ(summary.event.request_id, "req_0");
  EXPECT_EQ(details(summary).at("reason").as_string(), "wrong_secret");
  EXPECT_EQ(summary.event.timestamp, store::truncateToMillis(fake_.now()));
  EXPECT_EQ(recorder.written(), 3u);  // 192.0.2.2 had nothing counted: no summary

  // The summary opened the next window: an entry now is counted, not written...
  recorder.record(entry("api_key.invalid", std::nullopt, "192.0.2.1"));
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_EQ(recorder.written(), 3u);
  // ...until that window ends too.
  fake_.advance(seconds(60));
  ASSERT_TRUE(waitFor([&] { return recorder.written() == 4; }));
  EXPECT_EQ(countOf(all().back()), 1);

  // A quiet window closes the key; the next entry is a first one again.
  fake_.advance(seconds(60));
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_EQ(recorder.written(), 4u);
  recorder.record(entry("api_key.invalid", std::nullopt, "192.0.2.1"));
  ASSERT_TRUE(waitFor([&] { return recorder.written() == 5; }));
  EXPECT_EQ(countOf(all().back()), 1);
  expectValidChain(5);
}

TEST_P(AuditRecorderTest, FlushAndDestructionWritePendingSummaries) {
  {
    AuditRecorder recorder(store().auditLog(), fake_, ids_, logger_, fastOptions());
    for (int i = 0; i < 10; ++i)
      recorder.record(entry("authz.denied", "usr-1"));
    recorder.flush();  // well inside the window
    auto records = all();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(countOf(records[0]), 1);
    EXPECT_EQ(countOf(records[1]), 9);

    for (int i = 0; i < 3; ++i)
      recorder.record(entry("authz.denied", "usr-1"));
    // Destroyed with 3 counted: nothing is lost.
  }
  auto records = all();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(countOf(records[2]), 3);
  expectValidChain(3);
}

TEST_P(AuditRecorderTest, AFullQueueDropsAndCounts) {
  GatedAuditLog gated(store().auditLog());
  AuditRecorderOptions o = fastOptions();
  o.queue_capacity = 5;
  AuditRecorder recorder(gated, fake_, ids_, logger_, o);
  gated.close();
  recorder.record(entry("user.created", "usr-0"));
  ASSERT_TRUE(waitFor([&] { return gated.waiting() == 1; }));  // the writer holds that one
  for (int i = 1; i <= 5 + 7; ++i)
    recorder.record(entry("user.created", "usr-" + std::to_string(i)));
  EXPECT_EQ(recorder.dropped(), 7u);  // five fit in the queue
  gated.open();
  recorder.flush();
  EXPECT_EQ(recorder.written(), 6u);
  EXPECT_EQ(recorder.dropped(), 7u);
  auto records = all();
  ASSERT_EQ(records.size(), 6u);
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(records[static_cast<std::size_t>(i)].event.actor_id, "usr-" + std::to_string(i));
  expectValidChain(6);
}

TEST_P(AuditRecorderTest, FailedAppendsAreRetriedThenDropped) {
  GatedAuditLog gated(store().auditLog());
  AuditRecorder recorder(gated, fake_, ids_, logger_, fastOptions());  // 3 attempts

  gated.failNext(2);
  recorder.record(entry("user.updated", "usr-1"));
  recorder.flush();
  EXPECT_EQ(recorder.written(), 1u);
  EXPECT_EQ(recorder.dropped(), 0u);
  EXPECT_EQ(gated.calls(), 3);

  gated.failNext(3);
  recorder.record(entry("user.updated", "usr-2"));
  recorder.flush();
  EXPECT_EQ(recorder.written(), 1u);
  EXPECT_EQ(recorder.dropped(), 1u);
  EXPECT_EQ(gated.calls(), 6);

  // write() reports the failure to its caller instead of counting a drop.
  gated.failNext(3);
  Status st = recorder.write(entry("user.updated", "usr-3"));
  EXPECT_EQ(st.code(), StatusCode::kUnavailable);
  EXPECT_EQ(recorder.dropped(), 1u);

  // Input the store refuses is not retried.
  AuditEntry bad = entry("user.updated", std::string("usr-\xff\xfe", 6));
  EXPECT_EQ(recorder.write(std::move(bad)).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(gated.calls(), 10);
  EXPECT_EQ(all().size(), 1u);
}

TEST_P(AuditRecorderTest, AfterADropTheQueueBehindItGetsOneAttemptEach) {
  GatedAuditLog gated(store().auditLog());
  AuditRecorder recorder(gated, fake_, ids_, logger_, fastOptions());  // 3 attempts
  gated.close();
  recorder.record(entry("user.updated", "usr-a"));
  ASSERT_TRUE(waitFor([&] { return gated.waiting() == 1; }));
  for (const char* actor : {"usr-b", "usr-c", "usr-d"})
    recorder.record(entry("user.updated", std::string(actor)));
  gated.failNext(4);
  gated.open();
  recorder.flush();
  // a: 3 failed attempts (dropped); b: 1 failed (dropped); c: 1, succeeds; d: 1, succeeds.
  EXPECT_EQ(gated.calls(), 6);
  EXPECT_EQ(recorder.dropped(), 2u);
  EXPECT_EQ(recorder.written(), 2u);
  auto records = all();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].event.actor_id, "usr-c");
  EXPECT_EQ(records[1].event.actor_id, "usr-d");
}

TEST_P(AuditRecorderTest, BeyondTheKeyBoundEntriesAreWrittenThrough) {
  AuditRecorderOptions o = fastOptions();
  o.max_aggregation_keys = 2;
  {
    AuditRecorder recorder(store().auditLog(), fake_, ids_, logger_, o);
    for (const char* actor : {"usr-1", "usr-2", "usr-3"})
      for (int i = 0; i < 3; ++i)
        recorder.record(entry("auth.token.invalid", std::string(actor)));
    recorder.flush();
    // usr-1, usr-2: first + summary of 2; usr-3: three events of count 1.
    EXPECT_EQ(recorder.written(), 7u);
  }
  std::map<std::string, std::vector<std::int64_t>> counts;
  for (const auto& r : all())
    counts[*r.event.actor_id].push_back(countOf(r));
  EXPECT_EQ(counts["usr-1"], (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(counts["usr-2"], (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(counts["usr-3"], (std::vector<std::int64_t>{1, 1, 1}));
}

TEST(AuditRecorderTypesTest, HighVolumeTypesAreTheFourOfTheSpec) {
  for (const char* t :
       {"auth.token.invalid", "api_key.invalid", "authz.denied", "rate_limit.exceeded"})
    EXPECT_TRUE(AuditRecorder::isHighVolume(t)) << t;
  for (const char* t : {"auth.login.failure", "auth.login.success", "oauth.token.denied",
                        "api_key.revoked", "", "authz.denied.x"})
    EXPECT_FALSE(AuditRecorder::isHighVolume(t)) << t;
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditRecorderTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         test::backendName);

}  // namespace
}  // namespace tars::identity
