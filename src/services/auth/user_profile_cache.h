#pragma once
// UserProfileCache: the GET /auth/me answer of each user, serialised once and kept for a few
// seconds, so that a busy client calling /auth/me costs neither a store read nor a JSON
// serialisation per request (the route runs inline on the I/O thread; only a miss reads the
// store). A profile change (email, roles) shows within
// `ttl`; a disabled user is refused by the revocation check long before, since disabling revokes
// every session (tars.md §3.1).
//
// Thread safety: thread-safe. Bounded: at `max_entries` the cache is cleared before inserting.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "core/status.h"
#include "store/users.h"

namespace tars::auth {

class UserProfileCache {
 public:
  using Loader = std::function<StatusOr<store::UserRecord>(const std::string& user_id)>;

  UserProfileCache(const Clock& clock, Loader loader,
                   std::chrono::milliseconds ttl = std::chrono::seconds(5),
                   std::size_t max_entries = 10000);

  // {"principal_type":"user","user_id","username","roles","email"} of the user, from the cache or
  // from the loader (cached when OK).
  StatusOr<std::shared_ptr<const std::string>> meBody(const std::string& user_id);

  // The body above for `user`.
  static std::string meJson(const store::UserRecord& user);

 private:
  struct Entry {
    std::shared_ptr<const std::string> body;
    std::chrono::steady_clock::time_point expires;
  };

  const Clock& clock_;
  const Loader loader_;
  const std::chrono::milliseconds ttl_;
  const std::size_t max_entries_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
};

}  // namespace tars::auth
