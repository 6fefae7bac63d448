#pragma once
// Limiter: the one interface of the rate-limiting engine (spec/tars.md §4; STYLE.md rule 4).
//
// decide() answers one question — may one more request of `key` in `rate_class` pass now? — and
// charges the quota when it may. Its result has three distinct shapes:
//   - OK, decision.allowed == true   the request passes; one unit of quota was consumed;
//   - OK, decision.allowed == false  over the limit (429); nothing was consumed (§4.3);
//   - an error Status                the backend could not decide (Redis down, timeout). Never
//                                    read this as "allowed": a caller fails closed (§4.6).
//
// Keys are opaque bytes (any length, any byte values) built by policy.h; implementations never
// log them or put them into a Status message, since they carry user and client ids.
//
// Thread safety: implementations are thread-safe; decide() may be called concurrently.

#include <cstdint>
#include <memory>
#include <string_view>

#include "core/status.h"
#include "ratelimit/rate_class.h"

namespace tars::ratelimit {

// The answer for one request; the values of the X-RateLimit-* and Retry-After headers (§4.3).
struct Decision {
  bool allowed = false;     // true: pass (and quota was charged); false: 429
  int64_t limit = 0;        // the class limit (X-RateLimit-Limit)
  int64_t remaining = 0;    // requests still allowed now, ≥ 0 (X-RateLimit-Remaining)
  int64_t reset_at = 0;     // Unix seconds, rounded up, when the quota is full again
  int64_t retry_after = 0;  // seconds until one request is allowed: ≥ 1 when refused, else 0

  bool operator==(const Decision&) const = default;
};

// The tighter of two decisions (for /auth/login: `auth` and `login_user`, §4.3): refused beats
// allowed; between equals, the smaller remaining, then the later reset and longer retry_after.
Decision tighter(const Decision& a, const Decision& b);

class Limiter {
 public:
  virtual ~Limiter() = default;

  // Decides for one request of `key` in `rate_class`; see the file comment for the three results.
  // Errors: kUnavailable (backend unreachable or refusing), kDeadlineExceeded (backend timeout),
  // kInternal (unexpected backend reply). A limiter that cannot fail never returns an error.
  virtual StatusOr<Decision> decide(std::string_view key, const RateClass& rate_class) = 0;
};

using LimiterPtr = std::unique_ptr<Limiter>;
using LimiterSharedPtr = std::shared_ptr<Limiter>;

}  // namespace tars::ratelimit
