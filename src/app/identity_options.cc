#include "app/identity_options.h"

#include "identity/keyring/master_secret.h"

namespace tars::app {

jwt::Algorithm signingAlgorithm(config::JwtAlgorithm algorithm) {
  switch (algorithm) {
    case config::JwtAlgorithm::kEs256:
      return jwt::Algorithm::kEs256;
    case config::JwtAlgorithm::kRs256:
      return jwt::Algorithm::kRs256;
    case config::JwtAlgorithm::kHs256:
      break;
  }
  return jwt::Algorithm::kHs256;
}

identity::KeyRingServiceOptions keyRingOptions(const config::Config& config) {
  const config::JwtConfig& jwt = config.auth.jwt;
  identity::KeyRingServiceOptions o;
  o.algorithm = signingAlgorithm(jwt.algorithm);
  o.verify_for = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::hours(24) *
                                                                  jwt.refresh_ttl_days) +
                 std::chrono::seconds(jwt.leeway_seconds);
  o.reload_interval = std::chrono::seconds(jwt.keyring_refresh_seconds);
  return o;
}

StatusOr<identity::KeyMaterialSealer> keyMaterialSealer(const config::Config& config) {
  const bool development = config.env == config::Environment::kDevelopment;
  TARS_ASSIGN_OR_RETURN(
      crypto::SecretBytes master,
      identity::resolveMasterSecret(config.auth.jwt.secret, config.data_dir, development));
  return identity::KeyMaterialSealer::Create(master);
}

identity::ApiKeyServiceOptions apiKeyOptions(const config::Config& config) {
  const config::ApiKeysConfig& keys = config.auth.api_keys;
  identity::ApiKeyServiceOptions o;
  o.default_scopes = keys.default_scopes;
  o.default_rotation_grace = std::chrono::seconds(keys.rotation_grace_seconds);
  o.last_used_flush_interval = std::chrono::seconds(keys.last_used_flush_seconds);
  return o;
}

}  // namespace tars::app
