#include "app/doctor/config_checks.h"

#include <algorithm>

#include "core/config/legacy_env.h"
#include "core/config/production_rules.h"
#include "core/config/url.h"

namespace tars::doctor {

using config::Config;
using config::Environment;
using config::Service;

namespace {

std::string servicesList(const Config& config) {
  std::string out;
  for (Service s : config.services)
    out += (out.empty() ? "" : ",") + std::string(config::toString(s));
  return out;
}

bool mounts(const Config& config, Service service) {
  return config.services.count(service) != 0;
}

}  // namespace

bool callsPeers(const Config& config) {
  bool orchestration = mounts(config, Service::kOrchestration);
  bool automl = mounts(config, Service::kAutoml);
  bool hypersync = mounts(config, Service::kHypersync);
  if (hypersync && !(orchestration && automl))
    return true;
  return mounts(config, Service::kDashboard) && !(orchestration && automl && hypersync);
}

CheckBuilder checkEnv(const Config& config) {
  CheckBuilder check(1, "env");
  if (config.env == Environment::kProduction)
    check.pass("env is production");
  else
    check.fail("env is " + std::string(config::toString(config.env)) + "; set TARS_ENV=production");
  return check;
}

CheckBuilder checkJwtSecret(const Config& config) {
  CheckBuilder check(2, "jwt_secret");
  const std::optional<std::string>& secret = config.auth.jwt.secret;
  if (!secret) {
    check.fail("auth.jwt.secret is not set; set TARS_JWT_SECRET to at least 32 random bytes");
  } else if (secret->size() < config::kMinProductionSecretBytes) {
    check.fail("auth.jwt.secret is " + std::to_string(secret->size()) +
               " bytes; at least 32 are required");
  } else {
    check.pass("auth.jwt.secret is set (" + std::to_string(secret->size()) + " bytes)");
  }
  return check;
}

CheckBuilder checkDemoUsers(const Config& config) {
  CheckBuilder check(3, "demo_users");
  if (config.auth.demo_users)
    check.fail("demo users are on; set TARS_DEMO_USERS=false");
  else
    check.pass("demo users are off");
  return check;
}

CheckBuilder checkTransport(const Config& config) {
  CheckBuilder check(4, "tls");
  if (config.tls.enabled) {
    if (!config.tls.server_cert)
      check.fail("TLS is on but tls.server_cert is not set");
    if (!config.tls.server_key)
      check.fail("TLS is on but tls.server_key is not set");
    check.pass("TLS on with tls.server_cert and tls.server_key set");
    return check;
  }
  if (!config.server.behind_tls_proxy) {
    check.fail(
        "TLS is off; set tls.enabled with tls.server_cert and tls.server_key, or "
        "server.behind_tls_proxy with ratelimit.trusted_proxies when an ingress ends TLS");
  } else if (config.ratelimit.trusted_proxies.empty()) {
    check.fail(
        "server.behind_tls_proxy is set but ratelimit.trusted_proxies is empty; list the "
        "ingress addresses (TARS_TRUSTED_PROXIES)");
  } else {
    check.pass("TLS ends at a trusted ingress (server.behind_tls_proxy, " +
               std::to_string(config.ratelimit.trusted_proxies.size()) + " trusted proxies)");
  }
  return check;
}

CheckBuilder checkCors(const Config& config) {
  CheckBuilder check(5, "cors");
  const auto& origins = config.server.cors.allowed_origins;
  if (std::find(origins.begin(), origins.end(), "*") != origins.end())
    check.fail("server.cors.allowed_origins contains '*'; list the allowed origins");
  else
    check.pass("no wildcard CORS origin");
  return check;
}

CheckBuilder checkStoreRule(const Config& config) {
  CheckBuilder check(6, "store");
  if (config.store.backend == config::StoreBackend::kPostgres) {
    check.pass("store is PostgreSQL (" + config::redactUrl(config.store.url) + ")");
  } else if (config::servesAllGroups(config)) {
    check.pass("store is SQLite; fine while one process serves all groups");
  } else {
    check.fail("store is SQLite but services is " + servicesList(config) +
               "; split groups must share PostgreSQL (set store.url to postgresql://...)");
  }
  return check;
}

CheckBuilder checkRedisRules(const Config& config) {
  CheckBuilder check(7, "redis");
  bool production = config.env == Environment::kProduction;
  if (production && config.ratelimit.backend == config::RateLimitBackend::kMemory) {
    check.warn(
        "ratelimit.backend is memory in production: every replica counts on its own; set "
        "ratelimit.backend: redis with redis.url");
  }
  if (production && config.redis.url && !config::urlHasPassword(*config.redis.url)) {
    check.warn("redis.url has no password (" + config::redactUrl(*config.redis.url) +
               "); use redis://:PASSWORD@host:port/db");
  }
  if (config.redis.url)
    check.pass("redis.url is set; ratelimit.backend is " +
               std::string(config::toString(config.ratelimit.backend)));
  else
    check.pass("no Redis configured; ratelimit.backend is " +
               std::string(config::toString(config.ratelimit.backend)));
  return check;
}

CheckBuilder checkOutbound(const Config& config) {
  CheckBuilder check(9, "outbound");
  for (const auto& provider : config.auth.jwks_providers) {
    std::optional<config::UrlParts> url = config::splitUrl(provider.jwks_url);
    if (url && url->scheme != "https" && !config::isLoopbackHost(url->host)) {
      check.fail("auth.jwks_providers " + provider.name + ": jwks_url " +
                 config::redactUrl(provider.jwks_url) + " does not use https");
    }
  }
  if (callsPeers(config)) {
    const config::OutboundConfig& out = config.outbound;
    std::string missing;
    auto need = [&](const std::optional<std::string>& value, const char* key) {
      if (!value)
        missing += (missing.empty() ? "" : ", ") + std::string(key);
    };
    need(out.ca_bundle, "outbound.ca_bundle");
    need(out.client_cert, "outbound.client_cert");
    need(out.client_key, "outbound.client_key");
    need(out.api_key, "outbound.api_key");
    if (!missing.empty())
      check.fail("this process calls other groups (services " + servicesList(config) + ") but " +
                 missing + (missing.find(',') == std::string::npos ? " is" : " are") + " not set");
    else
      check.pass("outbound CA, client certificate, key and API key are set");
  } else {
    check.pass("no calls to other groups");
  }
  if (!config.auth.jwks_providers.empty())
    check.pass("JWKS URLs use https");
  return check;
}

CheckBuilder checkMetricsAuth(const Config& config) {
  CheckBuilder check(10, "metrics_auth");
  std::string mode(config::toString(config.metrics.auth));
  if (config.metrics.auth == config::MetricsAuth::kOpen &&
      !config::isLoopbackHost(config.server.host)) {
    check.warn("metrics.auth is open on server.host " + config.server.host +
               ", which is not loopback; set metrics.auth: auto or required");
  } else {
    check.pass("metrics.auth is " + mode);
  }
  return check;
}

CheckBuilder checkHypersync(const Config& /*config*/) {
  // The hypersync section (hypersync.approval_mode) does not exist yet; when it does, this
  // warns on autonomous_all.
  CheckBuilder check(11, "hypersync");
  check.pass("hypersync not configured");
  return check;
}

CheckBuilder checkTokenLifetimes(const Config& config) {
  CheckBuilder check(12, "token_lifetimes");
  const config::JwtConfig& jwt = config.auth.jwt;
  if (jwt.access_ttl_minutes > 60)
    check.warn("auth.jwt.access_ttl_minutes is " + std::to_string(jwt.access_ttl_minutes) +
               " (more than 60)");
  if (jwt.leeway_seconds > 60)
    check.warn("auth.jwt.leeway_seconds is " + std::to_string(jwt.leeway_seconds) +
               " (more than 60)");
  check.pass("access TTL " + std::to_string(jwt.access_ttl_minutes) + " min, leeway " +
             std::to_string(jwt.leeway_seconds) + " s");
  return check;
}

CheckBuilder checkLegacyEnvironment(const Config& config,
                                    const std::map<std::string, std::string>& environment) {
  CheckBuilder check(15, "legacy_env");
  Status contradiction = config::checkLegacyContradictions(config, environment);
  if (!contradiction.isOk()) {
    std::string message = contradiction.message();
    if (message.rfind("config: ", 0) == 0)
      message = message.substr(8);
    check.fail(message);
  }
  std::vector<std::string> present = config::legacyVariablesPresent(environment);
  if (!present.empty()) {
    std::string names;
    for (const std::string& name : present)
      names += (names.empty() ? "" : ", ") + name;
    check.warn("variables of the original are set and not read: " + names +
               " (docs/CONFIG.md lists the tars keys)");
  }
  check.pass("no variable of the original in the environment");
  return check;
}

}  // namespace tars::doctor
