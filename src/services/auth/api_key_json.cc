#include "services/auth/api_key_json.h"

#include "identity/api_keys/api_key_service.h"
#include "services/auth/route_support.h"

namespace tars::auth {

boost::json::array stringArray(const std::vector<std::string>& items) {
  boost::json::array a;
  for (const auto& s : items)
    a.emplace_back(s);
  return a;
}

std::string apiKeyCreatedMessage(const std::string& service_name) {
  return "API key created for " + service_name +
         ". Store this key securely - it cannot be retrieved again.";
}

boost::json::object createdApiKeyJson(const store::ApiKeyRecord& key, const std::string& api_key) {
  boost::json::object o;
  o["key_id"] = key.key_id;
  o["api_key"] = api_key;
  o["service_name"] = key.service_name;
  o["created_at"] = timeString(key.created_at);
  o["scopes"] = stringArray(key.scopes);
  o["expires_at"] = timeOrNull(key.expires_at);
  o["message"] = apiKeyCreatedMessage(key.service_name);
  return o;
}

boost::json::object apiKeyListingJson(const store::ApiKeyRecord& key, store::Timestamp now) {
  boost::json::object o;
  o["key_id"] = key.key_id;
  o["service_name"] = key.service_name;
  o["scopes"] = stringArray(key.scopes);
  o["created_at"] = timeString(key.created_at);
  o["last_used"] = timeOrNull(key.last_used_at);
  o["expires_at"] = timeOrNull(key.expires_at);
  o["is_active"] = identity::isApiKeyActive(key, now);
  o["revoked_at"] = timeOrNull(key.revoked_at);
  return o;
}

}  // namespace tars::auth
