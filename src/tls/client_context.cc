#include "tls/client_context.h"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/ssl/context.hpp>

#include "tls/openssl_handles.h"
#include "tls/pem_files.h"
#include "tls/san_matcher.h"
#include "tls/tls_error.h"
#include "tls/tls_profile.h"

namespace tars::tls {
namespace {

using internal::EvpPkeyPtr;
using internal::SslCtxPtr;
using internal::X509Ptr;

Status useTrust(SSL_CTX* ctx, const ClientTlsOptions& options) {
  if (!options.ca_bundle) {
    if (SSL_CTX_set_default_verify_paths(ctx) != 1)
      return internal::opensslFailure(StatusCode::kInternal, "tls: cannot load the system CAs");
    return Status::ok();
  }
  TARS_ASSIGN_OR_RETURN(std::vector<X509Ptr> cas,
                        internal::loadCertificates("ca_bundle", *options.ca_bundle));
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  for (const X509Ptr& ca : cas) {
    if (X509_STORE_add_cert(store, ca.get()) != 1) {
      return internal::opensslFailure(
          StatusCode::kInvalidArgument,
          "ca_bundle: " + *options.ca_bundle + ": a certificate cannot be trusted");
    }
  }
  return Status::ok();
}

Status useClientCertificate(SSL_CTX* ctx, const ClientTlsOptions& options) {
  if (!options.client_cert && !options.client_key)
    return Status::ok();
  if (!options.client_cert || !options.client_key)
    return invalidArgument("client_cert and client_key: give both or neither");
  TARS_ASSIGN_OR_RETURN(std::vector<X509Ptr> chain,
                        internal::loadCertificates("client_cert", *options.client_cert));
  TARS_ASSIGN_OR_RETURN(EvpPkeyPtr key,
                        internal::loadPrivateKey("client_key", *options.client_key));
  if (X509_check_private_key(chain.front().get(), key.get()) != 1) {
    internal::takeOpensslReason();
    return invalidArgument("client_key: the key in " + *options.client_key +
                           " does not belong to the certificate in " + *options.client_cert);
  }
  if (SSL_CTX_use_certificate(ctx, chain.front().get()) != 1)
    return internal::opensslFailure(StatusCode::kInvalidArgument, "client_cert: cannot be used");
  for (std::size_t i = 1; i < chain.size(); ++i) {
    if (SSL_CTX_add1_chain_cert(ctx, chain[i].get()) != 1)
      return internal::opensslFailure(StatusCode::kInvalidArgument,
                                      "client_cert: a chain certificate cannot be used");
  }
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1)
    return internal::opensslFailure(StatusCode::kInvalidArgument, "client_key: cannot be used");
  return Status::ok();
}

}  // namespace

StatusOr<SslContextPtr> buildClientContext(const ClientTlsOptions& options) {
  TARS_ASSIGN_OR_RETURN(TlsProfile profile,
                        resolveProfile(config::CipherProfile::kIntermediate, options.min_version));
  SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx)
    return internal::opensslFailure(StatusCode::kInternal, "tls: cannot create an SSL context");
  SSL_CTX_set_options(ctx.get(), SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
  TARS_RETURN_IF_ERROR(applyProfile(ctx.get(), profile));
  TARS_RETURN_IF_ERROR(useTrust(ctx.get(), options));
  TARS_RETURN_IF_ERROR(useClientCertificate(ctx.get(), options));
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  static const unsigned char kAlpn[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
  if (SSL_CTX_set_alpn_protos(ctx.get(), kAlpn, sizeof kAlpn) != 0)
    return internal::opensslFailure(StatusCode::kInternal, "tls: cannot set ALPN");
  return std::make_shared<boost::asio::ssl::context>(ctx.release());
}

Status prepareClientConnection(SSL* ssl, std::string_view host_view) {
  const std::string host(host_view);
  if (host.empty())
    return invalidArgument("tls: the server host name is empty");
  SSL_set_verify(ssl, SSL_VERIFY_PEER, nullptr);
  if (isIpLiteral(host)) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) != 1)
      return internal::opensslFailure(StatusCode::kInvalidArgument, "tls: bad IP address");
    return Status::ok();
  }
  if (SSL_set_tlsext_host_name(ssl, host.c_str()) != 1)
    return internal::opensslFailure(StatusCode::kInvalidArgument, "tls: bad server name");
  SSL_set_hostflags(ssl,
                    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
  if (SSL_set1_host(ssl, host.c_str()) != 1)
    return internal::opensslFailure(StatusCode::kInvalidArgument, "tls: bad server name");
  return Status::ok();
}

}  // namespace tars::tls
