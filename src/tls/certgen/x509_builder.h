#pragma once
// X.509 issuance for `tars certs generate` (spec/tars.md §5) and for tests that need odd chains.
//
// Keys are ECDSA P-256 or RSA-2048 (OpenSSL 3 EVP_PKEY_Q_keygen), exported as unencrypted
// PKCS#8 PEM. Certificates are v3, signed with SHA-256, serial = 16 random bytes (positive), with:
//   CA:   basicConstraints critical CA:TRUE[, pathlen:N]; keyUsage critical keyCertSign, cRLSign;
//         subjectKeyIdentifier (+ authorityKeyIdentifier when issued by another CA)
//   leaf: basicConstraints critical CA:FALSE; keyUsage critical digitalSignature (RSA adds
//         keyEncipherment); extendedKeyUsage; subjectAltName; subject and authority key ids
// Subjects are CN=<common_name>, O=<organization>.
//
// Thread safety: pure functions (OpenSSL's RNG is thread-safe).

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace tars::tls {

enum class KeyAlgorithm { kEcdsaP256, kRsa2048 };

enum class CertificateRole {
  kCa,      // may sign certificates
  kServer,  // extendedKeyUsage serverAuth
  kClient,  // extendedKeyUsage clientAuth
};

struct CertificateSpec {
  std::string common_name;                // subject CN
  std::string organization = "T.A.R.S.";  // subject O; empty = none
  CertificateRole role = CertificateRole::kServer;
  std::optional<int> ca_path_length = 0;  // kCa only: pathlen; nullopt = unlimited
  std::vector<std::string> dns_sans;      // DNS names (a leading "*." label is allowed)
  std::vector<std::string> ip_sans;       // IPv4 / IPv6 literals
  std::vector<std::string> uri_sans;      // URIs (spiffe://...)
  std::chrono::system_clock::time_point not_before;
  std::chrono::system_clock::time_point not_after;
};

// The certificate and key that sign others.
struct SigningAuthority {
  std::string certificate_pem;
  std::string private_key_pem;
};

// A fresh private key as unencrypted PKCS#8 PEM (secret: write it 0600, never log it).
StatusOr<std::string> generatePrivateKeyPem(KeyAlgorithm algorithm);

// Issues a certificate for the public half of `subject_key_pem`, signed by `issuer` (nullptr:
// self-signed with the subject key). kInvalidArgument for a bad spec (no CN, a SAN that is not a
// name/IP/URI, not_after not after not_before, an issuer key that does not match its
// certificate); kInternal when OpenSSL fails.
StatusOr<std::string> issueCertificatePem(const CertificateSpec& spec,
                                          const std::string& subject_key_pem,
                                          const SigningAuthority* issuer);

}  // namespace tars::tls
