#include "identity/audit/audit_recorder.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace tars::identity {
namespace {

constexpr std::array<std::string_view, 4> kHighVolumeTypes = {
    "auth.token.invalid", "api_key.invalid", "authz.denied", "rate_limit.exceeded"};

// (type, actor_id or else source_ip): the unit §3.9 limits to one event per window. The
// separator cannot occur in an event type.
std::string aggregationKey(const AuditEntry& entry) {
  std::string key = entry.type;
  if (entry.actor_id) {
    key +=
        "\x1f"
        "a:";
    key += *entry.actor_id;
  } else if (entry.source_ip) {
    key +=
        "\x1f"
        "ip:";
    key += *entry.source_ip;
  } else {
    key += "\x1f-";
  }
  return key;
}

}  // namespace

bool AuditRecorder::isHighVolume(std::string_view type) {
  return std::find(kHighVolumeTypes.begin(), kHighVolumeTypes.end(), type) !=
         kHighVolumeTypes.end();
}

AuditRecorder::AuditRecorder(store::AuditLogRepository& repo, const Clock& clock,
                             const IdGenerator& ids, Logger& logger, AuditRecorderOptions options)
    : repo_(repo),
      clock_(clock),
      ids_(ids),
      logger_(logger),
      options_(std::move(options)),
      writer_([this] { writerLoop(); }) {}

AuditRecorder::~AuditRecorder() {
  flush();
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    stopping_ = true;
  }
  queue_ready_.notify_all();
  writer_.join();
}

store::AuditEvent AuditRecorder::toEvent(const AuditEntry& entry) const {
  store::AuditEvent event;
  event.event_id = ids_.newId("evt_");
  event.timestamp = clock_.now();
  event.type = entry.type;
  event.outcome = entry.outcome;
  event.actor_type = entry.actor_type;
  event.actor_id = entry.actor_id;
  event.source_ip = entry.source_ip;
  event.request_id = entry.request_id;
  event.target_type = entry.target_type;
  event.target_id = entry.target_id;
  event.details_json = boost::json::serialize(entry.details);
  return event;
}

AuditRecorder::Admission AuditRecorder::admitLocked(AuditEntry& entry) {
  const auto now = clock_.monotonicNow();
  std::string key = aggregationKey(entry);
  auto it = buckets_.find(key);
  if (it != buckets_.end() && now >= it->second.window_end) {
    // The window ended before the sweep noticed: settle it as the sweep would have.
    Bucket& bucket = it->second;
    if (bucket.counted == 0) {
      buckets_.erase(it);
      it = buckets_.end();
    } else {
      summarizeLocked(bucket);
      bucket.window_end = now + options_.aggregation_window;
    }
  }
  if (it == buckets_.end()) {
    if (buckets_.size() < options_.max_aggregation_keys) {
      Bucket bucket;
      bucket.window_end = now + options_.aggregation_window;
      buckets_.emplace(std::move(key), std::move(bucket));
    }
    // Beyond the bound the entry is written through, like a first one.
    entry.details["count"] = 1;
    return Admission::kWrite;
  }
  Bucket& bucket = it->second;
  if (bucket.counted == 0)
    bucket.sample = entry;
  ++bucket.counted;
  aggregated_.fetch_add(1);
  return Admission::kCounted;
}

void AuditRecorder::summarizeLocked(Bucket& bucket) {
  AuditEntry summary = std::move(bucket.sample);
  summary.details["count"] = static_cast<std::int64_t>(bucket.counted);
  bucket.counted = 0;
  bucket.sample = AuditEntry{};
  // Summaries are not bounded by the queue: there is at most one per key, and the keys are.
  (void)enqueue(toEvent(summary), false);
}

void AuditRecorder::sweep(bool all) {
  const auto now = clock_.monotonicNow();
  std::lock_guard<std::mutex> lock(agg_mutex_);
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Bucket& bucket = it->second;
    const bool ended = now >= bucket.window_end;
    if (bucket.counted > 0 && (ended || all)) {
      summarizeLocked(bucket);
      if (ended)
        bucket.window_end = now + options_.aggregation_window;  // the summary opens the next
      ++it;
    } else if (ended) {
      it = buckets_.erase(it);  // a quiet window closes the key
    } else {
      ++it;
    }
  }
}

bool AuditRecorder::enqueue(store::AuditEvent event, bool bounded) {
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    if (!bounded || queue_.size() < options_.queue_capacity) {
      queue_.push_back(std::move(event));
      ++enqueued_;
      bounded = false;  // queued
    }
  }
  if (bounded) {
    countDrop(event.type, "queue full");
    return false;
  }
  queue_ready_.notify_one();
  return true;
}

Status AuditRecorder::write(AuditEntry entry) {
  if (isHighVolume(entry.type)) {
    std::lock_guard<std::mutex> lock(agg_mutex_);
    if (admitLocked(entry) == Admission::kCounted)
      return Status::ok();
  }
  Status appended = appendWithRetry(toEvent(entry), options_.append_attempts);
  if (!appended.isOk() && options_.on_write_failure)
    options_.on_write_failure();
  return appended;
}

void AuditRecorder::record(AuditEntry entry) {
  if (isHighVolume(entry.type)) {
    // Decided and queued under the aggregation lock, so flush() never misses a summary in
    // flight.
    std::lock_guard<std::mutex> lock(agg_mutex_);
    if (admitLocked(entry) == Admission::kCounted)
      return;
    (void)enqueue(toEvent(entry), true);
    return;
  }
  (void)enqueue(toEvent(entry), true);
}

void AuditRecorder::flush() {
  sweep(true);
  std::unique_lock<std::mutex> lock(queue_mutex_);
  const std::uint64_t target = enqueued_;
  queue_ready_.notify_one();
  progress_.wait(lock, [&] { return processed_ >= target; });
}

Status AuditRecorder::appendWithRetry(const store::AuditEvent& event, int attempts) {
  std::chrono::milliseconds backoff = options_.retry_backoff;
  Status last;
  attempts = std::max(1, attempts);
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    StatusOr<store::AuditRecord> appended = repo_.append(event);
    if (appended.isOk()) {
      written_.fetch_add(1);
      if (options_.on_written)
        options_.on_written(event.type);
      return Status::ok();
    }
    last = appended.status();
    // A retry that finds its event_id taken means the previous try committed after all.
    if (attempt > 1 && last.code() == StatusCode::kAlreadyExists) {
      written_.fetch_add(1);
      if (options_.on_written)
        options_.on_written(event.type);
      return Status::ok();
    }
    if (last.code() == StatusCode::kInvalidArgument || last.code() == StatusCode::kAlreadyExists)
      break;  // trying again cannot help
    if (attempt < attempts) {
      // The store is I/O: a real-time pause, like its own timeouts.
      std::this_thread::sleep_for(backoff);
      backoff *= 2;
    }
  }
  return last;
}

void AuditRecorder::writerLoop() {
  auto last_sweep = clock_.monotonicNow();
  // After an event failed every attempt, the store is likely down: the events queued behind it get
  // one attempt each until one succeeds, so an outage (or a shutdown during one) does not take
  // queue length × attempts × timeout to drain.
  bool degraded = false;
  std::unique_lock<std::mutex> lock(queue_mutex_);
  for (;;) {
    queue_ready_.wait_for(lock, options_.sweep_interval,
                          [this] { return stopping_ || !queue_.empty(); });
    while (!queue_.empty()) {
      store::AuditEvent event = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      Status appended = appendWithRetry(event, degraded ? 1 : options_.append_attempts);
      degraded = !appended.isOk() && appended.code() != StatusCode::kInvalidArgument &&
                 appended.code() != StatusCode::kAlreadyExists;
      if (!appended.isOk())
        countDrop(event.type, appended.message());
      lock.lock();
      ++processed_;
      progress_.notify_all();
    }
    if (stopping_)
      return;
    lock.unlock();
    // A sweep walks every key: once per sweep_interval, not once per event.
    if (const auto now = clock_.monotonicNow(); now - last_sweep >= options_.sweep_interval) {
      sweep(false);
      last_sweep = now;
    }
    lock.lock();
  }
}

void AuditRecorder::countDrop(std::string_view type, std::string_view why) {
  dropped_.fetch_add(1);
  if (options_.on_write_failure)
    options_.on_write_failure();
  const auto now = clock_.monotonicNow();
  std::uint64_t held_back = 0;
  {
    std::lock_guard<std::mutex> lock(log_mutex_);
    if (drop_logged_ && now - last_drop_log_ < options_.drop_log_interval) {
      ++drops_unlogged_;
      return;
    }
    held_back = drops_unlogged_;
    drops_unlogged_ = 0;
    drop_logged_ = true;
    last_drop_log_ = now;
  }
  logger_.error("audit event dropped", {{"type", type},
                                        {"reason", why},
                                        {"also_dropped", std::to_string(held_back), true},
                                        {"dropped_total", std::to_string(dropped()), true}});
}

}  // namespace tars::identity
