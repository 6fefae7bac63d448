#pragma once
// The JSON shapes of API keys (tars.md §3.8), shared by the routes and `tars keys … --json`.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "store/api_keys.h"

namespace tars::auth {

boost::json::array stringArray(const std::vector<std::string>& items);

// "API key created for <name>. Store this key securely - it cannot be retrieved again."
std::string apiKeyCreatedMessage(const std::string& service_name);

// The 201 body of POST /auth/service-token: key_id, api_key, service_name, created_at, scopes,
// expires_at, message.
boost::json::object createdApiKeyJson(const store::ApiKeyRecord& key, const std::string& api_key);

// One entry of GET /auth/service-tokens: key_id, service_name, scopes, created_at, last_used,
// expires_at, is_active (at `now`), revoked_at.
boost::json::object apiKeyListingJson(const store::ApiKeyRecord& key, store::Timestamp now);

}  // namespace tars::auth
