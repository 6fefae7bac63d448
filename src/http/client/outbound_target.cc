#include "http/client/outbound_target.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

#include "core/ascii.h"
#include "core/config/url.h"
#include "http/client/outbound_client.h"

namespace tars::http::client {
namespace {

bool isTokenChar(unsigned char c) {
  static constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return std::isalnum(c) != 0 || kSpecials.find(static_cast<char>(c)) != std::string_view::npos;
}

bool isToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return isTokenChar(static_cast<unsigned char>(c));
  });
}

bool hasSpaceOrControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

}  // namespace

StatusOr<OutboundTarget> parseOutboundTarget(std::string_view url, bool allow_plain_http) {
  if (url.size() > 8192)
    return invalidArgument("outbound: URL is longer than 8192 characters");
  if (hasSpaceOrControl(url))
    return invalidArgument("outbound: URL contains whitespace or control characters");
  std::optional<config::UrlParts> parts = config::splitUrl(url);
  if (!parts || (parts->scheme != "https" && parts->scheme != "http"))
    return invalidArgument("outbound: URL must start with https:// or http://");
  OutboundTarget t;
  t.tls = parts->scheme == "https";
  if (!t.tls && !allow_plain_http)
    return invalidArgument("outbound: plain http:// is refused; use https://");
  if (!parts->userinfo.empty())
    return invalidArgument("outbound: credentials in the URL are refused");
  if (parts->host.empty())
    return invalidArgument("outbound: URL has no host");
  t.host = parts->host;
  if (parts->port.empty()) {
    t.port = t.tls ? "443" : "80";
  } else {
    int port = 0;
    auto [end, ec] =
        std::from_chars(parts->port.data(), parts->port.data() + parts->port.size(), port);
    if (ec != std::errc() || end != parts->port.data() + parts->port.size() || port < 1 ||
        port > 65535)
      return invalidArgument("outbound: URL port must be 1-65535");
    t.port = std::to_string(port);
  }
  const bool ipv6 = t.host.find(':') != std::string::npos;
  const std::string bracketed = ipv6 ? "[" + t.host + "]" : t.host;
  t.endpoint = bracketed + ":" + t.port;
  t.host_header = parts->port.empty() ? bracketed : t.endpoint;
  std::string rest = parts->rest.substr(0, parts->rest.find('#'));
  if (rest.empty() || rest.front() != '/')
    rest.insert(0, "/");
  t.target = std::move(rest);
  return t;
}

Status checkOutboundRequest(const OutboundRequest& request) {
  if (!isToken(request.method))
    return invalidArgument("outbound: method is not an HTTP token");
  static constexpr std::array<std::string_view, 4> kOwnHeaders = {
      "host", "content-length", "transfer-encoding", "connection"};
  for (const auto& [name, value] : request.headers) {
    if (!isToken(name))
      return invalidArgument("outbound: header name is not an HTTP token");
    for (std::string_view own : kOwnHeaders) {
      if (ascii::equalsIgnoreCase(name, own))
        return invalidArgument("outbound: header " + name + " is set by the client itself");
    }
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
      return invalidArgument("outbound: header " + name + " has CR, LF or NUL in its value");
  }
  return Status::ok();
}

}  // namespace tars::http::client
