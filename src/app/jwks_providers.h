#pragma once
// JwksProviders: the external issuers of auth.jwks_providers (spec/cap.md §10.3–10.4). Per
// provider: an outbound client (its `ca_bundle`, else the system CA store; outbound.timeout_ms),
// a JwksCache over the provider's jwks_url, and a TokenVerifier bound to its issuer, audience and
// RS256/ES256 with its own verified-token cache, handed to the Authenticator as an
// ExternalIssuer.
//
// A provider that cannot be reached at start does not stop the start: its tokens fail closed
// (503 JwksFetchFailed) until a fetch succeeds, and /readyz reports `jwks:<name>` DEGRADED. A
// background thread retries every `retry_interval` while a provider has no usable key set, so
// readiness recovers without waiting for a token to arrive.
//
// Part of the composition root. Thread safety: issuers() and hasUsableSet() are thread-safe;
// stop() once, from the owner.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/config/config.h"
#include "core/logger.h"
#include "core/status.h"
#include "identity/authn/authenticator.h"

namespace tars::jwt {
class JwksCache;
class JwksFetcher;
class VerifiedTokenCache;
}  // namespace tars::jwt

namespace tars::app {

class JwksProviders {
 public:
  struct Options {
    std::chrono::seconds retry_interval{30};
  };

  // kInvalidArgument naming auth.jwks_providers[i].ca_bundle for an unusable CA file. Makes one
  // warm-up fetch per provider (bounded by outbound.timeout_ms); a failure is logged, not fatal.
  static StatusOr<std::unique_ptr<JwksProviders>> Start(const config::Config& config,
                                                        const Clock& clock, Logger& logger,
                                                        Options options);
  ~JwksProviders();

  // The verifiers, in config order (the Authenticator picks one by the token's `iss`).
  std::vector<identity::ExternalIssuer> issuers() const;
  // Names in config order.
  std::vector<std::string> names() const;
  // True when provider `name` has a key set within its TTL + the stale-if-error bound.
  bool hasUsableSet(const std::string& name) const;

  void stop();

 private:
  struct Provider;
  JwksProviders(Logger& logger, Options options);
  void retryLoop();

  Logger& logger_;
  const Options options_;
  std::vector<std::unique_ptr<Provider>> providers_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::thread retry_;
};

}  // namespace tars::app
