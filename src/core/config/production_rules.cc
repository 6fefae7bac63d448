#include "core/config/production_rules.h"

#include <algorithm>

#include "core/config/url.h"

namespace tars::config {
namespace {

Status refuse(const std::string& message, const Provenance& provenance, std::string_view key) {
  return invalidArgument("config: " + message + provenance.suffix(key));
}

Status checkSecret(const Config& config, const Provenance& provenance) {
  const std::optional<std::string>& secret = config.auth.jwt.secret;
  if (!secret) {
    return refuse(
        "auth.jwt.secret: is not set; production requires a secret of at least 32 bytes shared "
        "by every replica (set TARS_JWT_SECRET)",
        provenance, "auth.jwt.secret");
  }
  if (secret->size() < kMinProductionSecretBytes) {
    return refuse("auth.jwt.secret: is " + std::to_string(secret->size()) +
                      " bytes; at least 32 are required in production (set TARS_JWT_SECRET to "
                      "32 or more random bytes)",
                  provenance, "auth.jwt.secret");
  }
  return Status::ok();
}

Status checkTransport(const Config& config, const Provenance& provenance) {
  if (!config.tls.enabled && !config.server.behind_tls_proxy) {
    return refuse(
        "tls.enabled: TLS is off in production; enable it (tls.enabled, tls.server_cert, "
        "tls.server_key) or, when TLS ends at a trusted ingress, set server.behind_tls_proxy: "
        "true (TARS_BEHIND_TLS_PROXY)",
        provenance, "tls.enabled");
  }
  return Status::ok();
}

Status checkJwksUrls(const Config& config, const Provenance& provenance) {
  for (std::size_t i = 0; i < config.auth.jwks_providers.size(); ++i) {
    std::optional<UrlParts> url = splitUrl(config.auth.jwks_providers[i].jwks_url);
    if (url && url->scheme == "http" && !isLoopbackHost(url->host)) {
      return refuse("auth.jwks_providers[" + std::to_string(i) +
                        "].jwks_url: plain http is refused in production (keys fetched without "
                        "TLS can be replaced in transit); use https",
                    provenance, "auth.jwks_providers");
    }
  }
  return Status::ok();
}

}  // namespace

Status checkProductionRules(const Config& config, const Provenance& provenance) {
  if (config.env != Environment::kProduction)
    return Status::ok();
  TARS_RETURN_IF_ERROR(checkSecret(config, provenance));
  if (config.auth.demo_users) {
    return refuse(
        "auth.demo_users: true is refused in production (the demo users have published "
        "passwords); set TARS_DEMO_USERS=false or remove the setting",
        provenance, "auth.demo_users");
  }
  const std::vector<std::string>& origins = config.server.cors.allowed_origins;
  if (std::find(origins.begin(), origins.end(), "*") != origins.end()) {
    return refuse(
        "server.cors.allowed_origins: '*' is refused in production; list the allowed origins "
        "explicitly",
        provenance, "server.cors.allowed_origins");
  }
  TARS_RETURN_IF_ERROR(checkTransport(config, provenance));
  if (config.log.level == LogLevel::kTrace) {
    return refuse(
        "log.level: trace is refused in production (trace logs request details); use debug or "
        "info",
        provenance, "log.level");
  }
  return checkJwksUrls(config, provenance);
}

}  // namespace tars::config
