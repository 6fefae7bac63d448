#include "http/filters/https_redirect/https_redirect_filter.h"

#include <arpa/inet.h>

#include <algorithm>

#include "http/filter/problem.h"

namespace tars::http::filters {
namespace {

constexpr std::size_t kMaxHostLength = 253;  // RFC 1035: a DNS name's text form

bool isDnsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

bool isPort(std::string_view s) {
  return !s.empty() && s.size() <= 5 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isIpv6Literal(std::string_view inside_brackets) {
  std::string text(inside_brackets);
  unsigned char buf[16];
  return ::inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

}  // namespace

std::optional<std::string> redirectHost(std::string_view host_header) {
  if (host_header.empty() || host_header.size() > kMaxHostLength + 8)
    return std::nullopt;
  if (host_header.front() == '[') {  // "[v6]" or "[v6]:port"
    const auto close = host_header.find(']');
    if (close == std::string_view::npos || !isIpv6Literal(host_header.substr(1, close - 1)))
      return std::nullopt;
    const std::string_view rest = host_header.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !isPort(rest.substr(1))))
      return std::nullopt;
    return std::string(host_header.substr(0, close + 1));
  }
  std::string_view name = host_header;
  if (const auto colon = name.find(':'); colon != std::string_view::npos) {
    if (!isPort(name.substr(colon + 1)))
      return std::nullopt;
    name = name.substr(0, colon);
  }
  if (name.empty() || name.size() > kMaxHostLength || name.front() == '.' || name.front() == '-' ||
      !std::all_of(name.begin(), name.end(), isDnsNameChar)) {
    return std::nullopt;
  }
  return std::string(name);
}

FilterResult HttpsRedirectFilter::onRequestHeaders(const Request& request, RequestContext& ctx) {
  const std::optional<std::string_view> header = request.header("Host");
  const std::optional<std::string> host = header ? redirectHost(*header) : std::nullopt;
  if (!host) {
    return problemResponse(400, "bad-request",
                           "this port only redirects to HTTPS and needs a valid Host header",
                           request.path(), ctx.request_id);
  }
  const std::uint16_t port = https_port_->load(std::memory_order_acquire);
  std::string location = "https://" + *host;
  if (port != 443)
    location += ":" + std::to_string(port);
  location += request.path();
  if (!request.query().empty()) {
    location += '?';
    location += request.query();
  }
  Response r = Response::noContent(308);
  r.setHeader("Location", std::move(location));
  return r;
}

}  // namespace tars::http::filters
