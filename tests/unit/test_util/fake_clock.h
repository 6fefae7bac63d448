#pragma once
// FakeClock: a Clock that moves only when told (STYLE.md rule 7: unit tests never sleep).

#include "core/clock.h"

namespace tars::test {

class FakeClock final : public Clock {
 public:
  FakeClock() : wall_(std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000))) {}

  // Clock::
  std::chrono::system_clock::time_point now() const override { return wall_; }
  std::chrono::steady_clock::time_point monotonicNow() const override { return mono_; }

  template <typename D>
  void advance(D d) {
    wall_ += std::chrono::duration_cast<std::chrono::system_clock::duration>(d);
    mono_ += std::chrono::duration_cast<std::chrono::steady_clock::duration>(d);
  }

 private:
  std::chrono::system_clock::time_point wall_;
  std::chrono::steady_clock::time_point mono_{};
};

}  // namespace tars::test
