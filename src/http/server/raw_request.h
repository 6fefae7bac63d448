#pragma once
// The Beast message behind a tars::http::Request. Only http/ includes this header.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace tars::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

struct RawRequest {
  const BeastRequest* message = nullptr;
};

}  // namespace tars::http
