#pragma once
// CircuitBreaker: stops calling a failing backend for a cool-down (spec/tars.md §4.6).
//
//   closed    ── failure_threshold consecutive failures ──▶ open
//   open      ── open_seconds elapsed, next allowRequest() ──▶ half-open (that caller probes)
//   half-open ── probe succeeds ──▶ closed;  probe fails ──▶ open for another open_seconds
// While half-open every other caller is refused, so exactly one probe is in flight.
//
// Time comes from Clock::monotonicNow(). Thread safety: thread-safe (one small mutex).

#include <chrono>
#include <cstdint>
#include <mutex>

#include "core/clock.h"
#include "ratelimit/options.h"

namespace tars::ratelimit {

class CircuitBreaker {
 public:
  enum class State : uint8_t { kClosed, kOpen, kHalfOpen };

  // `clock` must outlive the breaker. Thresholds below 1 are read as 1.
  CircuitBreaker(const BreakerOptions& options, const Clock& clock);

  // Whether the caller may call the backend now. True when closed; when open and the cool-down
  // has elapsed, true for exactly one caller (the probe), which MUST then report onSuccess() or
  // onFailure().
  bool allowRequest();
  // The backend answered: resets the failure count and closes the breaker.
  void onSuccess();
  // The backend failed: counts towards the threshold, or re-opens after a failed probe.
  void onFailure();

  State state() const;
  // Not closed: the backend is being avoided (the readiness "degraded" signal).
  bool isOpen() const { return state() != State::kClosed; }

 private:
  const int failure_threshold_;
  const std::chrono::steady_clock::duration open_duration_;
  const Clock& clock_;

  mutable std::mutex mutex_;
  State state_ = State::kClosed;                        // GUARDED_BY(mutex_)
  int consecutive_failures_ = 0;                        // GUARDED_BY(mutex_)
  std::chrono::steady_clock::time_point open_until_{};  // GUARDED_BY(mutex_)
};

}  // namespace tars::ratelimit
