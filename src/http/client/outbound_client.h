#pragma once
// OutboundClient: tars as an HTTP(S) client — the JWKS fetcher, and later HyperSync →
// Orchestration and the dashboard's upstreams (spec/tars.md §8.6, spec/cap.md §10.3).
//
// One request per connection (Connection: close): calls are rare (key-set refreshes, admin
// actions), so a pool would only add state to get wrong. Every call is bounded:
//   - one deadline covers resolve, connect, TLS handshake, write and read (`timeout`);
//   - the response head is at most 16 KiB and the body at most `max_response_bytes`;
//   - redirects are not followed (a 3xx is returned as it is);
//   - https: the server must chain to the pinned CA (`tls.ca_bundle`, else the system store) and
//     carry the URL's host in a SAN (tls/client_context.h); the client certificate, when set, is
//     presented to a server that asks for one.
// Errors are Status values whose messages name the step and `host:port`, never the path or query
// (which may carry credentials) nor header values:
//   kInvalidArgument   the URL is not http(s)://host[:port][/path][?query], or http:// is refused
//   kDeadlineExceeded  the deadline passed
//   kUnavailable       resolve/connect/handshake/IO failed, or the answer is not HTTP/1.x
//   kPayloadTooLarge   the response exceeded a limit
//
// Usage:
//   TARS_ASSIGN_OR_RETURN(auto client, http::client::OutboundClient::Create(options));
//   TARS_ASSIGN_OR_RETURN(OutboundResponse r, client->send({.url = "https://idp/jwks.json"}));
//
// Thread safety: send() may be called from any number of threads at once (each call has its own
// io_context and socket; the SSL context is shared read-only). send() blocks the caller for up to
// the deadline, so call it from a worker thread, never from a server I/O thread. Name resolution
// uses getaddrinfo, which cannot be interrupted: a resolver that hangs past the deadline delays
// the return of that one call (the error is still kDeadlineExceeded).

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "tls/client_context.h"

namespace tars::http::client {

struct OutboundOptions {
  tls::ClientTlsOptions tls;                              // CA pinning and the client certificate
  std::chrono::milliseconds timeout{5000};                // default deadline of a whole call
  std::size_t max_response_bytes = std::size_t{1} << 20;  // body limit
  bool allow_plain_http = false;    // http:// URLs (config refuses them in production)
  std::string user_agent = "tars";  // User-Agent header
};

struct OutboundRequest {
  std::string method = "GET";  // an HTTP token: GET, POST, PUT, DELETE, ...
  std::string url;             // http(s)://host[:port][/path][?query]; IPv6 hosts in brackets
  std::vector<std::pair<std::string, std::string>> headers;  // no Host, Content-Length, Connection
  std::string body;                                          // sent with Content-Length when set
  std::chrono::milliseconds timeout{0};                      // 0: the client's default
};

struct OutboundResponse {
  int status = 0;
  std::string content_type;  // the Content-Type header, "" when absent
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first value of header `name` (case-insensitive), or "".
  std::string header(std::string_view name) const;
};

class OutboundClient {
 public:
  // kInvalidArgument naming tls.ca_bundle / client_cert / client_key for unusable files, or a
  // non-positive timeout or body limit.
  static StatusOr<std::unique_ptr<OutboundClient>> Create(OutboundOptions options);
  ~OutboundClient();

  StatusOr<OutboundResponse> send(const OutboundRequest& request) const;

  const OutboundOptions& options() const { return options_; }

 private:
  OutboundClient(OutboundOptions options, tls::SslContextPtr context);

  OutboundOptions options_;
  tls::SslContextPtr context_;
};

}  // namespace tars::http::client
