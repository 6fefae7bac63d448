#include "tls/tls_profile.h"

#include <openssl/ssl.h>

#include "tls/tls_error.h"

namespace tars::tls {

int protocolVersion(config::TlsVersion version) {
  switch (version) {
    case config::TlsVersion::kTls10:
      return TLS1_VERSION;
    case config::TlsVersion::kTls11:
      return TLS1_1_VERSION;
    case config::TlsVersion::kTls12:
      return TLS1_2_VERSION;
    case config::TlsVersion::kTls13:
      return TLS1_3_VERSION;
  }
  return TLS1_3_VERSION;
}

std::string_view protocolName(int version) {
  switch (version) {
    case TLS1_VERSION:
      return "TLSv1";
    case TLS1_1_VERSION:
      return "TLSv1.1";
    case TLS1_2_VERSION:
      return "TLSv1.2";
    case TLS1_3_VERSION:
      return "TLSv1.3";
    default:
      return "unknown";
  }
}

StatusOr<TlsProfile> resolveProfile(config::CipherProfile profile,
                                    std::optional<config::TlsVersion> min_version) {
  TlsProfile p;
  p.profile = profile;
  p.max_version = TLS1_3_VERSION;
  p.tls13_suites = std::string(kTls13Suites);
  switch (profile) {
    case config::CipherProfile::kModern:
      p.min_version = TLS1_3_VERSION;
      break;
    case config::CipherProfile::kIntermediate:
      p.min_version = TLS1_2_VERSION;
      p.tls12_ciphers = std::string(kIntermediateCiphers);
      break;
    case config::CipherProfile::kLegacy:
      p.min_version = TLS1_VERSION;
      // SECLEVEL=0: OpenSSL 3 refuses TLS 1.0/1.1 (SHA-1 handshake signatures) and 3DES at any
      // higher level, so the old profile would otherwise be the intermediate one in disguise.
      p.tls12_ciphers = std::string(kIntermediateCiphers) + ":" + std::string(kLegacyExtraCiphers) +
                        ":@SECLEVEL=0";
      p.server_preference = true;
      break;
  }
  if (min_version) {
    int requested = protocolVersion(*min_version);
    if (profile == config::CipherProfile::kModern && requested < TLS1_3_VERSION) {
      return invalidArgument("tls.tls_min_version: " + std::string(protocolName(requested)) +
                             " is below TLSv1.3, the minimum of cipher_profile modern");
    }
    p.min_version = requested;
  }
  return p;
}

Status applyProfile(SSL_CTX* ctx, const TlsProfile& profile) {
  if (SSL_CTX_set_min_proto_version(ctx, profile.min_version) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, profile.max_version) != 1) {
    return internal::opensslFailure(StatusCode::kInternal, "tls: cannot set the protocol versions");
  }
  // Modern has no TLS 1.2 list: the minimum version makes OpenSSL's default list unreachable.
  if (!profile.tls12_ciphers.empty() &&
      SSL_CTX_set_cipher_list(ctx, profile.tls12_ciphers.c_str()) != 1) {
    return internal::opensslFailure(StatusCode::kInternal,
                                    "tls: OpenSSL refused the TLS 1.2 cipher list");
  }
  if (SSL_CTX_set_ciphersuites(ctx, profile.tls13_suites.c_str()) != 1) {
    return internal::opensslFailure(StatusCode::kInternal,
                                    "tls: OpenSSL refused the TLS 1.3 suites");
  }
  if (SSL_CTX_set1_groups_list(ctx, std::string(kGroups).c_str()) != 1)
    return internal::opensslFailure(StatusCode::kInternal, "tls: cannot set the key groups");
  if (profile.server_preference)
    SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
  else
    SSL_CTX_clear_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
  return Status::ok();
}

}  // namespace tars::tls
