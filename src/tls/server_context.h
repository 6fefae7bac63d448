#pragma once
// buildServerContext: the listener's SSL context from `tls.*` (spec/cap.md §11).
//
// What the context does:
// - serves tls.server_cert (leaf first, then its chain) with tls.server_key; a key that does not
//   belong to the leaf, an unreadable or empty file, an encrypted key are refused, naming the
//   field and path and never quoting key material;
// - versions, TLS 1.2 ciphers and TLS 1.3 suites of tls.cipher_profile / tls.tls_min_version
//   (tls_profile.h);
// - client certificates per tls.client_cert_validation (require_mtls forces required):
//     none     — none asked for;
//     optional — asked for (the CA names of the bundle are sent); a presented chain must verify
//                against tls.client_ca_bundle or the handshake fails; no certificate is fine;
//     required — the handshake fails without a chain that verifies.
//   Only tls.client_ca_bundle is trusted for clients (never the system store). Chains deeper
//   than ServerContextOptions::max_client_chain_depth fail the handshake;
// - ALPN: "http/1.1" is selected; a client offering ALPN without it gets a fatal
//   no_application_protocol alert (RFC 7301 §3.2);
// - resumption: TLS 1.3 tickets and TLS 1.2 session ids/tickets on, scoped by a session id
//   context (resumption skips client-certificate verification, so the scope matters);
// - no compression, no renegotiation.
//
// Thread safety: buildServerContext is a pure function of the config and the files. The returned
// asio context is used read-only by handshakes (OpenSSL makes that thread-safe); do not mutate it.

#include <chrono>
#include <memory>
#include <string>

#include "core/config/config.h"
#include "core/status.h"
#include "tls/certificate_identity.h"

namespace boost::asio::ssl {
class context;
}  // namespace boost::asio::ssl

namespace tars::tls {

using SslContextPtr = std::shared_ptr<boost::asio::ssl::context>;

struct ServerContextOptions {
  // OpenSSL verify depth for client chains: the leaf (level 0) plus up to this many CA levels
  // above it may be checked; a longer chain fails with "certificate chain too long".
  int max_client_chain_depth = 8;
  // Scope of session resumption; every context of one listener must use the same value.
  std::string session_id_context = "tars";
  // Server-side session cache entries (TLS 1.2 session ids).
  long session_cache_size = 20480;
  // Lifetime of a session (and of a TLS 1.3 ticket) for resumption.
  std::chrono::seconds session_timeout{3600};
};

struct ServerTlsContext {
  SslContextPtr ssl;                // never null on success
  CertificateIdentity certificate;  // the served leaf (for logs)
};

// kInvalidArgument naming the tls.* field for every problem of the config or its files;
// kInternal when OpenSSL refuses something that should always work.
StatusOr<ServerTlsContext> buildServerContext(const config::TlsConfig& tls,
                                              const ServerContextOptions& options = {});

}  // namespace tars::tls
