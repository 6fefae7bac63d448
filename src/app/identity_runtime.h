#pragma once
// IdentityRuntime: the identity services of one `tars serve` process, started in dependency
// order from the config (tars.md §3): the store, the signing-key ring (decrypted with
// auth.jwt.secret), the revocation sets kept current by polling or Redis pub/sub, API keys,
// users (demo users in development), the audit recorder, the token verifier and the
// authenticator every route uses, whether or not the `auth` group is mounted (§1.1).
//
// Part of the composition root: the only place that picks these implementations.
// Lifetimes: owns everything it starts; stop() (or destruction) stops background threads and
// flushes pending writes, in reverse order.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/config/config.h"
#include "core/ids.h"
#include "core/logger.h"
#include "core/status.h"
#include "http/router/route_spec.h"
#include "metrics/registry.h"
#include "services/auth/auth_service.h"
#include "store/store.h"

namespace tars::jwt {
class TokenVerifier;
class VerifiedTokenCache;
}  // namespace tars::jwt

namespace tars::identity {
class KeyRingService;
class RevocationSet;
class RevocationSync;
class ApiKeyService;
class UserService;
class TokenIssuer;
class SessionService;
class AuditRecorder;
class Authenticator;
class AuthMetrics;
}  // namespace tars::identity

namespace tars::app {

class JwksProviders;

class IdentityRuntime {
 public:
  // Opens the store (applying migrations), loads or creates the key ring, loads the revocation
  // sets, seeds demo users when configured, and starts the background work. Fails closed: any
  // error leaves nothing running. `routes` is the main listener's table (for the authz metric).
  static StatusOr<std::unique_ptr<IdentityRuntime>> Start(
      const config::Config& config, const Clock& clock, const IdGenerator& ids, Logger& logger,
      metrics::Registry& registry, const std::vector<http::RouteSpec>& routes);
  ~IdentityRuntime();

  void stop();

  store::Store& store() { return *store_; }
  identity::KeyRingService& keyring() { return *keyring_; }
  identity::Authenticator& authenticator() { return *authenticator_; }
  identity::AuditRecorder& audit() { return *audit_; }
  identity::AuthMetrics& metrics() { return *metrics_; }
  JwksProviders& jwksProviders() { return *jwks_; }
  const auth::AuthServiceDeps& deps() const { return *deps_; }
  // Installs the login_user limit of /auth/login; call before the listener accepts.
  void setLoginRateLimit(decltype(auth::AuthServiceDeps::login_rate_limit) limit) {
    deps_->login_rate_limit = std::move(limit);
  }

 private:
  IdentityRuntime() = default;

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<identity::KeyRingService> keyring_;
  std::unique_ptr<identity::RevocationSet> revocation_set_;
  std::unique_ptr<identity::RevocationSync> revocation_sync_;
  std::unique_ptr<identity::ApiKeyService> api_keys_;
  std::unique_ptr<identity::UserService> users_;
  std::unique_ptr<identity::AuditRecorder> audit_;
  std::unique_ptr<jwt::VerifiedTokenCache> token_cache_;
  std::unique_ptr<jwt::TokenVerifier> verifier_;
  std::unique_ptr<JwksProviders> jwks_;
  std::unique_ptr<identity::Authenticator> authenticator_;
  std::unique_ptr<identity::TokenIssuer> issuer_;
  std::unique_ptr<identity::SessionService> sessions_;
  std::unique_ptr<identity::AuthMetrics> metrics_;
  std::unique_ptr<auth::UserProfileCache> profiles_;
  std::unique_ptr<auth::AuthServiceDeps> deps_;
  Logger* logger_ = nullptr;
  bool stopped_ = false;

  // Every minute: refreshes tars_auth_active_refresh_families. Hourly: deletes expired denylist
  // entries, feed changes and refresh families from the store (the in-memory sets purge
  // themselves).
  void maintenanceLoop(const Clock* clock);
  std::mutex maintenance_mu_;
  std::condition_variable maintenance_cv_;
  bool maintenance_stop_ = false;  // GUARDED_BY(maintenance_mu_)
  std::thread maintenance_;
};

}  // namespace tars::app
