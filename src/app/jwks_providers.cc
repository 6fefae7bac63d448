#include "app/jwks_providers.h"

#include "http/client/outbound_jwks_fetcher.h"
#include "jwt/jwks_cache.h"
#include "jwt/verified_token_cache.h"
#include "jwt/verifier.h"

namespace tars::app {

struct JwksProviders::Provider {
  std::string name;
  std::unique_ptr<http::client::OutboundJwksFetcher> fetcher;
  std::unique_ptr<jwt::JwksCache> cache;
  std::unique_ptr<jwt::VerifiedTokenCache> token_cache;  // one per verifier (its contract)
  std::shared_ptr<const jwt::TokenVerifier> verifier;
};

JwksProviders::JwksProviders(Logger& logger, Options options)
    : logger_(logger), options_(options) {}

StatusOr<std::unique_ptr<JwksProviders>> JwksProviders::Start(const config::Config& config,
                                                              const Clock& clock, Logger& logger,
                                                              Options options) {
  std::unique_ptr<JwksProviders> self(new JwksProviders(logger, options));
  const config::AuthConfig& auth = config.auth;
  for (std::size_t i = 0; i < auth.jwks_providers.size(); ++i) {
    const config::JwksProviderConfig& p = auth.jwks_providers[i];
    const std::string path = "auth.jwks_providers[" + std::to_string(i) + "]";
    http::client::OutboundOptions client_options;
    client_options.tls.ca_bundle = p.ca_bundle;
    client_options.timeout = std::chrono::milliseconds(config.outbound.timeout_ms);
    client_options.max_response_bytes = http::client::OutboundJwksFetcher::kMaxDocumentBytes;
    // Config validation already refused plain http to a non-loopback host in production.
    client_options.allow_plain_http = true;
    auto client = http::client::OutboundClient::Create(client_options);
    if (!client.isOk())
      return invalidArgument("config: " + path + ".ca_bundle: " + client.status().message());

    auto provider = std::make_unique<Provider>();
    provider->name = p.name;
    provider->fetcher = std::make_unique<http::client::OutboundJwksFetcher>(std::move(*client));
    jwt::JwksCacheOptions cache_options;
    cache_options.url = p.jwks_url;
    cache_options.ttl = std::chrono::seconds(p.jwks_cache_ttl_sec);
    TARS_ASSIGN_OR_RETURN(provider->cache,
                          jwt::JwksCache::Create(cache_options, *provider->fetcher, clock));
    jwt::VerifierOptions verifier_options;
    verifier_options.claims.issuer = p.issuer;
    verifier_options.claims.audience = p.audience;
    verifier_options.claims.leeway = std::chrono::seconds(auth.jwt.leeway_seconds);
    verifier_options.allowed_algorithms = {jwt::Algorithm::kRs256, jwt::Algorithm::kEs256};
    provider->token_cache = std::make_unique<jwt::VerifiedTokenCache>();
    provider->verifier = std::make_shared<const jwt::TokenVerifier>(
        clock, *provider->cache, verifier_options, provider->token_cache.get());
    if (Status st = provider->cache->refresh(); !st.isOk()) {
      logger.warn("jwks provider has no key set yet; its tokens are refused until a fetch works",
                  {{"provider", p.name}, {"error", st.message()}});
    }
    self->providers_.push_back(std::move(provider));
  }
  if (!self->providers_.empty())
    self->retry_ = std::thread([raw = self.get()] { raw->retryLoop(); });
  return self;
}

void JwksProviders::retryLoop() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, options_.retry_interval, [this] { return stopping_; })) {
    lock.unlock();
    for (const auto& p : providers_) {
      if (p->cache->hasUsableSet())
        continue;
      if (Status st = p->cache->refresh(); st.isOk()) {
        logger_.info("jwks provider key set fetched", {{"provider", p->name}});
      } else {
        logger_.warn("jwks provider fetch failed",
                     {{"provider", p->name}, {"error", st.message()}});
      }
    }
    lock.lock();
  }
}

std::vector<identity::ExternalIssuer> JwksProviders::issuers() const {
  std::vector<identity::ExternalIssuer> out;
  for (const auto& p : providers_)
    out.push_back({p->name, p->verifier});
  return out;
}

std::vector<std::string> JwksProviders::names() const {
  std::vector<std::string> out;
  for (const auto& p : providers_)
    out.push_back(p->name);
  return out;
}

bool JwksProviders::hasUsableSet(const std::string& name) const {
  for (const auto& p : providers_) {
    if (p->name == name)
      return p->cache->hasUsableSet();
  }
  return false;
}

void JwksProviders::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (retry_.joinable())
    retry_.join();
}

JwksProviders::~JwksProviders() {
  stop();
}

}  // namespace tars::app
