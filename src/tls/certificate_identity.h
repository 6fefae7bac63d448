#pragma once
// CertificateIdentity: what one X.509 certificate says about its subject — the names a SAN
// allow-list, a log line or a principal needs. Reading a certificate is not trusting it:
// peer_identity.h hands out identities only for chains the handshake verified.
//
// Thread safety: pure function over a borrowed certificate; the result is a value.

#include <openssl/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/status.h"

namespace tars::tls {

struct CertificateIdentity {
  std::vector<std::string> dns_sans;  // DNS subjectAltNames, as written (case kept)
  std::vector<std::string> uri_sans;  // URI subjectAltNames (e.g. spiffe://...)
  std::vector<std::string> ip_sans;   // IP subjectAltNames as text ("127.0.0.1", "::1")
  std::string subject_cn;             // first subject commonName; "" when absent
  std::string subject;                // RFC 2253 ("CN=tars-hypersync-client,O=T.A.R.S.")
  std::string issuer;                 // RFC 2253
  std::string serial_hex;             // uppercase hex, no leading zeros
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
};

// REQUIRES: cert != nullptr. kInvalidArgument when a field cannot be decoded (a damaged
// certificate); unknown SAN kinds (email, directory names) are skipped.
StatusOr<CertificateIdentity> describeCertificate(const X509* cert);

}  // namespace tars::tls
