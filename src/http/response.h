#pragma once
// Response: what a handler or filter produces. The session turns it into the wire message.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tars::http {

inline constexpr std::string_view kContentTypeJson = "application/json";
inline constexpr std::string_view kContentTypeProblem = "application/problem+json";

struct Response {
  int status = 200;
  std::string content_type{kContentTypeJson};  // empty = no Content-Type header (e.g. 204)
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, in order

  // Sets a header, replacing an earlier one of the same name (ASCII case-insensitive).
  void setHeader(std::string_view name, std::string value);
  // The value of a header set on this response, or nullptr.
  const std::string* findHeader(std::string_view name) const;

  static Response json(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static Response noContent(int status = 204) {
    Response r;
    r.status = status;
    r.content_type.clear();
    return r;
  }
};

}  // namespace tars::http
