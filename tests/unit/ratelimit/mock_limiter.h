#pragma once
// MockLimiter: a gmock Limiter for the failover tests (STYLE.md: StrictMock by default).

#include <gmock/gmock.h>

#include "ratelimit/limiter.h"

namespace tars::ratelimit::test {

class MockLimiter : public Limiter {
 public:
  MOCK_METHOD(StatusOr<Decision>, decide, (std::string_view key, const RateClass& rate_class),
              (override));
};

}  // namespace tars::ratelimit::test
