#pragma once
// Where an outbound request goes, parsed and checked before any socket is opened
// (http/client/outbound_client.h).
//
// Thread safety: pure functions.

#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::http::client {

struct OutboundRequest;

struct OutboundTarget {
  bool tls = false;         // https
  std::string host;         // name or IP literal, without IPv6 brackets
  std::string port;         // digits; 443 / 80 when the URL has none
  std::string host_header;  // Host header value: host[:port], IPv6 in brackets
  std::string target;       // origin-form request target: "/path?query" (no fragment)
  std::string endpoint;     // "host:port" for error messages (never the path or query)
};

// kInvalidArgument when `url` is not http(s)://host[:port][/path][?query][#fragment]: other
// schemes, userinfo (credentials do not belong in URLs), an empty host, a port outside 1-65535,
// whitespace or control characters; or when it is http:// and `allow_plain_http` is false. The
// message never repeats the path or query.
StatusOr<OutboundTarget> parseOutboundTarget(std::string_view url, bool allow_plain_http);

// kInvalidArgument for a method that is not an HTTP token, a header name that is not a token or
// is one the client sets itself (Host, Content-Length, Transfer-Encoding, Connection), or a header
// value with CR, LF or NUL (no request splitting). Values are never quoted in the message.
Status checkOutboundRequest(const OutboundRequest& request);

}  // namespace tars::http::client
