#include "ratelimit/circuit_breaker.h"

#include <algorithm>

namespace tars::ratelimit {

CircuitBreaker::CircuitBreaker(const BreakerOptions& options, const Clock& clock)
    : failure_threshold_(std::max(options.failure_threshold, 1)),
      open_duration_(std::chrono::seconds(std::max(options.open_seconds, 1))),
      clock_(clock) {}

bool CircuitBreaker::allowRequest() {
  std::lock_guard<std::mutex> lock(mutex_);
  switch (state_) {
    case State::kClosed:
      return true;
    case State::kOpen:
      if (clock_.monotonicNow() >= open_until_) {
        state_ = State::kHalfOpen;
        return true;
      }
      return false;
    case State::kHalfOpen:
      return false;
  }
  return false;
}

void CircuitBreaker::onSuccess() {
  std::lock_guard<std::mutex> lock(mutex_);
  state_ = State::kClosed;
  consecutive_failures_ = 0;
}

void CircuitBreaker::onFailure() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (state_ == State::kClosed) {
    if (++consecutive_failures_ < failure_threshold_) {
      return;
    }
  }
  // Threshold reached, a failed probe, or a late failure of a call made while still closed.
  state_ = State::kOpen;
  consecutive_failures_ = 0;
  open_until_ = clock_.monotonicNow() + open_duration_;
}

CircuitBreaker::State CircuitBreaker::state() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_;
}

}  // namespace tars::ratelimit
