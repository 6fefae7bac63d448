#include "tls/server_context.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/ssl/context.hpp>
#include <cstring>
#include <string_view>

#include "tls/openssl_handles.h"
#include "tls/pem_files.h"
#include "tls/tls_error.h"
#include "tls/tls_profile.h"

namespace tars::tls {
namespace {

using internal::EvpPkeyPtr;
using internal::SslCtxPtr;
using internal::X509NameStackPtr;
using internal::X509Ptr;

constexpr std::string_view kHttp11 = "http/1.1";

// Picks "http/1.1" from the client's ALPN list (length-prefixed strings).
int selectAlpn(SSL* /*ssl*/, const unsigned char** out, unsigned char* outlen,
               const unsigned char* in, unsigned int inlen, void* /*arg*/) {
  unsigned int i = 0;
  while (i < inlen) {
    unsigned int len = in[i];
    if (i + 1 + len > inlen)
      break;  // malformed list (OpenSSL checks this too)
    if (len == kHttp11.size() && std::memcmp(in + i + 1, kHttp11.data(), len) == 0) {
      *out = in + i + 1;
      *outlen = static_cast<unsigned char>(len);
      return SSL_TLSEXT_ERR_OK;
    }
    i += 1 + len;
  }
  return SSL_TLSEXT_ERR_ALERT_FATAL;
}

Status useServerCertificate(SSL_CTX* ctx, const config::TlsConfig& tls,
                            CertificateIdentity& served) {
  const std::string& cert_path = *tls.server_cert;
  const std::string& key_path = *tls.server_key;
  TARS_ASSIGN_OR_RETURN(std::vector<X509Ptr> chain,
                        internal::loadCertificates("tls.server_cert", cert_path));
  TARS_ASSIGN_OR_RETURN(EvpPkeyPtr key, internal::loadPrivateKey("tls.server_key", key_path));
  if (X509_check_private_key(chain.front().get(), key.get()) != 1) {
    internal::takeOpensslReason();
    return invalidArgument("tls.server_key: the key in " + key_path +
                           " does not belong to the certificate in tls.server_cert (" + cert_path +
                           ")");
  }
  TARS_ASSIGN_OR_RETURN(served, describeCertificate(chain.front().get()));
  if (SSL_CTX_use_certificate(ctx, chain.front().get()) != 1) {
    return internal::opensslFailure(StatusCode::kInvalidArgument,
                                    "tls.server_cert: " + cert_path + " cannot be served");
  }
  for (std::size_t i = 1; i < chain.size(); ++i) {
    if (SSL_CTX_add1_chain_cert(ctx, chain[i].get()) != 1) {
      return internal::opensslFailure(StatusCode::kInvalidArgument,
                                      "tls.server_cert: " + cert_path + ": chain certificate " +
                                          std::to_string(i) + " cannot be served");
    }
  }
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    return internal::opensslFailure(StatusCode::kInvalidArgument,
                                    "tls.server_key: " + key_path + " cannot be used");
  }
  return Status::ok();
}

Status useClientVerification(SSL_CTX* ctx, const config::TlsConfig& tls,
                             const ServerContextOptions& options) {
  config::ClientCertValidation mode =
      tls.require_mtls ? config::ClientCertValidation::kRequired : tls.client_cert_validation;
  if (mode == config::ClientCertValidation::kNone) {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
    return Status::ok();
  }
  if (!tls.client_ca_bundle || tls.client_ca_bundle->empty()) {
    return invalidArgument(
        "tls.client_ca_bundle: is required when client certificates are verified");
  }
  const std::string& path = *tls.client_ca_bundle;
  TARS_ASSIGN_OR_RETURN(std::vector<X509Ptr> cas,
                        internal::loadCertificates("tls.client_ca_bundle", path));
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  X509NameStackPtr names(sk_X509_NAME_new_null());
  if (!names)
    return internal::opensslFailure(StatusCode::kInternal, "tls: out of memory");
  for (const X509Ptr& ca : cas) {
    if (X509_STORE_add_cert(store, ca.get()) != 1) {
      return internal::opensslFailure(
          StatusCode::kInvalidArgument,
          "tls.client_ca_bundle: " + path + ": a certificate cannot be trusted");
    }
    X509_NAME* name = X509_NAME_dup(X509_get_subject_name(ca.get()));
    if (name == nullptr || sk_X509_NAME_push(names.get(), name) == 0) {
      X509_NAME_free(name);
      return internal::opensslFailure(StatusCode::kInternal, "tls: out of memory");
    }
  }
  // The acceptable CA names go into the CertificateRequest so that clients pick the right cert.
  SSL_CTX_set_client_CA_list(ctx, names.release());
  int verify = SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE;
  if (mode == config::ClientCertValidation::kRequired)
    verify |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
  SSL_CTX_set_verify(ctx, verify, nullptr);
  SSL_CTX_set_verify_depth(ctx, options.max_client_chain_depth);
  return Status::ok();
}

Status useSessions(SSL_CTX* ctx, const ServerContextOptions& options) {
  const std::string& sid = options.session_id_context;
  if (sid.empty() || sid.size() > SSL_MAX_SID_CTX_LENGTH ||
      SSL_CTX_set_session_id_context(ctx, reinterpret_cast<const unsigned char*>(sid.data()),
                                     static_cast<unsigned int>(sid.size())) != 1) {
    return internal::opensslFailure(StatusCode::kInternal,
                                    "tls: the session id context must be 1-32 bytes");
  }
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);
  SSL_CTX_sess_set_cache_size(ctx, options.session_cache_size);
  SSL_CTX_set_timeout(ctx, static_cast<long>(options.session_timeout.count()));
  SSL_CTX_clear_options(ctx, SSL_OP_NO_TICKET);
  return Status::ok();
}

}  // namespace

StatusOr<ServerTlsContext> buildServerContext(const config::TlsConfig& tls,
                                              const ServerContextOptions& options) {
  if (!tls.server_cert || tls.server_cert->empty())
    return invalidArgument("tls.server_cert: is required when TLS is enabled");
  if (!tls.server_key || tls.server_key->empty())
    return invalidArgument("tls.server_key: is required when TLS is enabled");
  TARS_ASSIGN_OR_RETURN(TlsProfile profile,
                        resolveProfile(tls.cipher_profile, tls.tls_min_version));

  SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx)
    return internal::opensslFailure(StatusCode::kInternal, "tls: cannot create an SSL context");
  SSL_CTX_set_options(ctx.get(), SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  // DHE-RSA suites of the profiles need parameters; "auto" sizes them to the server key.
  SSL_CTX_set_dh_auto(ctx.get(), 1);
  TARS_RETURN_IF_ERROR(applyProfile(ctx.get(), profile));

  ServerTlsContext out;
  TARS_RETURN_IF_ERROR(useServerCertificate(ctx.get(), tls, out.certificate));
  TARS_RETURN_IF_ERROR(useClientVerification(ctx.get(), tls, options));
  TARS_RETURN_IF_ERROR(useSessions(ctx.get(), options));
  SSL_CTX_set_alpn_select_cb(ctx.get(), selectAlpn, nullptr);

  out.ssl = std::make_shared<boost::asio::ssl::context>(ctx.release());
  return out;
}

}  // namespace tars::tls
