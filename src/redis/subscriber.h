#pragma once
// Subscriber: one dedicated hiredis connection that SUBSCRIBEs to one channel and hands every
// message to a callback, on a thread of its own (spec/tars.md §3.4: the `tars:revocations`
// broadcast). Pub/sub needs its own connection: a subscribed connection accepts no other
// command, so it cannot come from Client's pool.
//
// Delivery is at most once: Redis keeps nothing for a subscriber that is not connected. The owner
// therefore treats the subscription as a way to learn of changes sooner, never as the only way,
// and re-reads its source of truth in `on_connected`, which runs after every (re)subscribe —
// messages published while the connection was down are lost.
//
// Connection life: connect (RedisOptions::connect_timeout_ms), AUTH when a password is set,
// SUBSCRIBE, then wait for messages. Any failure — refused, reset, AUTH refused, a PING that gets
// no answer — closes the connection and retries after a backoff that doubles from
// initial_backoff to max_backoff (jittered, so replicas do not reconnect in lock step) and
// resets after a successful subscribe. A quiet connection is probed with PING every
// ping_interval, so a Redis that hangs (or a half-open TCP connection) is noticed.
//
// Callbacks run on the subscriber thread, one at a time; they must be quick (a slow callback
// delays later messages) and must not call stop(). An exception escaping a callback is caught
// and logged.
//
// Failure modes: Create() fails with kInvalidArgument on bad options and does no I/O; later
// errors are never returned, only logged (warn when the connection goes down, info when it is
// back) and retried. Log lines name the endpoint and channel, never the password or messages.
//
// Thread safety: start(), stop() and the accessors may be called from any thread.
// Lifetimes: the Logger and whatever the callbacks reach must outlive the Subscriber (or stop()).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/logger.h"
#include "core/status.h"
#include "redis/options.h"

namespace tars::redis {

struct SubscriberOptions {
  RedisOptions redis;                              // where; pool_size is not used (one connection)
  std::string channel;                             // the one channel, e.g. "tars:revocations"
  std::chrono::milliseconds initial_backoff{100};  // first wait after a failure
  std::chrono::milliseconds max_backoff{5000};     // cap of the doubling wait
  std::chrono::milliseconds read_timeout{100};     // longest socket wait; bounds stop() latency
  std::chrono::milliseconds ping_interval{10000};  // PING after this long without traffic
};

class Subscriber {
 public:
  using MessageCallback = std::function<void(std::string_view message)>;
  using ConnectedCallback = std::function<void()>;

  // Validates `options` (as Client::Create, plus: a non-empty channel, 1 ms ≤ initial_backoff ≤
  // max_backoff, read_timeout and ping_interval ≥ 1 ms) and a non-empty `on_message`. No I/O, no
  // thread: call start().
  static StatusOr<std::unique_ptr<Subscriber>> Create(SubscriberOptions options, Logger& logger,
                                                      MessageCallback on_message,
                                                      ConnectedCallback on_connected = {});
  // stop().
  ~Subscriber();

  Subscriber(const Subscriber&) = delete;
  Subscriber& operator=(const Subscriber&) = delete;

  // Starts the subscriber thread (which connects in the background). A second call does nothing;
  // so does a call after stop().
  void start();

  // Closes the connection and joins the thread. Returns within about read_timeout (plus a
  // connection attempt or handshake in progress, each bounded by its timeout). Idempotent.
  void stop();

  // True while subscribed.
  bool connected() const { return connected_.load(std::memory_order_acquire); }
  // How many times the channel was (re)subscribed since start().
  std::uint64_t subscriptions() const { return subscriptions_.load(std::memory_order_acquire); }

 private:
  class Connection;

  Subscriber(SubscriberOptions options, Logger& logger, MessageCallback on_message,
             ConnectedCallback on_connected);

  void run();
  // One connection's life: connect, subscribe, deliver until an error or stop. The error (for
  // the log), or OK after stop().
  Status session();
  // Waits `delay` or until stop(); false when stopping.
  bool sleepUnlessStopped(std::chrono::milliseconds delay);
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  void deliver(std::string_view message);
  void notifyConnected();

  const SubscriberOptions options_;
  const std::string endpoint_;
  Logger& logger_;
  const MessageCallback on_message_;
  const ConnectedCallback on_connected_;

  std::atomic<bool> stopping_{false};
  std::atomic<bool> connected_{false};
  std::atomic<std::uint64_t> subscriptions_{0};

  std::mutex mutex_;
  std::condition_variable wake_;  // stop() interrupts a backoff wait
  bool started_ = false;          // GUARDED_BY(mutex_)
  std::thread thread_;            // GUARDED_BY(mutex_)
};

}  // namespace tars::redis
