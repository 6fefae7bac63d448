#pragma once
// Clock: the one source of time in tars logic (STYLE.md rule 7). Production code takes a
// `Clock&`; unit tests pass a FakeClock. Thread safety: implementations are thread-safe.

#include <chrono>

namespace tars {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time (timestamps, token exp/iat).
  virtual std::chrono::system_clock::time_point now() const = 0;
  // Monotonic time (durations, timeouts, rate-limit windows).
  virtual std::chrono::steady_clock::time_point monotonicNow() const = 0;
};

class SystemClock final : public Clock {
 public:
  // Clock::
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::now();
  }
  std::chrono::steady_clock::time_point monotonicNow() const override {
    return std::chrono::steady_clock::now();
  }
};

}  // namespace tars
