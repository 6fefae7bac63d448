#pragma once
// The identity services' options as the Config sets them: one mapping for `tars serve`
// (identity_runtime.cc) and the `tars keys` CLI, so both build the same ring and key service.
//
// Thread safety: pure functions (keyMaterialSealer reads or creates the development secret file).

#include "core/config/config.h"
#include "core/status.h"
#include "identity/api_keys/api_key_service.h"
#include "identity/keyring/key_material_sealer.h"
#include "identity/keyring/key_ring_service.h"
#include "jwt/algorithm.h"

namespace tars::app {

// auth.jwt.algorithm as the JWS algorithm of new signing keys.
jwt::Algorithm signingAlgorithm(config::JwtAlgorithm algorithm);

// Algorithm, how long a retired key verifies (refresh TTL + leeway, tars.md §3.5) and the reload
// interval.
identity::KeyRingServiceOptions keyRingOptions(const config::Config& config);

// The sealer of the signing-key material: auth.jwt.secret, or in development the secret in
// <data_dir>/jwt_secret (created on first use).
StatusOr<identity::KeyMaterialSealer> keyMaterialSealer(const config::Config& config);

// auth.api_keys.* (on_flush_error left empty for the caller to set).
identity::ApiKeyServiceOptions apiKeyOptions(const config::Config& config);

}  // namespace tars::app
