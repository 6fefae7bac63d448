#pragma once
// Helpers shared by the jwt tests.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/base64url.h"
#include "core/clock.h"
#include "jwt/jwks_fetcher.h"
#include "jwt/signing_key.h"

namespace tars::jwt::test {

inline constexpr char kIssuer[] = "tars-auth";
inline constexpr char kAudience[] = "tars";

// A well-formed ring kid, distinct per n.
inline std::string kidFor(int n) {
  char suffix[16];
  std::snprintf(suffix, sizeof(suffix), "%08x", static_cast<unsigned>(n));
  return std::string("key-20240101000000-") + suffix;
}

// A fresh signing key. RSA keys come from a pool of four generated once per process (RSA
// generation dominates the test time otherwise); consecutive RSA keys always differ.
inline SigningKey makeKey(Algorithm algorithm, std::string kid) {
  if (keyTypeFor(algorithm) == crypto::KeyType::kRsa && !isHmac(algorithm)) {
    static const std::vector<crypto::Key> pool = [] {
      std::vector<crypto::Key> keys;
      for (int i = 0; i < 4; ++i) {
        keys.push_back(crypto::Key::Generate(crypto::KeyType::kRsa).value());
      }
      return keys;
    }();
    static std::atomic<unsigned> next{0};
    auto key = SigningKey::CreateAsymmetric(algorithm, pool[next++ % pool.size()], std::move(kid));
    EXPECT_TRUE(key.isOk()) << key.status().toString();
    return std::move(key).value();
  }
  auto key = SigningKey::Generate(algorithm, std::move(kid));
  EXPECT_TRUE(key.isOk()) << key.status().toString();
  return std::move(key).value();
}

inline std::int64_t unixSeconds(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
}

// Claims of a tars access token valid for an hour from now.
inline boost::json::object accessClaims(const Clock& clock) {
  const std::int64_t now = unixSeconds(clock);
  return boost::json::object{{"iss", kIssuer},     {"aud", kAudience},
                             {"sub", "admin-001"}, {"iat", now},
                             {"exp", now + 3600},  {"jti", "j1"},
                             {"type", "access"},   {"roles", boost::json::array{"admin"}}};
}

// A compact JWS with exactly the given header and payload JSON texts, signed by `key` (for
// malformed-but-signed tokens the signer would never produce).
inline std::string rawToken(std::string_view header_json, std::string_view payload_json,
                            const SigningKey& key) {
  std::string input = base64UrlEncode(header_json) + "." + base64UrlEncode(payload_json);
  auto signature = key.sign(input);
  EXPECT_TRUE(signature.isOk());
  return input + "." + base64UrlEncode(*signature);
}

// A JwksFetcher answering from a script; counts calls.
class FakeJwksFetcher final : public JwksFetcher {
 public:
  // Every fetch answers `body` (until changed).
  void serve(std::string body) {
    body_ = std::move(body);
    fail_ = false;
  }
  void fail() { fail_ = true; }

  int calls() const { return calls_; }

  // JwksFetcher::
  StatusOr<std::string> fetch(const std::string& url) override {
    ++calls_;
    last_url_ = url;
    if (fail_) {
      return unavailable("connection refused");
    }
    return body_;
  }

  const std::string& lastUrl() const { return last_url_; }

 private:
  std::string body_;
  bool fail_ = true;
  int calls_ = 0;
  std::string last_url_;
};

}  // namespace tars::jwt::test
