#pragma once
// PeerIdentity: who is at the other end of a TLS connection, decided once after the handshake.
//
// Server wiring (one call per connection, after a successful handshake):
//
//   StatusOr<tls::PeerIdentity> peer =
//       tls::verifiedPeerIdentity(stream.native_handle(), provider.sanPolicy());
//   if (!peer.isOk())  -> close the connection (cannot happen with our verify modes; fail closed)
//   peer->certificate  -> the verified client certificate (nullopt: none presented)
//   !peer->sanAllowed() -> answer every request 403 tls/client-san-not-allowed
//
// Thread safety: pure functions over a borrowed SSL* (use it on the connection's strand).

#include <openssl/types.h>

#include <optional>
#include <string>

#include "core/status.h"
#include "tls/certificate_identity.h"
#include "tls/client_san_policy.h"

namespace tars::tls {

struct PeerIdentity {
  // The client certificate, present only when the handshake verified its chain against
  // tls.client_ca_bundle. nullopt: the client presented none (client_cert_validation none or
  // optional).
  std::optional<CertificateIdentity> certificate;
  // The SAN allow-list decision for the connection.
  SanDecision san = SanDecision::kNotChecked;

  bool hasCertificate() const { return certificate.has_value(); }
  bool sanAllowed() const { return san != SanDecision::kNotAllowed; }
};

// REQUIRES: `ssl` completed its handshake as a server. A presented certificate whose chain did
// not verify (impossible with the verify modes server_context.h sets, since OpenSSL then fails
// the handshake) is kPermissionDenied rather than an identity: never fail open.
StatusOr<PeerIdentity> verifiedPeerIdentity(const SSL* ssl, const ClientSanPolicy& policy);

// Why OpenSSL refused the peer's certificate chain ("certificate has expired",
// "certificate chain too long", ...), for the log line of a failed handshake; nullopt when
// verification did not fail. A fixed OpenSSL string: never certificate contents.
std::optional<std::string> verifyFailureReason(const SSL* ssl);

}  // namespace tars::tls
