#pragma once
// RevocationSync: keeps this process's RevocationSet current with the store's revocation feed
// (tars.md §3.4) and tells the other processes about changes made here.
//
// - start() loads the store's snapshot into the set (a failure is returned: the caller refuses to
//   start — fail closed), then runs a poll thread that reads changesSince(cursor) every
//   poll_interval. The cursor only moves past a change once that change is applied, and the feed
//   assigns seq in commit order, so no change is ever skipped.
// - With Redis (options.redis set) a Subscriber listens on `channel`. A message is checked
//   (revocation_message.h; garbage is counted, logged rate-limited and ignored), applied at once
//   and nudges a poll so the cursor catches up. Pub/sub is at-most-once, so Redis is never trusted
//   alone: the poll keeps running, every poll_interval_with_redis while subscribed and every
//   poll_interval while the subscription is down, and every (re)subscribe triggers a poll for
//   what was missed meanwhile.
// - announce() is the writer's side: after committing a change to the store it applies it here at
//   once (the issuing process answers only after that, §3.4) and PUBLISHes it.
// - Poll errors are logged (at most once per error_log_interval, with the count of the others)
//   and retried at the next tick; the sets are kept as they are.
//
// Observers (onChange) hear of every change learned by poll, pub/sub or announce — e.g. a
// signing_key change reloads the key ring, an api_key change evicts a cached key. The same change
// may arrive more than once (announced, echoed by Redis, then polled): observers must be
// idempotent. They run on the poll, subscriber or announcing thread, must not call pollNow(),
// start() or stop(), and should be quick.
//
// Timing: schedule deadlines come from Clock::monotonicNow(); waits between checks are real-time
// slices of at most 200 ms, so stop() returns promptly.
//
// Thread safety: announce(), pollNow(), cursor() and the counters are thread-safe. start(),
// stop() and onChange() are called by the owner (onChange before start()).
// Lifetimes: the repository, set, clock and logger must outlive the RevocationSync (or stop()).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/logger.h"
#include "core/status.h"
#include "identity/revocation/revocation_set.h"
#include "redis/options.h"
#include "store/revocations.h"

namespace tars::redis {
class Client;
class Subscriber;
}  // namespace tars::redis

namespace tars::identity {

struct RevocationSyncOptions {
  std::chrono::milliseconds poll_interval{5000};  // auth.revocation_poll_seconds (no Redis)
  std::chrono::milliseconds poll_interval_with_redis{30000};  // safety net while subscribed
  std::optional<redis::RedisOptions> redis;                   // set when redis.url is set
  std::string channel = "tars:revocations";                   // the broadcast channel (§3.4)
  int poll_batch = 1000;                                      // changes per changesSince() call
  std::chrono::milliseconds error_log_interval{60000};  // at most one poll-error line per this
  std::chrono::milliseconds redis_max_backoff{5000};    // subscriber reconnect backoff cap
};

class RevocationSync {
 public:
  using Observer = std::function<void(const store::RevocationChange&)>;

  RevocationSync(store::RevocationRepository& repo, RevocationSet& set, const Clock& clock,
                 Logger& logger, RevocationSyncOptions options);
  // stop().
  ~RevocationSync();

  RevocationSync(const RevocationSync&) = delete;
  RevocationSync& operator=(const RevocationSync&) = delete;

  // Snapshot → set.load(), then the poll thread (and, with Redis, the subscriber). Errors: the
  // snapshot's (kUnavailable, kInternal); kInvalidArgument for bad options (intervals < 1 ms, an
  // empty channel, poll_batch < 1, bad Redis options); kFailedPrecondition when already started.
  // On error nothing runs.
  Status start();

  // Stops the subscriber and the poll thread and waits for them. Idempotent. announce() still
  // applies locally (and publishes) afterwards.
  void stop();

  // Reads changesSince(cursor) until the end of the feed, applying each change and telling the
  // observers; the cursor advances batch by batch and is kept on error (the store's error).
  // Serialised: concurrent calls run one after the other.
  Status pollNow();

  // For the writer, after it committed `change` to the store: applies it to the set, tells the
  // observers and, with Redis (after start()), PUBLISHes it. A publish failure is logged and
  // returned; the local apply has happened regardless, and other processes still learn of the
  // change by polling. REQUIRES: a jti or family change carries expires_at (receivers refuse a
  // broadcast without one).
  Status announce(const store::RevocationChange& change);

  // Registers an observer of every change. REQUIRES: called before start().
  void onChange(Observer observer);

  // The feed position the set is known to include.
  std::int64_t cursor() const { return cursor_.load(std::memory_order_acquire); }

  // Broadcast messages applied, and refused as malformed.
  std::uint64_t messagesApplied() const { return messages_applied_.load(); }
  std::uint64_t messagesRejected() const { return messages_rejected_.load(); }
  // Polls that ended in an error.
  std::uint64_t pollErrors() const { return poll_errors_.load(); }
  // True while the Redis subscription is up (false without Redis).
  bool subscribed() const;

 private:
  Status validateOptions() const;
  void pollLoop();
  std::chrono::milliseconds currentInterval() const;
  void nudge();
  void onMessage(std::string_view message);
  void notify(const store::RevocationChange& change);
  void reportPollError(const Status& error);

  store::RevocationRepository& repo_;
  RevocationSet& set_;
  const Clock& clock_;
  Logger& logger_;
  const RevocationSyncOptions options_;

  std::atomic<std::int64_t> cursor_{0};
  std::atomic<std::uint64_t> messages_applied_{0};
  std::atomic<std::uint64_t> messages_rejected_{0};
  std::atomic<std::uint64_t> poll_errors_{0};

  std::mutex observers_mutex_;
  std::vector<Observer> observers_;  // GUARDED_BY(observers_mutex_)

  std::mutex poll_mutex_;  // serialises pollNow()

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::unique_ptr<redis::Client> client_;          // GUARDED_BY(mutex_): set by start() (Redis)
  std::unique_ptr<redis::Subscriber> subscriber_;  // GUARDED_BY(mutex_): set by start() (Redis)
  bool started_ = false;                           // GUARDED_BY(mutex_)
  bool stopping_ = false;                          // GUARDED_BY(mutex_)
  bool nudged_ = false;                            // GUARDED_BY(mutex_): a poll is wanted now
  std::thread poll_thread_;

  // One stream of rate-limited log lines: at most one per error_log_interval.
  struct LogGate {
    bool logged = false;
    std::chrono::steady_clock::time_point last{};
    std::uint64_t held_back = 0;  // lines not written since the last one
  };
  // True when `gate` lets a line through now; `held_back` gets how many it held back before.
  bool passGate(LogGate& gate, std::uint64_t& held_back);

  std::mutex log_mutex_;
  LogGate poll_error_gate_;  // GUARDED_BY(log_mutex_)
  LogGate message_gate_;     // GUARDED_BY(log_mutex_)
  LogGate publish_gate_;     // GUARDED_BY(log_mutex_)
};

}  // namespace tars::identity
