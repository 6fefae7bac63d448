#pragma once
// Request: what filters and handlers see of an HTTP request. It hides Boost.Beast so that
// services stay free of Beast types (STYLE.md layout: `<svc>_service.*` has no Beast types).
//
// A Request is a view: it is valid only during the handling of that request, on the session's
// strand (or the worker it was handed to, which the session waits for).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tars::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET" → kGet, ...; anything else → kOther.
Method parseMethod(std::string_view m);
std::string_view methodName(Method m);

// Opaque holder of the underlying parsed message; defined in server/ (Beast).
struct RawRequest;

class Request {
 public:
  // `raw` may be null for a request whose head could not be parsed (then every header is absent).
  Request(const RawRequest* raw, Method method, std::string_view method_text,
          std::string_view target);

  Method method() const { return method_; }
  std::string_view methodText() const { return method_text_; }
  // The request target as sent (path and query).
  std::string_view target() const { return target_; }
  // The path without the query string.
  std::string_view path() const { return path_; }
  // The raw query string without '?', or empty.
  std::string_view query() const { return query_; }

  // The first header with this name (case-insensitive), if any.
  std::optional<std::string_view> header(std::string_view name) const;
  // Every header line with this name, joined with "," in the order received (RFC 9110 §5.3:
  // a list-valued field sent on several lines means the same as one line). Empty when absent.
  // X-Forwarded-For needs this: a proxy may append its own line after the client's.
  std::string headerList(std::string_view name) const;
  // The body; empty until the session has read it (filters run before the body is read).
  std::string_view body() const;

  // Path parameters bound by the router (`{key_id}` → value).
  std::string_view pathParam(std::string_view name) const;
  void setPathParams(std::vector<std::pair<std::string, std::string>> params) {
    path_params_ = std::move(params);
  }

 private:
  const RawRequest* raw_;
  Method method_;
  std::string_view method_text_;
  std::string_view target_;
  std::string_view path_;
  std::string_view query_;
  std::vector<std::pair<std::string, std::string>> path_params_;
};

}  // namespace tars::http
