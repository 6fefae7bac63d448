#pragma once
// AuditRecorder: the one way the identity and route layers write the audit log (tars.md §3.9).
// It stamps each entry (`event_id` = `evt_<ULID>`, timestamp from the Clock), aggregates the
// high-volume types, and appends to the store's hash-chained AuditLogRepository — synchronously
// (write()) or through a bounded queue and one background writer (record()).
//
// Aggregation (§3.9: "at most one event per type and actor/source IP per 60 s, with
// details.count"): entries of a high-volume type (isHighVolume()) are keyed by (type, actor_id,
// or else source_ip). The first entry of a key is written at once with details.count = 1 and
// opens a window of aggregation_window; later entries in the window are only counted. When the
// window ends with a count, one summary event is written — the first counted entry's fields
// with details.count = <how many were counted> — and a new window opens at that moment; a window
// that ends with nothing counted closes the key. So a key gets at most one event per window. The
// background writer looks for ended windows every sweep_interval. flush() and destruction write
// every pending count at once (nothing is lost), which may put a second event in that window.
// At most max_aggregation_keys keys are tracked; entries of further keys are written through
// (each with details.count = 1).
//
// Failures: an append that fails with a transient error (anything but kInvalidArgument) is tried
// append_attempts times with a doubling backoff. For record() and summaries, an event that still
// fails, or that finds the queue full, is dropped: counted in dropped() and logged (at most one
// line per drop_log_interval, type only — never details). After such a failure the writer gives
// the events behind it one attempt each until one succeeds (the store is likely down: draining
// must not take queue length × attempts × timeout). write() returns the failure instead.
// Ordering: record()ed events are appended in the order recorded (one writer); write() appends
// on the caller's thread, so its events interleave with the queue's in commit order.
//
// Details hold no secrets, passwords or tokens (§3.9): that is the caller's duty; this class
// never logs them.
//
// Thread safety: thread-safe. record() never blocks on I/O (two short mutexes). flush() blocks
// until the writer caught up (forever if the store hangs forever).
// Lifetimes: the repository, clock, id generator and logger must outlive the recorder; no
// record()/write() may run concurrently with destruction.

#include <boost/json/object.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/logger.h"
#include "core/status.h"
#include "store/audit_log.h"

namespace tars::identity {

// One audit event as a caller describes it (the recorder adds event_id and timestamp).
struct AuditEntry {
  std::string type;                     // e.g. "auth.login.success" (§3.9 event types)
  std::string outcome;                  // success | failure | denied
  std::string actor_type;               // user | client | service | anonymous | system
  std::optional<std::string> actor_id;  // absent for anonymous actors
  std::optional<std::string> source_ip;
  std::optional<std::string> request_id;
  std::optional<std::string> target_type;  // the target is stored when both are set
  std::optional<std::string> target_id;
  boost::json::object details;  // no secrets; `count` is set by the recorder for aggregated types
};

struct AuditRecorderOptions {
  std::size_t queue_capacity = 10000;           // record()ed events waiting; beyond: dropped
  std::chrono::seconds aggregation_window{60};  // high-volume types: one event per key per window
  std::size_t max_aggregation_keys = 10000;     // keys aggregated at once; beyond: write-through
  int append_attempts = 3;                      // tries per event (1 = no retry)
  std::chrono::milliseconds retry_backoff{50};  // wait before the second try; doubles
  std::chrono::milliseconds sweep_interval{1000};      // how often ended windows are looked for
  std::chrono::milliseconds drop_log_interval{60000};  // at most one drop log line per this
  // Observers for metrics (tars_audit_events_total{event_type}, tars_audit_write_failures_total):
  // called after an event is stored, and after an event is lost or a write() failed. May be empty;
  // called from the writer thread or the caller of write(); must not block.
  std::function<void(std::string_view type)> on_written;
  std::function<void()> on_write_failure;
};

class AuditRecorder {
 public:
  // Starts the background writer.
  AuditRecorder(store::AuditLogRepository& repo, const Clock& clock, const IdGenerator& ids,
                Logger& logger, AuditRecorderOptions options = {});
  // Writes everything recorded and every pending summary (flush()), then stops the writer.
  ~AuditRecorder();

  AuditRecorder(const AuditRecorder&) = delete;
  AuditRecorder& operator=(const AuditRecorder&) = delete;

  // Appends `entry` on the calling thread (handlers on the worker pool, the CLI) and returns the
  // store's error after the retries (kInvalidArgument: a string or details not valid UTF-8). An
  // entry of a high-volume type that is only counted returns OK without I/O.
  Status write(AuditEntry entry);

  // Queues `entry` for the background writer and returns at once (I/O threads). A full queue
  // drops it (dropped()).
  void record(AuditEntry entry);

  // Returns when every entry recorded before the call, and every count pending at the call, has
  // been written (or dropped). For tests and shutdown.
  void flush();

  // Events lost: queue full, or failed after every attempt (record() and summaries only).
  std::uint64_t dropped() const { return dropped_.load(); }
  // Events appended to the store (by write(), the writer and summaries).
  std::uint64_t written() const { return written_.load(); }
  // Entries counted into a summary instead of being written on their own.
  std::uint64_t aggregated() const { return aggregated_.load(); }

  // auth.token.invalid, api_key.invalid, authz.denied, rate_limit.exceeded (§3.9).
  static bool isHighVolume(std::string_view type);

 private:
  struct Bucket {
    std::chrono::steady_clock::time_point window_end;  // Clock::monotonicNow() based
    std::uint64_t counted = 0;                         // entries counted in this window
    AuditEntry sample;                                 // the first counted entry
  };
  // What aggregation decided for one entry.
  enum class Admission { kWrite, kCounted };

  // Aggregation of a high-volume `entry` (sets details.count = 1 when it is to be written).
  // REQUIRES: agg_mutex_ held. Summaries it produces are queued.
  Admission admitLocked(AuditEntry& entry);
  // Queues the summary of `bucket` and resets its count. REQUIRES: agg_mutex_ held.
  void summarizeLocked(Bucket& bucket);
  // Queues the summaries of ended windows (all pending counts when `all`) and closes quiet keys.
  void sweep(bool all);
  // Stamps `entry` into a store event.
  store::AuditEvent toEvent(const AuditEntry& entry) const;
  // Queues `event`; when `bounded`, a full queue drops it. Returns false when dropped.
  bool enqueue(store::AuditEvent event, bool bounded);
  // append(), tried up to `attempts` times; counts written_.
  Status appendWithRetry(const store::AuditEvent& event, int attempts);
  void writerLoop();
  void countDrop(std::string_view type, std::string_view why);

  store::AuditLogRepository& repo_;
  const Clock& clock_;
  const IdGenerator& ids_;
  Logger& logger_;
  const AuditRecorderOptions options_;

  std::atomic<std::uint64_t> dropped_{0};
  std::atomic<std::uint64_t> written_{0};
  std::atomic<std::uint64_t> aggregated_{0};

  // Lock order: agg_mutex_ before queue_mutex_.
  std::mutex agg_mutex_;
  std::unordered_map<std::string, Bucket> buckets_;  // GUARDED_BY(agg_mutex_)

  std::mutex queue_mutex_;
  std::condition_variable queue_ready_;  // the writer waits on it
  std::condition_variable progress_;     // flush() waits on it
  std::deque<store::AuditEvent> queue_;  // GUARDED_BY(queue_mutex_)
  std::uint64_t enqueued_ = 0;           // GUARDED_BY(queue_mutex_): ever queued
  std::uint64_t processed_ = 0;          // GUARDED_BY(queue_mutex_): ever taken and finished
  bool stopping_ = false;                // GUARDED_BY(queue_mutex_)

  std::mutex log_mutex_;
  bool drop_logged_ = false;                               // GUARDED_BY(log_mutex_)
  std::chrono::steady_clock::time_point last_drop_log_{};  // GUARDED_BY(log_mutex_)
  std::uint64_t drops_unlogged_ = 0;                       // GUARDED_BY(log_mutex_)

  std::thread writer_;  // last: starts once everything above exists
};

}  // namespace tars::identity
