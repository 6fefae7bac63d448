#include "tls_test_util.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "tls/client_context.h"

namespace tars::tls::test {
namespace {

std::chrono::system_clock::time_point nowSeconds() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

template <typename T>
T orThrow(StatusOr<T> v) {
  if (!v.isOk())
    throw std::runtime_error(v.status().toString());
  return std::move(v).value();
}

std::string lastError() {
  unsigned long e = ERR_peek_last_error();
  const char* reason = e != 0 ? ERR_reason_error_string(e) : nullptr;
  std::string out = reason != nullptr ? reason : (e != 0 ? "unknown error" : "");
  ERR_clear_error();
  return out;
}

}  // namespace

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Pem makeCa(const std::string& cn, const Pem* issuer, std::optional<int> path_length,
           KeyAlgorithm algorithm) {
  Pem out;
  out.key = orThrow(generatePrivateKeyPem(algorithm));
  CertificateSpec spec;
  spec.common_name = cn;
  spec.role = CertificateRole::kCa;
  spec.ca_path_length = path_length;
  spec.not_before = nowSeconds() - std::chrono::hours(1);
  spec.not_after = nowSeconds() + std::chrono::hours(24 * 30);
  SigningAuthority authority;
  if (issuer != nullptr)
    authority = issuer->authority();
  out.cert = orThrow(issueCertificatePem(spec, out.key, issuer ? &authority : nullptr));
  return out;
}

Pem makeLeaf(const Pem& issuer, const LeafOptions& o) {
  Pem out;
  out.key = orThrow(generatePrivateKeyPem(o.algorithm));
  CertificateSpec spec;
  spec.common_name = o.cn;
  spec.role = o.role;
  spec.dns_sans = o.dns;
  spec.ip_sans = o.ip;
  spec.uri_sans = o.uri;
  spec.not_before = nowSeconds() + o.valid_from;
  spec.not_after = nowSeconds() + o.valid_until;
  SigningAuthority authority = issuer.authority();
  out.cert = orThrow(issueCertificatePem(spec, out.key, &authority));
  return out;
}

Pem makeServer(const Pem& ca, const std::string& cn, KeyAlgorithm algorithm) {
  LeafOptions o;
  o.role = CertificateRole::kServer;
  o.cn = cn;
  o.dns = {"localhost"};
  o.ip = {"127.0.0.1"};
  o.algorithm = algorithm;
  return makeLeaf(ca, o);
}

Pem makeClient(const Pem& ca, const std::string& dns_san, const std::string& cn) {
  LeafOptions o;
  o.role = CertificateRole::kClient;
  o.cn = cn;
  if (!dns_san.empty())
    o.dns = {dns_san};
  return makeLeaf(ca, o);
}

PemPaths writePem(const TempDir& dir, const std::string& stem, const Pem& pem) {
  return {dir.write(stem + ".crt", pem.cert), dir.write(stem + ".key", pem.key)};
}

namespace {

std::string hex(const unsigned char* data, int len) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (int i = 0; i < len; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xf]);
  }
  return out;
}

bool critical(X509* cert, int nid) {
  int at = X509_get_ext_by_NID(cert, nid, -1);
  return at >= 0 && X509_EXTENSION_get_critical(X509_get_ext(cert, at)) == 1;
}

}  // namespace

CertFacts inspectCertificate(const std::string& pem) {
  CertFacts f;
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (cert == nullptr)
    return f;
  f.parsed = true;
  f.version = X509_get_version(cert);
  if (auto* bc = static_cast<BASIC_CONSTRAINTS*>(
          X509_get_ext_d2i(cert, NID_basic_constraints, nullptr, nullptr))) {
    f.has_basic_constraints = true;
    f.is_ca = bc->ca != 0;
    f.path_length = bc->pathlen != nullptr ? ASN1_INTEGER_get(bc->pathlen) : -1;
    BASIC_CONSTRAINTS_free(bc);
  }
  f.basic_constraints_critical = critical(cert, NID_basic_constraints);
  f.has_key_usage = X509_get_ext_by_NID(cert, NID_key_usage, -1) >= 0;
  f.key_usage = X509_get_key_usage(cert);
  f.key_usage_critical = critical(cert, NID_key_usage);
  f.has_extended_key_usage = X509_get_ext_by_NID(cert, NID_ext_key_usage, -1) >= 0;
  f.extended_key_usage = X509_get_extended_key_usage(cert);
  if (const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(cert))
    f.subject_key_id = hex(ASN1_STRING_get0_data(ski), ASN1_STRING_length(ski));
  if (const ASN1_OCTET_STRING* aki = X509_get0_authority_key_id(cert))
    f.authority_key_id = hex(ASN1_STRING_get0_data(aki), ASN1_STRING_length(aki));
  f.signature_nid = X509_get_signature_nid(cert);
  EVP_PKEY* key = X509_get0_pubkey(cert);
  f.key_type = EVP_PKEY_is_a(key, "RSA") ? "RSA" : EVP_PKEY_is_a(key, "EC") ? "EC" : "other";
  f.key_bits = EVP_PKEY_get_bits(key);
  char curve[64] = {};
  std::size_t curve_len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, "group", curve, sizeof curve, &curve_len) == 1)
    f.curve = curve;
  const ASN1_INTEGER* serial = X509_get0_serialNumber(cert);
  f.serial_der_hex = hex(ASN1_STRING_get0_data(serial), ASN1_STRING_length(serial));
  if (auto id = describeCertificate(cert); id.isOk())
    f.identity = *id;
  X509_free(cert);
  return f;
}

config::TlsConfig serverConfig(const PemPaths& server) {
  config::TlsConfig tls;
  tls.enabled = true;
  tls.server_cert = server.cert;
  tls.server_key = server.key;
  return tls;
}

CapturedLog::CapturedLog()
    : logger_(std::make_unique<Logger>(
          std::make_shared<spdlog::logger>(
              "tls-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_)),
          LogLevel::kInfo, LogFormat::kText)) {}

CapturedLog::~CapturedLog() = default;

std::string CapturedLog::text() {
  logger_->flush();
  return stream_.str();
}

MemoryHandshake handshakeInMemory(SSL_CTX* server_ctx, SSL_CTX* client_ctx,
                                  const std::string& verify_host) {
  MemoryHandshake out;
  out.server.reset(SSL_new(server_ctx), SSL_free);
  out.client.reset(SSL_new(client_ctx), SSL_free);
  BIO* server_bio = nullptr;
  BIO* client_bio = nullptr;
  BIO_new_bio_pair(&server_bio, 0, &client_bio, 0);
  SSL_set_bio(out.server.get(), server_bio, server_bio);
  SSL_set_bio(out.client.get(), client_bio, client_bio);
  SSL_set_accept_state(out.server.get());
  SSL_set_connect_state(out.client.get());
  if (!verify_host.empty()) {
    if (!prepareClientConnection(out.client.get(), verify_host).isOk())
      return out;
  }
  bool server_done = false, client_done = false, failed = false;
  for (int round = 0; round < 50 && !failed && !(server_done && client_done); ++round) {
    if (!client_done) {
      int r = SSL_do_handshake(out.client.get());
      if (r == 1) {
        client_done = true;
      } else if (int e = SSL_get_error(out.client.get(), r);
                 e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
        out.client_error = lastError();
        failed = true;
      }
    }
    if (!server_done && !failed) {
      int r = SSL_do_handshake(out.server.get());
      if (r == 1) {
        server_done = true;
      } else if (int e = SSL_get_error(out.server.get(), r);
                 e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
        out.server_error = lastError();
        failed = true;
      }
    }
  }
  if (failed) {
    // Let the other side read the alert, so its reason is recorded too.
    char byte;
    if (out.client_error.empty() && SSL_read(out.client.get(), &byte, 1) <= 0)
      out.client_error = lastError();
    return out;
  }
  // TLS 1.3: the server's verdict on the client certificate (and its tickets) arrive after the
  // client finished; one server write + client read settles it.
  SSL_write(out.server.get(), "x", 1);
  char byte;
  if (SSL_read(out.client.get(), &byte, 1) != 1) {
    out.client_error = lastError();
    return out;
  }
  out.ok = server_done && client_done;
  return out;
}

}  // namespace tars::tls::test
