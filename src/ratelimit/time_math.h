#pragma once
// Integer time helpers shared by the limiters (internal to ratelimit/).

#include <chrono>
#include <cstdint>

namespace tars::ratelimit {

// ⌈a / b⌉ for b > 0 and any a.
constexpr int64_t ceilDiv(int64_t a, int64_t b) {
  return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

template <typename Rep, typename Period>
constexpr int64_t toMicros(std::chrono::duration<Rep, Period> d) {
  return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
}

}  // namespace tars::ratelimit
