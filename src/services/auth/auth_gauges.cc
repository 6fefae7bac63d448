#include "identity/api_keys/api_key_service.h"
#include "identity/authn/auth_metrics.h"
#include "identity/keyring/key_ring_service.h"
#include "services/auth/auth_service.h"
#include "store/refresh_families.h"

namespace tars::auth {

void updateSigningKeyGauge(const identity::KeyRingService& keyring,
                           identity::AuthMetrics& metrics) {
  std::size_t current = 0, verify_only = 0;
  for (const auto& k : keyring.list()) {
    if (k.status == "current")
      ++current;
    else if (k.status == "verify_only")
      ++verify_only;
  }
  metrics.signingKeys(current, verify_only);
}

void updateActiveApiKeyGauge(identity::ApiKeyService& api_keys, identity::AuthMetrics& metrics) {
  // A failed count leaves the gauge at its last value rather than failing the caller.
  if (auto n = api_keys.count(false); n.isOk())
    metrics.apiKeysActive(*n);
}

void updateActiveRefreshFamiliesGauge(store::Store& store, const Clock& clock,
                                      identity::AuthMetrics& metrics) {
  if (auto n = store.refreshFamilies().countActive(clock.now()); n.isOk())
    metrics.refreshFamiliesActive(*n);
}

}  // namespace tars::auth
