#pragma once
// A Request over a Beast message built in the test, for filter unit tests.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/request.h"
#include "http/server/raw_request.h"

namespace tars::http::test {

struct RequestFixture {
  BeastRequest msg;
  RawRequest raw;
  std::optional<Request> req;

  void make(boost::beast::http::verb verb, std::string target,
            std::vector<std::pair<std::string, std::string>> headers) {
    msg = {};
    msg.method(verb);
    msg.target(target);
    for (auto& [k, v] : headers)
      msg.set(k, v);
    raw.message = &msg;
    req.emplace(&raw, parseMethod(std::string(msg.method_string())),
                std::string_view(msg.method_string()), std::string_view(msg.target()));
  }
};

}  // namespace tars::http::test
