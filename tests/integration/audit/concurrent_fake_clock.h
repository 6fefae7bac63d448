#pragma once
// ConcurrentFakeClock: a FakeClock (test_util/fake_clock.h) that other threads may read while the
// test advances it — the AuditRecorder's writer thread reads the clock on its own. Moves only
// when told.

#include <atomic>
#include <chrono>

#include "core/clock.h"

namespace tars::test {

class ConcurrentFakeClock final : public Clock {
 public:
  // Clock::
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000)) +
           std::chrono::duration_cast<std::chrono::system_clock::duration>(elapsed());
  }
  std::chrono::steady_clock::time_point monotonicNow() const override {
    return std::chrono::steady_clock::time_point{} +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(elapsed());
  }

  template <typename D>
  void advance(D d) {
    elapsed_ns_.fetch_add(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
  }

 private:
  std::chrono::nanoseconds elapsed() const { return std::chrono::nanoseconds(elapsed_ns_.load()); }

  std::atomic<std::int64_t> elapsed_ns_{0};
};

}  // namespace tars::test
