#pragma once
// RequestIdFilter: keeps a well-formed client X-Request-Id or generates `req_<ULID>` (tars.md
// §1.5), echoes it on every response, and picks up the W3C `traceparent` trace id (§1.9).

#include <string>
#include <string_view>

#include "core/ids.h"
#include "http/filter/filter.h"

namespace tars::http::filters {

class RequestIdFilter final : public Filter {
 public:
  explicit RequestIdFilter(const IdGenerator& ids) : ids_(ids) {}

  // Filter::
  FilterResult onRequestHeaders(const Request& request, RequestContext& ctx) override;
  void onResponse(const Request& request, RequestContext& ctx, Response& response) override;

 private:
  const IdGenerator& ids_;
};

// The trace id of a valid version-00 `traceparent` (32 lowercase hex, non-zero, with a non-zero
// 16-hex parent id), or empty when the header is malformed (never an error).
std::string_view traceIdFromTraceparent(std::string_view header);

}  // namespace tars::http::filters
