#pragma once
// The rate-limit metrics of spec/tars.md §10.1, every series created at 0 on Create():
//   tars_ratelimit_decisions_total{class,outcome,backend}  counter, 7 × 2 × 2 series
//   tars_ratelimit_backend_errors_total{reason}            counter, timeout | connection | script
//   tars_ratelimit_fallback_active                         gauge, 1 while the breaker is open
//   tars_ratelimit_memory_keys                             gauge, buckets held in memory
// Labels come only from the fixed sets below, never from keys or addresses.
//
// Thread safety: every method is thread-safe and lock-free.
// Lifetimes: the metrics::Registry it was created on must outlive it.

#include <prometheus/counter.h>
#include <prometheus/gauge.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/status.h"
#include "metrics/registry.h"
#include "ratelimit/rate_class.h"

namespace tars::ratelimit {

enum class Backend : uint8_t { kMemory, kRedis };
inline constexpr std::array<std::string_view, 2> kBackendNames = {"memory", "redis"};

// Why Redis could not decide; the `reason` label.
enum class ErrorReason : uint8_t {
  kTimeout,     // connect or command timeout, or no pooled connection free in time
  kConnection,  // refused, reset, closed, AUTH/SELECT failed
  kScript,      // an error reply or a reply of the wrong shape
};
inline constexpr std::array<std::string_view, 3> kErrorReasonNames = {"timeout", "connection",
                                                                      "script"};

class RateLimitMetrics {
 public:
  // Creates (or joins) the four families and all their series at 0.
  // Fails with kInvalidArgument if a name is taken by a family of another type.
  static StatusOr<std::unique_ptr<RateLimitMetrics>> Create(metrics::Registry& registry);

  RateLimitMetrics(const RateLimitMetrics&) = delete;
  RateLimitMetrics& operator=(const RateLimitMetrics&) = delete;

  void recordDecision(ClassId id, bool allowed, Backend backend) noexcept {
    decisions_[decisionIndex(id, allowed, backend)]->Increment();
  }
  void recordBackendError(ErrorReason reason) noexcept {
    errors_[static_cast<std::size_t>(reason)]->Increment();
  }
  void setFallbackActive(bool active) noexcept { fallback_active_->Set(active ? 1 : 0); }
  void addMemoryKeys(int64_t delta) noexcept {
    memory_keys_->Increment(static_cast<double>(delta));
  }

  // Current values, for tests and readiness.
  double decisions(ClassId id, bool allowed, Backend backend) const noexcept {
    return decisions_[decisionIndex(id, allowed, backend)]->Value();
  }
  double backendErrors(ErrorReason reason) const noexcept {
    return errors_[static_cast<std::size_t>(reason)]->Value();
  }
  double fallbackActive() const noexcept { return fallback_active_->Value(); }
  double memoryKeys() const noexcept { return memory_keys_->Value(); }

 private:
  static constexpr std::size_t kDecisionSeries = kClassCount * 2 * kBackendNames.size();

  // The order of labelProduct({class}, {outcome}, {backend}): class slowest, backend fastest.
  static constexpr std::size_t decisionIndex(ClassId id, bool allowed, Backend backend) {
    return (static_cast<std::size_t>(id) * 2 + (allowed ? 0 : 1)) * kBackendNames.size() +
           static_cast<std::size_t>(backend);
  }

  RateLimitMetrics() = default;

  std::array<prometheus::Counter*, kDecisionSeries> decisions_{};
  std::array<prometheus::Counter*, kErrorReasonNames.size()> errors_{};
  prometheus::Gauge* fallback_active_ = nullptr;
  prometheus::Gauge* memory_keys_ = nullptr;
};

}  // namespace tars::ratelimit
