#include "ratelimit/limiter.h"

#include <tuple>

namespace tars::ratelimit {

Decision tighter(const Decision& a, const Decision& b) {
  if (a.allowed != b.allowed) {
    return a.allowed ? b : a;
  }
  if (!a.allowed) {
    return std::tie(a.retry_after, a.reset_at) >= std::tie(b.retry_after, b.reset_at) ? a : b;
  }
  if (a.remaining != b.remaining) {
    return a.remaining < b.remaining ? a : b;
  }
  return a.reset_at >= b.reset_at ? a : b;
}

}  // namespace tars::ratelimit
