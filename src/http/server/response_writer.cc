#include "http/server/response_writer.h"

#include <boost/beast/http/status.hpp>

namespace tars::http {
namespace {

bool safeHeaderText(std::string_view s) {
  // A plain loop: find_first_of calls memchr once per byte of `s`.
  for (char c : s) {
    if (c == '\r' || c == '\n' || c == '\0')
      return false;
  }
  return true;
}

void appendHeader(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out.append(": ");
  out.append(value);
  out.append("\r\n");
}

}  // namespace

bool statusHasBody(int status) {
  return status >= 200 && status != 204 && status != 304;
}

void appendResponseHead(const Response& response, std::string_view date, const WireOptions& options,
                        std::string& out) {
  out.append("HTTP/1.1 ");
  out.append(std::to_string(response.status));
  out.push_back(' ');
  auto reason = boost::beast::http::obsolete_reason(
      static_cast<boost::beast::http::status>(static_cast<unsigned>(response.status)));
  out.append(reason.data(), reason.size());
  out.append("\r\n");
  appendHeader(out, "Date", date);
  if (!response.content_type.empty() && safeHeaderText(response.content_type)) {
    appendHeader(out, "Content-Type", response.content_type);
  }
  for (const auto& [name, value] : response.headers) {
    if (name.empty() || !safeHeaderText(name) || !safeHeaderText(value))
      continue;
    appendHeader(out, name, value);
  }
  if (statusHasBody(response.status)) {
    appendHeader(out, "Content-Length", std::to_string(response.body.size()));
  }
  if (!options.keep_alive) {
    appendHeader(out, "Connection", "close");
  } else if (options.http10_keep_alive) {
    appendHeader(out, "Connection", "keep-alive");
  }
  out.append("\r\n");
}

}  // namespace tars::http
