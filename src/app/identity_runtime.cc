#include "app/identity_runtime.h"

#include "app/identity_options.h"
#include "app/jwks_providers.h"

#include "http/filters/auth/authz_filter.h"
#include "identity/api_keys/api_key_service.h"
#include "identity/audit/audit_recorder.h"
#include "identity/authn/auth_metrics.h"
#include "identity/authn/authenticator.h"
#include "identity/keyring/key_ring_service.h"
#include "identity/revocation/revocation_set.h"
#include "identity/revocation/revocation_sync.h"
#include "identity/sessions/session_service.h"
#include "identity/sessions/token_issuer.h"
#include "identity/users/user_service.h"
#include "jwt/verified_token_cache.h"
#include "jwt/verifier.h"
#include "redis/redis_config.h"
#include "store/store_factory.h"

namespace tars::app {
namespace {

Status withContext(const Status& st, std::string_view what) {
  if (st.isOk())
    return st;
  return Status(st.code(), std::string(what) + ": " + st.message(), st.fieldErrors());
}

}  // namespace

StatusOr<std::unique_ptr<IdentityRuntime>> IdentityRuntime::Start(
    const config::Config& config, const Clock& clock, const IdGenerator& ids, Logger& logger,
    metrics::Registry& registry, const std::vector<http::RouteSpec>& routes) {
  const config::AuthConfig& auth = config.auth;
  std::unique_ptr<IdentityRuntime> rt(new IdentityRuntime());
  rt->logger_ = &logger;
  const auto leeway = std::chrono::seconds(auth.jwt.leeway_seconds);
  const auto refresh_ttl = std::chrono::hours(24) * auth.jwt.refresh_ttl_days;
  const auto access_ttl = std::chrono::minutes(auth.jwt.access_ttl_minutes);

  auto store = store::openStore(config.store.url, clock);
  if (!store.isOk())
    return withContext(store.status(), "store");
  rt->store_ = std::move(*store);

  // The signing-key ring, its private material sealed under auth.jwt.secret.
  TARS_ASSIGN_OR_RETURN(identity::KeyMaterialSealer sealer, keyMaterialSealer(config));
  rt->keyring_ = std::make_unique<identity::KeyRingService>(
      rt->store_->signingKeys(), clock, std::move(sealer), keyRingOptions(config), logger);
  TARS_RETURN_IF_ERROR(withContext(rt->keyring_->start(), "signing-key ring"));
  rt->keyring_->startBackgroundReload();

  // API keys before the revocation feed, so its observer can evict cached records.
  identity::ApiKeyServiceOptions key_options = apiKeyOptions(config);
  key_options.on_flush_error = [&logger](const Status& st) {
    logger.warn("api key last_used flush failed", {{"error", st.message()}});
  };
  rt->api_keys_ =
      std::make_unique<identity::ApiKeyService>(rt->store_->apiKeys(), clock, key_options);
  rt->api_keys_->startBackgroundFlush();

  // Revocations: the store is the system of record; Redis (when set) only makes news travel
  // faster. A process that cannot read the sets does not start (fail closed).
  rt->revocation_set_ = std::make_unique<identity::RevocationSet>(clock);
  identity::RevocationSyncOptions sync_options;
  sync_options.poll_interval = std::chrono::seconds(auth.revocation_poll_seconds);
  if (config.redis.url) {
    TARS_ASSIGN_OR_RETURN(redis::RedisOptions redis_options,
                          redis::redisOptionsFromConfig(config.redis));
    sync_options.redis = redis_options;
  }
  rt->revocation_sync_ = std::make_unique<identity::RevocationSync>(
      rt->store_->revocations(), *rt->revocation_set_, clock, logger, sync_options);
  identity::KeyRingService* keyring = rt->keyring_.get();
  identity::ApiKeyService* api_keys = rt->api_keys_.get();
  rt->revocation_sync_->onChange([keyring, api_keys, &logger](const store::RevocationChange& c) {
    if (c.kind == store::RevocationKind::kSigningKey) {
      if (Status st = keyring->reload(); !st.isOk())
        logger.warn("key ring reload after a signing-key change failed", {{"error", st.message()}});
    } else if (c.kind == store::RevocationKind::kApiKey) {
      api_keys->evict(c.id);
    }
  });
  TARS_RETURN_IF_ERROR(withContext(rt->revocation_sync_->start(), "revocation sets"));

  rt->users_ = std::make_unique<identity::UserService>(rt->store_->users(), clock, ids);
  if (auth.demo_users)
    TARS_RETURN_IF_ERROR(withContext(rt->users_->seedDemoUsers(), "demo users"));

  TARS_ASSIGN_OR_RETURN(
      rt->metrics_,
      identity::AuthMetrics::create(registry, http::filters::AuthzFilter::protectedRoutes(routes)));
  auth::updateSigningKeyGauge(*rt->keyring_, *rt->metrics_);
  auth::updateActiveApiKeyGauge(*rt->api_keys_, *rt->metrics_);
  auth::updateActiveRefreshFamiliesGauge(*rt->store_, clock, *rt->metrics_);

  identity::AuditRecorderOptions audit_options;
  identity::AuthMetrics* metrics = rt->metrics_.get();
  audit_options.on_written = [metrics](std::string_view type) { metrics->auditWritten(type); };
  audit_options.on_write_failure = [metrics] { metrics->auditWriteFailed(); };
  rt->audit_ = std::make_unique<identity::AuditRecorder>(rt->store_->auditLog(), clock, ids, logger,
                                                         audit_options);

  jwt::VerifierOptions verifier_options;
  verifier_options.claims.issuer = auth.jwt.issuer;
  verifier_options.claims.audience = auth.jwt.audience;
  verifier_options.claims.leeway = leeway;
  // Each key is bound to one algorithm; these are the ones a tars ring can hold (§3.5).
  verifier_options.allowed_algorithms = {jwt::Algorithm::kHs256, jwt::Algorithm::kEs256,
                                         jwt::Algorithm::kRs256};
  rt->token_cache_ = std::make_unique<jwt::VerifiedTokenCache>();
  rt->verifier_ = std::make_unique<jwt::TokenVerifier>(clock, *rt->keyring_, verifier_options,
                                                       rt->token_cache_.get());
  TARS_ASSIGN_OR_RETURN(rt->jwks_, JwksProviders::Start(config, clock, logger, {}));
  rt->authenticator_ = std::make_unique<identity::Authenticator>(
      *rt->verifier_, rt->jwks_->issuers(), *rt->revocation_set_, rt->api_keys_.get());

  identity::TokenIssuerOptions issuer_options;
  issuer_options.issuer = auth.jwt.issuer;
  issuer_options.audience = auth.jwt.audience;
  issuer_options.access_ttl = access_ttl;
  issuer_options.refresh_ttl = std::chrono::duration_cast<std::chrono::seconds>(refresh_ttl);
  rt->issuer_ =
      std::make_unique<identity::TokenIssuer>(rt->keyring_->ring(), clock, issuer_options);
  identity::SessionServiceOptions session_options;
  session_options.family_max_age = std::chrono::hours(24) * auth.jwt.refresh_family_max_days;
  rt->sessions_ = std::make_unique<identity::SessionService>(
      *rt->store_, *rt->issuer_, *rt->revocation_sync_, clock, session_options);

  auth::AuthServiceOptions service_options;
  service_options.access_ttl = access_ttl;
  service_options.audience = auth.jwt.audience;
  service_options.oauth_audiences = auth.oauth.audiences;
  service_options.default_rotation_grace =
      std::chrono::seconds(auth.api_keys.rotation_grace_seconds);
  identity::UserService* users = rt->users_.get();
  rt->profiles_ = std::make_unique<auth::UserProfileCache>(
      clock, [users](const std::string& user_id) { return users->get(user_id); });
  rt->deps_ =
      std::unique_ptr<auth::AuthServiceDeps>(new auth::AuthServiceDeps{service_options,
                                                                       clock,
                                                                       logger,
                                                                       *rt->store_,
                                                                       *rt->users_,
                                                                       *rt->sessions_,
                                                                       *rt->authenticator_,
                                                                       *rt->api_keys_,
                                                                       *rt->keyring_,
                                                                       *rt->issuer_,
                                                                       *rt->revocation_sync_,
                                                                       *rt->audit_,
                                                                       *rt->metrics_,
                                                                       *rt->profiles_,
                                                                       {}});

  rt->maintenance_ = std::thread([raw = rt.get(), &clock] { raw->maintenanceLoop(&clock); });

  identity::AuditEntry startup;
  startup.type = "system.startup";
  startup.outcome = "success";
  startup.actor_type = "system";
  (void)rt->audit_->write(std::move(startup));
  if (const auto& created = rt->keyring_->createdAtStart()) {
    // The ring was empty: this process made the first key (the audit log exists only now).
    identity::AuditEntry key_created;
    key_created.type = "signing_key.created";
    key_created.outcome = "success";
    key_created.actor_type = "system";
    key_created.target_type = "signing_key";
    key_created.target_id = created->kid;
    key_created.details["alg"] = created->algorithm;
    (void)rt->audit_->write(std::move(key_created));
  }
  return rt;
}

void IdentityRuntime::maintenanceLoop(const Clock* clock) {
  // Every minute: the sessions gauge, which other replicas change too. Every hour: the purge.
  constexpr int kPurgeEvery = 60;
  int ticks = 0;
  std::unique_lock lock(maintenance_mu_);
  while (!maintenance_cv_.wait_for(lock, std::chrono::minutes(1),
                                   [this] { return maintenance_stop_; })) {
    lock.unlock();
    auth::updateActiveRefreshFamiliesGauge(*store_, *clock, *metrics_);
    if (++ticks < kPurgeEvery) {
      lock.lock();
      continue;
    }
    ticks = 0;
    const auto now = clock->now();
    auto revocations = store_->revocations().purgeExpired(now);
    auto families = store_->refreshFamilies().purgeExpired(now);
    if (!revocations.isOk() || !families.isOk()) {
      logger_->warn("store purge of expired revocations failed",
                    {{"error", revocations.isOk() ? families.status().message()
                                                  : revocations.status().message()}});
    }
    lock.lock();
  }
}

void IdentityRuntime::stop() {
  if (stopped_)
    return;
  stopped_ = true;
  if (maintenance_.joinable()) {
    {
      std::lock_guard lock(maintenance_mu_);
      maintenance_stop_ = true;
    }
    maintenance_cv_.notify_all();
    maintenance_.join();
  }
  if (audit_) {
    identity::AuditEntry shutdown;
    shutdown.type = "system.shutdown";
    shutdown.outcome = "success";
    shutdown.actor_type = "system";
    audit_->record(std::move(shutdown));
    audit_->flush();
  }
  if (jwks_)
    jwks_->stop();
  if (revocation_sync_)
    revocation_sync_->stop();
  if (api_keys_)
    api_keys_->stop();
  if (keyring_)
    keyring_->stop();
}

IdentityRuntime::~IdentityRuntime() {
  stop();
}

}  // namespace tars::app
