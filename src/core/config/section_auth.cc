// Section "auth": demo users, JWT issuing, API keys, OAuth, external JWKS providers.

#include <algorithm>
#include <array>
#include <set>

#include "core/config/schema.h"
#include "core/config/sections.h"
#include "core/config/url.h"

namespace tars::config {
namespace {

// The scopes of spec/tars.md §1.7 and spec/cap.md §10.1.
constexpr std::array<std::string_view, 7> kKnownScopes{
    "tars:viewer", "tars:developer", "tars:admin",  "metrics:read",
    "verify:run",  "policy:compile", "policy:read",
};
constexpr std::size_t kMaxScopes = 32;  // per API key (spec/tars.md §3.8)

Status checkScope(const std::string& scope) {
  if (std::find(kKnownScopes.begin(), kKnownScopes.end(), scope) != kKnownScopes.end())
    return Status::ok();
  std::string known;
  for (std::string_view s : kKnownScopes)
    known += (known.empty() ? "" : ", ") + std::string(s);
  return invalidArgument("'" + scope + "' is not a known scope (" + known + ")");
}

Status checkNonEmptyItem(const std::string& item) {
  return item.empty() ? invalidArgument("an entry is empty") : Status::ok();
}

bool isProviderNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

// Decodes one auth.jwks_providers[] entry; `path` is "auth.jwks_providers[i]".
StatusOr<JwksProviderConfig> decodeProvider(const RawRecord& record, const std::string& path) {
  JwksProviderConfig provider;
  std::set<std::string> seen;
  for (const auto& [field, text] : record.fields) {
    const std::string key = path + "." + field;
    if (!seen.insert(field).second)
      return keyError(key, "is given twice", record.origin);
    if (field == "name") {
      provider.name = text;
      if (text.empty() || text.size() > 64 ||
          !std::all_of(text.begin(), text.end(), isProviderNameChar)) {
        return keyError(key, "'" + text + "' is not a name (1-64 of [A-Za-z0-9._-])",
                        record.origin);
      }
    } else if (field == "issuer" || field == "audience") {
      if (text.empty())
        return keyError(key, "must not be empty", record.origin);
      (field == "issuer" ? provider.issuer : provider.audience) = text;
    } else if (field == "jwks_url") {
      std::optional<UrlParts> url = splitUrl(text);
      if (!url || (url->scheme != "https" && url->scheme != "http") || url->host.empty()) {
        return keyError(key, "'" + redactUrl(text) + "' is not an http(s) URL", record.origin);
      }
      provider.jwks_url = text;
    } else if (field == "ca_bundle") {
      if (text.empty())
        return keyError(key, "must not be empty", record.origin);
      provider.ca_bundle = text;
    } else if (field == "jwks_cache_ttl_sec") {
      StatusOr<int> ttl = decodeInt(text, 1, 86400);
      if (!ttl.isOk())
        return keyError(key, ttl.status().message(), record.origin);
      provider.jwks_cache_ttl_sec = *ttl;
    } else {
      return invalidArgument("config: unknown key '" + key + "' (" + record.origin + ")");
    }
  }
  for (std::string_view required : {"name", "issuer", "audience", "jwks_url"}) {
    if (!seen.count(std::string(required)))
      return keyError(path + "." + std::string(required), "is required", record.origin);
  }
  return provider;
}

KeySpec jwksProvidersKey() {
  KeySpec spec;
  spec.path = "auth.jwks_providers";
  spec.shape = Shape::kRecords;
  spec.apply = [](Config& config, const RawValue& value) -> Status {
    std::vector<JwksProviderConfig> providers;
    for (std::size_t i = 0; i < value.records.size(); ++i) {
      const std::string path = "auth.jwks_providers[" + std::to_string(i) + "]";
      TARS_ASSIGN_OR_RETURN(JwksProviderConfig provider, decodeProvider(value.records[i], path));
      providers.push_back(std::move(provider));
    }
    config.auth.jwks_providers = std::move(providers);
    return Status::ok();
  };
  return spec;
}

void addJwtKeys(Schema& schema) {
  schema.add(secretKey("auth.jwt.secret",
                       [](Config& c) -> std::optional<std::string>& { return c.auth.jwt.secret; }),
             "TARS_JWT_SECRET");
  schema.add(
      stringKey("auth.jwt.issuer", [](Config& c) -> std::string& { return c.auth.jwt.issuer; }));
  schema.add(stringKey("auth.jwt.audience",
                       [](Config& c) -> std::string& { return c.auth.jwt.audience; }));
  schema.add(intKey(
      "auth.jwt.access_ttl_minutes",
      [](Config& c) -> int& { return c.auth.jwt.access_ttl_minutes; }, 1, 1440));
  schema.add(intKey(
      "auth.jwt.refresh_ttl_days", [](Config& c) -> int& { return c.auth.jwt.refresh_ttl_days; }, 1,
      365));
  schema.add(intKey(
      "auth.jwt.refresh_family_max_days",
      [](Config& c) -> int& { return c.auth.jwt.refresh_family_max_days; }, 1, 3650));
  schema.add(intKey(
      "auth.jwt.leeway_seconds", [](Config& c) -> int& { return c.auth.jwt.leeway_seconds; }, 0,
      300));
  schema.add(enumKey<JwtAlgorithm>(
      "auth.jwt.algorithm", [](Config& c) -> JwtAlgorithm& { return c.auth.jwt.algorithm; },
      kJwtAlgorithmNames));
  schema.add(intKey(
      "auth.jwt.keyring_refresh_seconds",
      [](Config& c) -> int& { return c.auth.jwt.keyring_refresh_seconds; }, 1, 3600));
}

void addAuthKeys(Schema& schema) {
  schema.add(boolKey("auth.demo_users", [](Config& c) -> bool& { return c.auth.demo_users; }),
             "TARS_DEMO_USERS");
  addJwtKeys(schema);
  schema.add(intKey(
      "auth.password_hash_workers", [](Config& c) -> int& { return c.auth.password_hash_workers; },
      1, 64));
  schema.add(intKey(
      "auth.revocation_poll_seconds",
      [](Config& c) -> int& { return c.auth.revocation_poll_seconds; }, 1, 3600));
  schema.add(listKey(
      "auth.api_keys.default_scopes",
      [](Config& c) -> std::vector<std::string>& { return c.auth.api_keys.default_scopes; },
      checkScope));
  schema.add(intKey(
      "auth.api_keys.last_used_flush_seconds",
      [](Config& c) -> int& { return c.auth.api_keys.last_used_flush_seconds; }, 1, 3600));
  schema.add(intKey(
      "auth.api_keys.rotation_grace_seconds",
      [](Config& c) -> int& { return c.auth.api_keys.rotation_grace_seconds; }, 0, 604800));
  schema.add(listKey(
      "auth.oauth.audiences",
      [](Config& c) -> std::vector<std::string>& { return c.auth.oauth.audiences; },
      checkNonEmptyItem));
  schema.add(jwksProvidersKey());
}

void resolveAuth(Config& config, const Provenance& provenance) {
  // Demo users follow the mode unless set; production then refuses an explicit true.
  if (!provenance.isSet("auth.demo_users"))
    config.auth.demo_users = config.env == Environment::kDevelopment;
  if (!provenance.isSet("auth.oauth.audiences"))
    config.auth.oauth.audiences = {config.auth.jwt.audience};
}

Status validateAuth(const Config& config, const Provenance& provenance) {
  const AuthConfig& auth = config.auth;
  if (auth.jwt.refresh_family_max_days < auth.jwt.refresh_ttl_days) {
    return invalidArgument("config: auth.jwt.refresh_family_max_days: " +
                           std::to_string(auth.jwt.refresh_family_max_days) +
                           " is shorter than auth.jwt.refresh_ttl_days (" +
                           std::to_string(auth.jwt.refresh_ttl_days) + ")" +
                           provenance.suffix("auth.jwt.refresh_family_max_days"));
  }
  if (auth.api_keys.default_scopes.size() > kMaxScopes) {
    return invalidArgument("config: auth.api_keys.default_scopes: has " +
                           std::to_string(auth.api_keys.default_scopes.size()) +
                           " entries; at most 32 are allowed" +
                           provenance.suffix("auth.api_keys.default_scopes"));
  }
  std::set<std::string> names;
  std::set<std::string> issuers;
  const std::string origin = provenance.suffix("auth.jwks_providers");
  for (std::size_t i = 0; i < auth.jwks_providers.size(); ++i) {
    const JwksProviderConfig& p = auth.jwks_providers[i];
    const std::string path = "config: auth.jwks_providers[" + std::to_string(i) + "]";
    if (!names.insert(p.name).second)
      return invalidArgument(path + ".name: '" + p.name + "' is used twice" + origin);
    if (!issuers.insert(p.issuer).second)
      return invalidArgument(path + ".issuer: '" + p.issuer + "' is used twice" + origin);
    // Tokens are routed by their unverified `iss`; sharing ours would make it ambiguous which
    // keys and algorithms apply.
    if (p.issuer == auth.jwt.issuer) {
      return invalidArgument(path + ".issuer: '" + p.issuer +
                             "' is auth.jwt.issuer, tars' own issuer; use the provider's" + origin);
    }
  }
  return Status::ok();
}

}  // namespace

const Section kAuthSection{"auth", addAuthKeys, resolveAuth, validateAuth};

}  // namespace tars::config
