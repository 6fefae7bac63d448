#pragma once
// Test client for the auth routes of a running tars (TarsProcess): JSON requests, login, and
// forging tokens with the server's own signing key (read from its store with its development
// secret) so the attack suite can vary one claim at a time.

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "harness/raw_client.h"
#include "jwt/signing_key.h"

namespace tars::test {

struct Reply {
  int status = 0;
  std::string body;
  boost::json::object json;  // parsed body when it is a JSON object
  std::string header(const std::string& name) const;
  // The string member `name` of the JSON body ("" when absent or not a string).
  std::string field(const std::string& name) const;
  HttpResponse raw;
};

class AuthClient {
 public:
  explicit AuthClient(std::uint16_t port) : port_(port) {}

  Reply send(const std::string& method, const std::string& target, const std::string& headers = "",
             const std::string& body = "");
  Reply postJson(const std::string& target, const std::string& json,
                 const std::string& headers = "");
  Reply get(const std::string& target, const std::string& headers = "") {
    return send("GET", target, headers);
  }
  // POST /auth/login; the reply's json holds the tokens on 200.
  Reply login(const std::string& username, const std::string& password);
  static std::string bearer(const std::string& token) {
    return "Authorization: Bearer " + token + "\r\n";
  }

 private:
  std::uint16_t port_;
};

// The current signing key of the tars whose store is `store_url` and whose development secret
// is in `data_dir` (nullptr-free: the test fails if it cannot be read).
jwt::SigningKeyConstSharedPtr serverSigningKey(const std::string& store_url,
                                               const std::string& data_dir);

}  // namespace tars::test
