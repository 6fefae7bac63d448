#pragma once
// Helpers shared by the tls unit and integration tests: a temporary directory, certificates
// issued with the product's own x509_builder, captured log lines and an in-memory handshake
// (two SSL objects joined by a BIO pair: a real TLS handshake without sockets).

#include <openssl/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/logger.h"
#include "harness/temp_dir.h"
#include "tls/certgen/x509_builder.h"
#include "tls/certificate_identity.h"

namespace spdlog::sinks {
template <typename Mutex>
class ostream_sink;
}  // namespace spdlog::sinks

namespace tars::tls::test {

using ::tars::test::TempDir;  // harness/temp_dir.h

std::string readFile(const std::string& path);

// A certificate and its private key, as PEM.
struct Pem {
  std::string cert;
  std::string key;
  SigningAuthority authority() const { return {cert, key}; }
};

struct LeafOptions {
  CertificateRole role = CertificateRole::kServer;
  std::string cn = "leaf";
  std::vector<std::string> dns;
  std::vector<std::string> ip;
  std::vector<std::string> uri;
  KeyAlgorithm algorithm = KeyAlgorithm::kEcdsaP256;
  // Validity relative to now.
  std::chrono::seconds valid_from = -std::chrono::hours(1);
  std::chrono::seconds valid_until = std::chrono::hours(24);
};

// A self-signed CA (issuer == nullptr) or an intermediate signed by `issuer`.
Pem makeCa(const std::string& cn, const Pem* issuer = nullptr,
           std::optional<int> path_length = std::nullopt,
           KeyAlgorithm algorithm = KeyAlgorithm::kEcdsaP256);
Pem makeLeaf(const Pem& issuer, const LeafOptions& options);
// Shorthands.
Pem makeServer(const Pem& ca, const std::string& cn = "localhost",
               KeyAlgorithm algorithm = KeyAlgorithm::kEcdsaP256);
Pem makeClient(const Pem& ca, const std::string& dns_san, const std::string& cn = "client");

// Writes <stem>.crt and <stem>.key into `dir`.
struct PemPaths {
  std::string cert;
  std::string key;
};
PemPaths writePem(const TempDir& dir, const std::string& stem, const Pem& pem);

// What the X.509 API says about a PEM certificate (extensions asserted by the tests).
struct CertFacts {
  bool parsed = false;
  long version = 0;  // 2 = v3
  bool has_basic_constraints = false;
  bool basic_constraints_critical = false;
  bool is_ca = false;
  long path_length = -1;        // -1: none
  std::uint32_t key_usage = 0;  // KU_* bits (X509_get_key_usage)
  bool key_usage_critical = false;
  bool has_key_usage = false;
  std::uint32_t extended_key_usage = 0;  // XKU_* bits
  bool has_extended_key_usage = false;
  std::string subject_key_id;    // hex; empty when absent
  std::string authority_key_id;  // hex; empty when absent
  int signature_nid = 0;         // NID_ecdsa_with_SHA256, NID_sha256WithRSAEncryption
  std::string key_type;          // "EC" or "RSA"
  int key_bits = 0;
  std::string curve;           // "prime256v1" for EC
  std::string serial_der_hex;  // the DER INTEGER content bytes, hex
  CertificateIdentity identity;
};
CertFacts inspectCertificate(const std::string& pem);

// tls.* with TLS on, the given server cert/key and profile defaults.
config::TlsConfig serverConfig(const PemPaths& server);

// Log lines written through a Logger, kept in memory.
class CapturedLog {
 public:
  CapturedLog();
  ~CapturedLog();
  Logger& logger() { return *logger_; }
  std::string text();

 private:
  std::ostringstream stream_;
  std::unique_ptr<Logger> logger_;
};

// The outcome of an in-memory handshake.
struct MemoryHandshake {
  bool ok = false;              // both sides completed
  std::string server_error;     // OpenSSL reason on the server side, if any
  std::string client_error;     // OpenSSL reason on the client side, if any
  std::shared_ptr<SSL> server;  // the server's SSL (for peer identity checks)
  std::shared_ptr<SSL> client;
};

// Runs a handshake between a server SSL_CTX and a client SSL_CTX; the client sends `sni` and
// checks `verify_host` when non-empty. A client application read after the handshake makes a
// TLS 1.3 server's refusal of the client certificate visible to the client too.
MemoryHandshake handshakeInMemory(SSL_CTX* server_ctx, SSL_CTX* client_ctx,
                                  const std::string& verify_host = "");

}  // namespace tars::tls::test
