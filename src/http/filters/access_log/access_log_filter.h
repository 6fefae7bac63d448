#pragma once
// AccessLogFilter: one structured line per response at info level. Logs method, path (never the
// query string, which may carry credentials), route template, status, duration, sizes, request and
// trace ids, the peer address and whether a verified client certificate came with the connection
// ("client_cert": verified/none); never header values or bodies (no Authorization, X-API-Key or
// cookies reach the log).

#include "core/clock.h"
#include "core/logger.h"
#include "http/filter/filter.h"

namespace tars::http::filters {

class AccessLogFilter final : public Filter {
 public:
  AccessLogFilter(Logger& logger, const Clock& clock) : logger_(logger), clock_(clock) {}

  // Filter::
  FilterResult onRequestHeaders(const Request&, RequestContext&) override { return std::nullopt; }
  void onResponse(const Request& request, RequestContext& ctx, Response& response) override;

 private:
  Logger& logger_;
  const Clock& clock_;
};

}  // namespace tars::http::filters
