#pragma once
// Outbound TLS: the SSL context for tars acting as a client (JWKS fetcher, HyperSync →
// Orchestration), and the per-connection settings that make it check the right server.
//
// - ca_bundle set: only those CAs are trusted (pinning; the system store is not loaded);
//   unset: the system store (OpenSSL's default paths).
// - client_cert + client_key: presented when the server asks (mTLS); both or neither.
// - versions: min_version .. TLS 1.3 with the intermediate profile's TLS 1.2 ciphers.
// - ALPN "http/1.1".
// The server's name is checked per connection by prepareClientConnection(); timeouts belong to
// the caller's stream (e.g. beast::tcp_stream::expires_after before connect and handshake).
//
// Usage:
//   auto ctx = tls::buildClientContext(options);                       // once
//   beast::ssl_stream<beast::tcp_stream> stream(ioc, **ctx);
//   TARS_RETURN_IF_ERROR(tls::prepareClientConnection(stream.native_handle(), host));
//   ... connect, async_handshake(client) ...
//
// Thread safety: the context is shared read-only by connections; prepareClientConnection
// touches only its SSL*.

#include <openssl/types.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/config/config.h"
#include "core/status.h"
#include "tls/server_context.h"

namespace tars::tls {

struct ClientTlsOptions {
  std::optional<std::string> ca_bundle;    // PEM CAs to trust exclusively; unset = system store
  std::optional<std::string> client_cert;  // PEM chain presented to servers that ask
  std::optional<std::string> client_key;   // PEM key of client_cert
  config::TlsVersion min_version = config::TlsVersion::kTls12;  // lowest version offered
};

// kInvalidArgument naming the option ("ca_bundle", "client_cert", "client_key") for unreadable
// or mismatched files, or a cert without a key.
StatusOr<SslContextPtr> buildClientContext(const ClientTlsOptions& options);

// Sets SNI (DNS names only; never for an IP literal) and the identity the server certificate
// must carry: a DNS SAN matching `host` (SSL_set1_host, wildcards per RFC 6125, CN ignored) or an
// IP SAN equal to an IP literal `host`. kInvalidArgument for an empty host.
Status prepareClientConnection(SSL* ssl, std::string_view host);

}  // namespace tars::tls
