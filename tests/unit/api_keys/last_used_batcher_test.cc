// LastUsedBatcher: latest time per key, batch written in one call, kept for a retry when the
// write fails, flushed on stop. The real repositories are exercised in
// tests/integration/identity_services; this fake exists to make the write fail on demand.

#include "identity/api_keys/last_used_batcher.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tars::identity {
namespace {

using store::Timestamp;

class RecordingRepository final : public store::ApiKeyRepository {
 public:
  // store::ApiKeyRepository::
  Status create(const store::ApiKeyRecord&) override { return internalError("unused"); }
  StatusOr<store::ApiKeyRecord> get(const std::string&) override { return internalError("unused"); }
  StatusOr<store::ApiKeyRecord> rotate(const std::string&, const std::string&, Timestamp,
                                       std::optional<Timestamp>) override {
    return internalError("unused");
  }
  StatusOr<bool> revoke(const std::string&, Timestamp) override { return internalError("unused"); }
  StatusOr<store::Page<store::ApiKeyRecord>> list(bool, const store::PageRequest&) override {
    return internalError("unused");
  }
  StatusOr<std::int64_t> count(bool) override { return internalError("unused"); }
  Status touchLastUsed(const std::map<std::string, Timestamp>& last_used) override {
    std::lock_guard lock(mutex);
    calls.push_back(last_used);
    return fail ? unavailable("database down") : Status::ok();
  }

  std::mutex mutex;
  bool fail = false;
  std::vector<std::map<std::string, Timestamp>> calls;
};

Timestamp at(int seconds) {
  return Timestamp(std::chrono::seconds(1'700'000'000 + seconds));
}

TEST(LastUsedBatcherTest, KeepsTheLatestTimePerKeyAndWritesOneBatch) {
  RecordingRepository repo;
  LastUsedBatcher batcher(repo, std::chrono::milliseconds(0), nullptr);
  batcher.note("aaaaaaaaaaaa", at(10));
  batcher.note("aaaaaaaaaaaa", at(5));  // an older use arriving late does not go back
  batcher.note("bbbbbbbbbbbb", at(7));
  batcher.note("aaaaaaaaaaaa", at(12));
  EXPECT_EQ(batcher.pending(), 2u);
  EXPECT_TRUE(repo.calls.empty());  // nothing written before a flush
  ASSERT_TRUE(batcher.flush().isOk());
  ASSERT_EQ(repo.calls.size(), 1u);
  EXPECT_EQ(repo.calls[0],
            (std::map<std::string, Timestamp>{{"aaaaaaaaaaaa", at(12)}, {"bbbbbbbbbbbb", at(7)}}));
  EXPECT_EQ(batcher.pending(), 0u);
  // Nothing pending: no write at all.
  ASSERT_TRUE(batcher.flush().isOk());
  EXPECT_EQ(repo.calls.size(), 1u);
}

TEST(LastUsedBatcherTest, AFailedWriteIsRetriedWithTheLatestTimes) {
  RecordingRepository repo;
  LastUsedBatcher batcher(repo, std::chrono::milliseconds(0), nullptr);
  batcher.note("aaaaaaaaaaaa", at(10));
  batcher.note("bbbbbbbbbbbb", at(10));
  repo.fail = true;
  EXPECT_EQ(batcher.flush().code(), StatusCode::kUnavailable);
  EXPECT_EQ(batcher.pending(), 2u);
  batcher.note("aaaaaaaaaaaa", at(20));  // newer than the failed batch's
  batcher.note("bbbbbbbbbbbb", at(3));   // older: the failed batch's 10 wins
  repo.fail = false;
  ASSERT_TRUE(batcher.flush().isOk());
  EXPECT_EQ(repo.calls.back(),
            (std::map<std::string, Timestamp>{{"aaaaaaaaaaaa", at(20)}, {"bbbbbbbbbbbb", at(10)}}));
}

TEST(LastUsedBatcherTest, StopFlushesAndReportsAFailure) {
  RecordingRepository repo;
  std::vector<Status> errors;
  {
    LastUsedBatcher batcher(repo, std::chrono::milliseconds(0),
                            [&](const Status& s) { errors.push_back(s); });
    batcher.note("aaaaaaaaaaaa", at(1));
    batcher.stop();
    ASSERT_EQ(repo.calls.size(), 1u);
    repo.fail = true;
    batcher.note("aaaaaaaaaaaa", at(2));
  }  // the destructor flushes again, fails, reports
  ASSERT_EQ(repo.calls.size(), 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code(), StatusCode::kUnavailable);
}

TEST(LastUsedBatcherTest, BackgroundThreadFlushesPeriodically) {
  RecordingRepository repo;
  LastUsedBatcher batcher(repo, std::chrono::milliseconds(10), nullptr);
  batcher.start();
  batcher.start();  // idempotent
  batcher.note("aaaaaaaaaaaa", at(1));
  // Real time: the flusher is a real timer. Bounded wait, normally a few ms.
  for (int i = 0; i < 500 && batcher.pending() != 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(batcher.pending(), 0u);
  batcher.stop();
  std::lock_guard lock(repo.mutex);
  ASSERT_FALSE(repo.calls.empty());
  EXPECT_EQ(repo.calls[0].at("aaaaaaaaaaaa"), at(1));
}

}  // namespace
}  // namespace tars::identity
