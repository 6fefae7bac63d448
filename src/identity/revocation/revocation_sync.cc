#include "identity/revocation/revocation_sync.h"

#include <algorithm>
#include <exception>
#include <string>
#include <utility>

#include "identity/revocation/revocation_message.h"
#include "redis/client.h"
#include "redis/subscriber.h"

namespace tars::identity {
namespace {

// The longest real-time wait between two looks at the schedule (and at stop()).
constexpr std::chrono::milliseconds kWaitSlice{200};

}  // namespace

RevocationSync::RevocationSync(store::RevocationRepository& repo, RevocationSet& set,
                               const Clock& clock, Logger& logger, RevocationSyncOptions options)
    : repo_(repo), set_(set), clock_(clock), logger_(logger), options_(std::move(options)) {}

RevocationSync::~RevocationSync() {
  stop();
}

Status RevocationSync::validateOptions() const {
  if (options_.poll_interval.count() < 1 || options_.poll_interval_with_redis.count() < 1)
    return invalidArgument("revocation sync: poll intervals must be >= 1 ms");
  if (options_.poll_batch < 1)
    return invalidArgument("revocation sync: poll_batch must be >= 1");
  if (options_.redis && options_.channel.empty())
    return invalidArgument("revocation sync: the channel is empty");
  return Status::ok();
}

Status RevocationSync::start() {
  TARS_RETURN_IF_ERROR(validateOptions());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (started_)
      return failedPrecondition("revocation sync already started");
  }
  std::unique_ptr<redis::Client> client;
  std::unique_ptr<redis::Subscriber> subscriber;
  if (options_.redis) {
    TARS_ASSIGN_OR_RETURN(client, redis::Client::Create(*options_.redis));
    redis::SubscriberOptions sub;
    sub.redis = *options_.redis;
    sub.channel = options_.channel;
    sub.max_backoff = std::max(options_.redis_max_backoff, sub.initial_backoff);
    TARS_ASSIGN_OR_RETURN(
        subscriber,
        redis::Subscriber::Create(
            std::move(sub), logger_, [this](std::string_view message) { onMessage(message); },
            // After every (re)subscribe: poll for what was published while not listening.
            [this] { nudge(); }));
  }

  // Fail closed: without the sets this process cannot check a token.
  StatusOr<store::RevocationSnapshot> snapshot = repo_.snapshot(clock_.now());
  if (!snapshot.isOk()) {
    return Status(snapshot.status().code(),
                  "revocation sets: cannot read the snapshot: " + snapshot.status().message());
  }
  set_.load(*snapshot);
  cursor_.store(snapshot->cursor, std::memory_order_release);
  logger_.info("revocation sets loaded", {{"entries", std::to_string(set_.size()), true},
                                          {"cursor", std::to_string(snapshot->cursor), true},
                                          {"redis", options_.redis ? "true" : "false", true}});

  std::lock_guard<std::mutex> lock(mutex_);
  started_ = true;
  client_ = std::move(client);
  subscriber_ = std::move(subscriber);
  poll_thread_ = std::thread([this] { pollLoop(); });
  if (subscriber_)
    subscriber_->start();
  return Status::ok();
}

void RevocationSync::stop() {
  redis::Subscriber* subscriber = nullptr;
  std::thread poll_thread;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    subscriber = subscriber_.get();
    poll_thread = std::move(poll_thread_);
  }
  wake_.notify_all();
  // Outside the lock: the subscriber's callbacks take it (nudge()).
  if (subscriber != nullptr)
    subscriber->stop();
  if (poll_thread.joinable())
    poll_thread.join();
}

bool RevocationSync::subscribed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return subscriber_ != nullptr && subscriber_->connected();
}

std::chrono::milliseconds RevocationSync::currentInterval() const {
  // While Redis delivers, polling is only the safety net; while the subscription is down, the
  // poll is the only news and runs at the no-Redis rate.
  return subscribed() ? options_.poll_interval_with_redis : options_.poll_interval;
}

void RevocationSync::nudge() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_all();
}

void RevocationSync::pollLoop() {
  auto last_poll = clock_.monotonicNow();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kWaitSlice, [this] { return stopping_ || nudged_; });
    if (stopping_)
      break;
    if (!nudged_) {
      lock.unlock();
      const bool due = clock_.monotonicNow() - last_poll >= currentInterval();
      lock.lock();
      if (!due || stopping_)
        continue;
    }
    nudged_ = false;
    lock.unlock();
    Status polled = pollNow();
    if (!polled.isOk())
      reportPollError(polled);
    set_.purgeExpired();
    last_poll = clock_.monotonicNow();
    lock.lock();
  }
}

Status RevocationSync::pollNow() {
  std::lock_guard<std::mutex> serial(poll_mutex_);
  for (;;) {
    const std::int64_t from = cursor_.load(std::memory_order_acquire);
    StatusOr<store::RevocationBatch> batch = repo_.changesSince(from, options_.poll_batch);
    if (!batch.isOk())
      return batch.status();
    for (const store::RevocationChange& change : batch->changes) {
      set_.apply(change);
      notify(change);
    }
    // Only now, with every change of the batch applied, does the cursor move (never backwards).
    cursor_.store(std::max(from, batch->next_cursor), std::memory_order_release);
    if (batch->changes.size() < static_cast<std::size_t>(options_.poll_batch))
      return Status::ok();
  }
}

Status RevocationSync::announce(const store::RevocationChange& change) {
  set_.apply(change);
  notify(change);
  redis::Client* client = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    client = client_.get();  // lives until destruction once set
  }
  if (client == nullptr)
    return Status::ok();
  StatusOr<std::int64_t> published =
      client->publish(options_.channel, encodeRevocationMessage(change));
  if (published.isOk())
    return Status::ok();
  std::uint64_t held_back = 0;
  bool log = false;
  {
    std::lock_guard<std::mutex> lock(log_mutex_);
    log = passGate(publish_gate_, held_back);
  }
  if (log) {
    logger_.warn("revocation broadcast failed; other processes learn of it by polling",
                 {{"kind", store::revocationKindName(change.kind)},
                  {"error", published.status().message()},
                  {"also_failed", std::to_string(held_back), true}});
  }
  return published.status();
}

void RevocationSync::onChange(Observer observer) {
  std::lock_guard<std::mutex> lock(observers_mutex_);
  observers_.push_back(std::move(observer));
}

void RevocationSync::notify(const store::RevocationChange& change) {
  std::vector<Observer> observers;
  {
    std::lock_guard<std::mutex> lock(observers_mutex_);
    observers = observers_;
  }
  for (const Observer& observer : observers) {
    try {
      observer(change);
    } catch (const std::exception& e) {
      logger_.error("revocation observer threw", {{"error", e.what()}});
    } catch (...) {
      logger_.error("revocation observer threw");
    }
  }
}

void RevocationSync::onMessage(std::string_view message) {
  StatusOr<store::RevocationChange> change = decodeRevocationMessage(message);
  if (!change.isOk()) {
    messages_rejected_.fetch_add(1);
    std::uint64_t held_back = 0;
    bool log = false;
    {
      std::lock_guard<std::mutex> lock(log_mutex_);
      log = passGate(message_gate_, held_back);
    }
    if (log) {
      // The reason is a fixed phrase; the message itself is never logged (it is untrusted input).
      logger_.warn("ignored a malformed revocation message",
                   {{"channel", options_.channel},
                    {"reason", change.status().message()},
                    {"also_ignored", std::to_string(held_back), true}});
    }
    return;
  }
  change->created_at = clock_.now();
  set_.apply(*change);
  messages_applied_.fetch_add(1);
  notify(*change);
  nudge();  // the poll brings the cursor past it (and anything the broadcast missed)
}

void RevocationSync::reportPollError(const Status& error) {
  poll_errors_.fetch_add(1);
  std::uint64_t held_back = 0;
  bool log = false;
  {
    std::lock_guard<std::mutex> lock(log_mutex_);
    log = passGate(poll_error_gate_, held_back);
  }
  if (log) {
    logger_.warn("revocation poll failed; keeping the current sets and retrying",
                 {{"error", error.message()},
                  {"cursor", std::to_string(cursor()), true},
                  {"also_failed", std::to_string(held_back), true}});
  }
}

bool RevocationSync::passGate(LogGate& gate, std::uint64_t& held_back) {
  const auto now = clock_.monotonicNow();
  if (gate.logged && now - gate.last < options_.error_log_interval) {
    ++gate.held_back;
    return false;
  }
  held_back = gate.held_back;
  gate.held_back = 0;
  gate.logged = true;
  gate.last = now;
  return true;
}

}  // namespace tars::identity
