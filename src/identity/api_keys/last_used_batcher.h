#pragma once
// LastUsedBatcher: API key last_used times kept in memory and written to the store in batches
// (tars.md §3.8: `auth.api_keys.last_used_flush_seconds` = 60), so a verified request never
// writes to the database.
//
// note() records a use (the latest time per key wins, so a value never moves backwards here; the
// store also only moves forward). flush() hands the batch to ApiKeyRepository::touchLastUsed in
// one call; when that fails, the batch is merged back and retried by the next flush. start() runs
// flush() every `interval` on a background thread; stop() ends it and flushes once more.
//
// Thread safety: thread-safe. stop() (or the destructor) must not run concurrently with start().

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/status.h"
#include "store/api_keys.h"
#include "store/time_point.h"

namespace tars::identity {

class LastUsedBatcher {
 public:
  // `on_flush_error` (may be empty) hears of failed background and final flushes; it must not
  // block for long. An `interval` <= 0 makes start() a no-op (flush only explicitly and on stop).
  LastUsedBatcher(store::ApiKeyRepository& repo, std::chrono::milliseconds interval,
                  std::function<void(const Status&)> on_flush_error);
  ~LastUsedBatcher();  // stop()

  LastUsedBatcher(const LastUsedBatcher&) = delete;
  LastUsedBatcher& operator=(const LastUsedBatcher&) = delete;

  // Notes that `key_id` was used at `at`.
  void note(std::string_view key_id, store::Timestamp at);

  // Writes the pending batch. OK when there was nothing to write. On failure the batch stays
  // pending and the store's error is returned.
  Status flush();

  // How many keys have a pending time.
  std::size_t pending() const;

  // Starts the background flusher (idempotent).
  void start();
  // Stops the background flusher, if running, and flushes (idempotent; reports a failed final
  // flush to on_flush_error).
  void stop();

 private:
  void run();
  void merge(const std::map<std::string, store::Timestamp>& batch);

  store::ApiKeyRepository& repo_;
  const std::chrono::milliseconds interval_;
  const std::function<void(const Status&)> on_flush_error_;

  mutable std::mutex batch_mutex_;
  std::map<std::string, store::Timestamp> batch_;  // GUARDED_BY(batch_mutex_)

  std::mutex thread_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(thread_mutex_)
  std::thread thread_;
};

}  // namespace tars::identity
