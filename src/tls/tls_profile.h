#pragma once
// The cipher profiles of spec/cap.md §11 (Mozilla modern / intermediate / old) and how they are
// applied to an SSL_CTX.
//
// | profile      | versions  | TLS 1.2 cipher list                                   |
// | modern       | 1.3       | none (TLS 1.2 is never negotiated)                    |
// | intermediate | 1.2 - 1.3 | kIntermediateCiphers                                  |
// | legacy       | 1.0 - 1.3 | kIntermediateCiphers + kLegacyExtraCiphers, @SECLEVEL=0 |
//
// Every profile offers the same TLS 1.3 suites (kTls13Suites). `tls.tls_min_version`, when set,
// replaces the profile's minimum (modern refuses anything below 1.3). Whether TLS 1.0/1.1 can
// actually complete also depends on the peer's OpenSSL security level: OpenSSL 3 needs level 0
// on *both* ends for them (docs/OPERATIONS.md, "TLS and mTLS").
//
// Thread safety: pure functions; applyProfile() mutates only the given SSL_CTX.

#include <openssl/types.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/config/config.h"
#include "core/status.h"

namespace tars::tls {

inline constexpr std::string_view kTls13Suites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

inline constexpr std::string_view kIntermediateCiphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384";

inline constexpr std::string_view kLegacyExtraCiphers =
    "ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA:"
    "ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES256-SHA384:"
    "ECDHE-ECDSA-AES256-SHA:ECDHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA256:"
    "AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA256:AES256-SHA256:AES128-SHA:AES256-SHA:"
    "DES-CBC3-SHA";

// Key exchange groups offered and accepted (Mozilla's list).
inline constexpr std::string_view kGroups = "X25519:prime256v1:secp384r1";

struct TlsProfile {
  config::CipherProfile profile = config::CipherProfile::kIntermediate;
  int min_version = 0;             // TLS1_2_VERSION etc.
  int max_version = 0;             // always TLS1_3_VERSION
  std::string tls12_ciphers;       // OpenSSL cipher string for TLS <= 1.2; empty for modern
  std::string tls13_suites;        // OpenSSL TLS 1.3 ciphersuites
  bool server_preference = false;  // Mozilla: server order only for the old profile
};

// The OpenSSL constant of a config version (TLS1_VERSION ...).
int protocolVersion(config::TlsVersion version);
// "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3" for an OpenSSL version constant ("unknown" otherwise).
std::string_view protocolName(int version);

// The profile with the min-version override applied. kInvalidArgument naming
// `tls.tls_min_version` when modern is asked to go below 1.3.
StatusOr<TlsProfile> resolveProfile(config::CipherProfile profile,
                                    std::optional<config::TlsVersion> min_version);

// Sets versions, the TLS 1.2 list (with the security level it carries), the TLS 1.3 suites, the
// groups and the preference order on `ctx`. kInternal when OpenSSL refuses a list.
Status applyProfile(SSL_CTX* ctx, const TlsProfile& profile);

}  // namespace tars::tls
