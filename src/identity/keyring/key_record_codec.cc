#include "identity/keyring/key_record_codec.h"

#include <memory>
#include <string>

#include "identity/keyring/key_ring_service.h"
#include "jwt/algorithm.h"

namespace tars::identity::internal {
namespace {

jwt::KeyState stateOf(store::SigningKeyStatus status) {
  switch (status) {
    case store::SigningKeyStatus::kCurrent:
      return jwt::KeyState::kCurrent;
    case store::SigningKeyStatus::kVerifyOnly:
      return jwt::KeyState::kVerifyOnly;
    case store::SigningKeyStatus::kRevoked:
      return jwt::KeyState::kRevoked;
  }
  return jwt::KeyState::kRevoked;  // fail closed
}

StatusOr<jwt::SigningKeyConstSharedPtr> openKey(const store::SigningKeyRecord& record,
                                                jwt::Algorithm algorithm,
                                                const KeyMaterialSealer& sealer) {
  StatusOr<crypto::SecretBytes> material =
      sealer.open(record.kid, record.algorithm, record.key_material);
  if (!material.isOk()) {
    if (material.status().code() == StatusCode::kInvalidArgument) {
      return failedPrecondition(std::string(KeyRingService::kSecretMismatchMessage));
    }
    return material.status();
  }
  StatusOr<jwt::SigningKey> key =
      jwt::SigningKey::FromPrivateMaterial(algorithm, material->view(), record.kid);
  if (!key.isOk()) {
    // Not the key's own message: it could describe the material.
    return internalError("signing key " + record.kid + " in the store is unusable");
  }
  return std::make_shared<const jwt::SigningKey>(std::move(key).value());
}

}  // namespace

StatusOr<jwt::KeyRingEntry> entryFromRecord(const store::SigningKeyRecord& record,
                                            const KeyMaterialSealer& sealer,
                                            const jwt::SigningKeyConstSharedPtr& known) {
  const std::optional<jwt::Algorithm> algorithm = jwt::algorithmFromName(record.algorithm);
  if (!algorithm) {
    return internalError("signing key " + record.kid +
                         " in the store has an unsupported algorithm");
  }
  jwt::KeyRingEntry entry;
  if (known && known->kid() == record.kid && known->algorithm() == *algorithm) {
    entry.key = known;
  } else {
    TARS_ASSIGN_OR_RETURN(entry.key, openKey(record, *algorithm, sealer));
  }
  entry.state = stateOf(record.status);
  entry.created_at = record.created_at;
  entry.retired_at = record.retired_at;
  entry.verify_until = record.verify_until;
  return entry;
}

StatusOr<store::SigningKeyRecord> recordForNewKey(const jwt::SigningKey& key,
                                                  const KeyMaterialSealer& sealer,
                                                  store::Timestamp created_at) {
  store::SigningKeyRecord record;
  record.kid = key.kid();
  record.algorithm = std::string(jwt::algorithmName(key.algorithm()));
  TARS_ASSIGN_OR_RETURN(crypto::SecretBytes material, key.privateMaterial());
  TARS_ASSIGN_OR_RETURN(record.key_material, sealer.seal(record.kid, record.algorithm, material));
  record.status = store::SigningKeyStatus::kCurrent;
  record.created_at = store::truncateToMillis(created_at);
  return record;
}

}  // namespace tars::identity::internal
