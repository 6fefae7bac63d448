#include "tls/peer_identity.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace tars::tls {

StatusOr<PeerIdentity> verifiedPeerIdentity(const SSL* ssl, const ClientSanPolicy& policy) {
  PeerIdentity peer;
  X509* cert = SSL_get0_peer_certificate(ssl);
  if (cert == nullptr)
    return peer;
  if (SSL_get_verify_result(ssl) != X509_V_OK)
    return permissionDenied("client certificate was not verified");
  TARS_ASSIGN_OR_RETURN(CertificateIdentity identity, describeCertificate(cert));
  peer.san = policy.decide(identity);
  peer.certificate = std::move(identity);
  return peer;
}

std::optional<std::string> verifyFailureReason(const SSL* ssl) {
  long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK)
    return std::nullopt;
  return std::string(X509_verify_cert_error_string(result));
}

}  // namespace tars::tls
