#pragma once
// Internal to identity/keyring: the one place that turns store rows into ring entries and new
// keys into store rows, sealing and opening the private material on the way.
//
// Thread safety: pure functions (the sealer is immutable).

#include "core/status.h"
#include "identity/keyring/key_material_sealer.h"
#include "jwt/key_ring.h"
#include "jwt/signing_key.h"
#include "store/signing_keys.h"
#include "store/time_point.h"

namespace tars::identity::internal {

// The ring entry for `record`. `known` (may be null) is the key the ring already holds for this
// kid: used as is when its algorithm matches, so a reload decrypts only new keys.
// kFailedPrecondition with KeyRingService::kSecretMismatchMessage when the material does not
// authenticate under the sealer's key; kFailedPrecondition for a format this binary does not
// know; kInternal for an unsupported algorithm, a status or key the ring cannot hold.
StatusOr<jwt::KeyRingEntry> entryFromRecord(const store::SigningKeyRecord& record,
                                            const KeyMaterialSealer& sealer,
                                            const jwt::SigningKeyConstSharedPtr& known);

// The store row of a new current key created at `created_at` (milliseconds kept, as stored).
StatusOr<store::SigningKeyRecord> recordForNewKey(const jwt::SigningKey& key,
                                                  const KeyMaterialSealer& sealer,
                                                  store::Timestamp created_at);

}  // namespace tars::identity::internal
