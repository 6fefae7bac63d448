#include "http/response.h"

#include <boost/beast/core/string.hpp>

namespace tars::http {

void Response::setHeader(std::string_view name, std::string value) {
  for (auto& [k, v] : headers) {
    if (boost::beast::iequals(k, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::move(value));
}

const std::string* Response::findHeader(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (boost::beast::iequals(k, name))
      return &v;
  }
  return nullptr;
}

}  // namespace tars::http
