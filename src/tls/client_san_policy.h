#pragma once
// ClientSanPolicy: the per-connection SAN allow-list decision of spec/cap.md §11.
//
// When `tls.verify_client_san` is true and the client presented a (verified) certificate, the
// connection is allowed when some DNS SAN of the certificate matches some pattern of
// `tls.allowed_client_sans`; the subject CN never counts. Without a certificate (optional mode)
// nothing is checked: the request goes on to ordinary authentication. On kNotAllowed the server
// answers every request of the connection 403 `tls/client-san-not-allowed`.
//
// Thread safety: immutable after Create(); share freely.

#include "core/config/config.h"
#include "core/status.h"
#include "tls/certificate_identity.h"
#include "tls/san_matcher.h"

namespace tars::tls {

enum class SanDecision {
  kNotChecked,  // verify_client_san is off, or no certificate was presented
  kAllowed,     // some DNS SAN matched
  kNotAllowed,  // a verified certificate whose DNS SANs match no pattern
};

class ClientSanPolicy {
 public:
  // From tls.verify_client_san and tls.allowed_client_sans. Refuses (naming the field): a bad
  // pattern; verify_client_san with an empty list (it would allow everyone); verify_client_san
  // while client certificates are never asked for (client_cert_validation none), which would
  // silently check nothing.
  static StatusOr<ClientSanPolicy> Create(const config::TlsConfig& tls);

  // A policy that checks nothing.
  static ClientSanPolicy disabled() {
    return ClientSanPolicy(false, SanMatcher::Create({}).value());
  }

  bool enabled() const { return enabled_; }

  // The decision for a verified client certificate.
  SanDecision decide(const CertificateIdentity& certificate) const;

 private:
  ClientSanPolicy(bool enabled, SanMatcher matcher)
      : enabled_(enabled), matcher_(std::move(matcher)) {}

  bool enabled_;
  SanMatcher matcher_;
};

}  // namespace tars::tls
