#pragma once
// HttpsRedirectFilter: the whole behaviour of the plain-HTTP redirect listener
// (`server.https_redirect_port`, issue #5 item 6). Every request is answered 308 Permanent
// Redirect to the same path and query on the TLS listener; 308 (not 301) keeps the method and
// body, so a POST is not silently turned into a GET. It answers before routing, so no handler
// ever runs over plain HTTP.
//
// The target host comes from the request's Host header (the name the client used), stripped of
// its port and checked to be a DNS name or an IP literal: anything else (a missing Host, spaces,
// userinfo, a path) gets 400, so the header can never be bent into a redirect to another
// scheme or a malformed Location.
//
// Thread safety: the port is read atomically (set once the TLS listener is bound).

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/filter/filter.h"

namespace tars::http::filters {

class HttpsRedirectFilter final : public Filter {
 public:
  // `https_port` is the TLS listener's bound port; it is read per request because a configured
  // port of 0 is only known after binding.
  explicit HttpsRedirectFilter(std::shared_ptr<const std::atomic<std::uint16_t>> https_port)
      : https_port_(std::move(https_port)) {}

  FilterResult onRequestHeaders(const Request& request, RequestContext& ctx) override;
  void onResponse(const Request&, RequestContext&, Response&) override {}

 private:
  std::shared_ptr<const std::atomic<std::uint16_t>> https_port_;
};

// The host part of a Host header value ("name", "name:port", "[v6]" or "[v6]:port") when it is a
// DNS name or an IP literal; brackets are kept for IPv6. nullopt otherwise.
std::optional<std::string> redirectHost(std::string_view host_header);

}  // namespace tars::http::filters
