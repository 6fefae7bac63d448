#pragma once
// Production mode refusals (ARCHITECTURE.md "Production mode", spec/tars.md §11.3).
//
// With env = production, tars refuses to start on: a missing or short auth.jwt.secret, demo
// users on, a wildcard CORS origin, TLS off without server.behind_tls_proxy, log.level trace,
// and a JWKS provider fetched over plain http from a remote host. Each message says why and
// which key to set; secrets are described by their length only.

#include "core/config/config.h"
#include "core/config/provenance.h"
#include "core/status.h"

namespace tars::config {

// At least this many bytes of auth.jwt.secret in production (HS256 key-ring master secret).
inline constexpr std::size_t kMinProductionSecretBytes = 32;

// OK in development; in production the first violated rule as kInvalidArgument.
Status checkProductionRules(const Config& config, const Provenance& provenance);

}  // namespace tars::config
