#include "core/config/url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace tars::config {
namespace {

constexpr std::string_view kMask = "***";

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Splits `query` (without '?') into its a=b pieces and calls `visit(name, value_begin, value_end)`.
template <typename Visit>
void forEachParam(std::string_view query, Visit visit) {
  std::size_t pos = 0;
  while (pos <= query.size()) {
    std::size_t amp = query.find('&', pos);
    if (amp == std::string_view::npos)
      amp = query.size();
    std::string_view piece = query.substr(pos, amp - pos);
    std::size_t eq = piece.find('=');
    if (eq != std::string_view::npos)
      visit(lower(piece.substr(0, eq)), pos + eq + 1, amp);
    pos = amp + 1;
  }
}

bool isPasswordParam(const std::string& name) {
  return name == "password" || name == "pass" || name == "passwd";
}

}  // namespace

std::optional<UrlParts> splitUrl(std::string_view url) {
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos || sep == 0)
    return std::nullopt;
  UrlParts parts;
  parts.scheme = lower(url.substr(0, sep));
  std::string_view after = url.substr(sep + 3);
  std::size_t end = after.find_first_of("/?#");
  std::string_view authority = after.substr(0, end);
  parts.rest = end == std::string_view::npos ? "" : std::string(after.substr(end));
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    parts.userinfo = std::string(authority.substr(0, at));
    authority.remove_prefix(at + 1);
  }
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos)
      return std::nullopt;
    parts.host = std::string(authority.substr(1, close - 1));
    std::string_view tail = authority.substr(close + 1);
    if (!tail.empty() && tail.front() == ':')
      parts.port = std::string(tail.substr(1));
  } else {
    std::size_t colon = authority.rfind(':');
    parts.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos)
      parts.port = std::string(authority.substr(colon + 1));
  }
  return parts;
}

std::string redactUrl(std::string_view url) {
  std::size_t sep = url.find("://");
  if (sep == std::string_view::npos)
    return "(not a URL; not shown)";
  std::string out(url);
  std::size_t auth_begin = sep + 3;
  std::size_t auth_end = out.find_first_of("/?#", auth_begin);
  if (auth_end == std::string::npos)
    auth_end = out.size();
  std::size_t at = out.rfind('@', auth_end - 1);
  if (at != std::string::npos && at >= auth_begin) {
    std::size_t colon = out.find(':', auth_begin);
    if (colon != std::string::npos && colon < at)
      out.replace(colon + 1, at - colon - 1, kMask);
  }
  std::size_t q = out.find('?');
  if (q != std::string::npos) {
    std::size_t frag = out.find('#', q);
    std::string query =
        out.substr(q + 1, frag == std::string::npos ? std::string::npos : frag - q - 1);
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    forEachParam(query, [&](const std::string& name, std::size_t b, std::size_t e) {
      if (isPasswordParam(name))
        spans.emplace_back(b, e);
    });
    // Replace from the back so earlier offsets stay valid.
    for (auto it = spans.rbegin(); it != spans.rend(); ++it)
      query.replace(it->first, it->second - it->first, kMask);
    out = out.substr(0, q + 1) + query + (frag == std::string::npos ? "" : out.substr(frag));
  }
  return out;
}

bool urlHasPassword(std::string_view url) {
  std::optional<UrlParts> parts = splitUrl(url);
  if (!parts)
    return false;
  std::size_t colon = parts->userinfo.find(':');
  if (colon != std::string::npos && colon + 1 < parts->userinfo.size())
    return true;
  std::size_t q = parts->rest.find('?');
  if (q == std::string::npos)
    return false;
  std::string query = parts->rest.substr(q + 1);
  query = query.substr(0, query.find('#'));
  bool found = false;
  forEachParam(query, [&](const std::string& name, std::size_t b, std::size_t e) {
    if (isPasswordParam(name) && e > b)
      found = true;
  });
  return found;
}

bool isLoopbackHost(std::string_view host) {
  if (!host.empty() && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  std::string h = lower(host);
  if (h == "localhost" || h == "::1")
    return true;
  in_addr v4{};
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1)
    return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, h.c_str(), &v6) == 1)
    return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

}  // namespace tars::config
