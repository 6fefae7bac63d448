#include "services/auth/user_profile_cache.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace tars::auth {

UserProfileCache::UserProfileCache(const Clock& clock, Loader loader, std::chrono::milliseconds ttl,
                                   std::size_t max_entries)
    : clock_(clock), loader_(std::move(loader)), ttl_(ttl), max_entries_(max_entries) {}

std::string UserProfileCache::meJson(const store::UserRecord& user) {
  boost::json::object o;
  o["principal_type"] = "user";
  o["user_id"] = user.user_id;
  o["username"] = user.username;
  boost::json::array roles;
  for (const auto& r : user.roles)
    roles.emplace_back(r);
  o["roles"] = std::move(roles);
  o["email"] = user.email ? boost::json::value(*user.email) : boost::json::value(nullptr);
  return boost::json::serialize(o);
}

StatusOr<std::shared_ptr<const std::string>> UserProfileCache::meBody(const std::string& user_id) {
  const auto now = clock_.monotonicNow();
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(user_id);
    if (it != entries_.end() && now < it->second.expires)
      return it->second.body;
  }
  StatusOr<store::UserRecord> loaded = loader_(user_id);
  if (!loaded.isOk())
    return loaded.status();
  auto body = std::make_shared<const std::string>(meJson(*loaded));
  std::lock_guard lock(mu_);
  if (entries_.size() >= max_entries_)
    entries_.clear();
  entries_[user_id] = Entry{body, now + ttl_};
  return body;
}

}  // namespace tars::auth
