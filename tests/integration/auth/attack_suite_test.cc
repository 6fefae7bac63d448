// The attack suite (issue #3 item 15): each forged or broken credential is answered 401 with the
// §3.2 variant's problem type and detail — never 500 — by the real binary over HTTP. Tokens are
// forged with the server's own signing key, varying one thing at a time.

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <chrono>

#include "auth_client.h"
#include "core/base64url.h"
#include "crypto/hash.h"
#include "crypto/hmac.h"
#include "crypto/jwk.h"
#include "harness/tars_process.h"
#include "jwt/signer.h"
#include "store_fixture.h"

namespace tars::test {
namespace {

std::int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// header.payload.signature with an HMAC-SHA256 signature under `secret` (or none when empty).
std::string compact(const std::string& header_json, const std::string& payload_json,
                    const std::string& secret) {
  std::string input = base64UrlEncode(header_json) + "." + base64UrlEncode(payload_json);
  std::string sig;
  if (!secret.empty())
    sig = *crypto::hmac(crypto::HashAlgorithm::kSha256, secret, input);
  return input + "." + base64UrlEncode(sig);
}

class AttackSuiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create(Backend::kSqlite);
    ASSERT_TRUE(db.isOk());
    db_ = std::move(*db);
    server_ = std::make_unique<TarsProcess>(
        std::vector<std::string>{},
        std::map<std::string, std::string>{{"TARS_STORE_URL", db_->url()}});
    ASSERT_TRUE(server_->started()) << server_->log();
    client_ = std::make_unique<AuthClient>(server_->port());
    key_ = serverSigningKey(db_->url(), server_->dataDir() + "/data");
    ASSERT_NE(key_, nullptr);
  }

  // Valid user access claims; tests change one member.
  boost::json::object claims() const {
    boost::json::object c;
    c["iss"] = "tars-auth";
    c["aud"] = "tars";
    c["sub"] = "admin-001";
    c["user_id"] = "admin-001";
    c["username"] = "admin";
    c["roles"] = boost::json::array{"admin"};
    c["iat"] = nowSeconds();
    c["exp"] = nowSeconds() + 600;
    c["jti"] = "attack-suite-jti-0001";
    c["type"] = "access";
    return c;
  }

  std::string sign(const boost::json::object& c) {
    auto t = jwt::sign(c, *key_);
    EXPECT_TRUE(t.isOk());
    return t.isOk() ? *t : "";
  }

  // GET /auth/me with `token`: expects 401 with `slug` and `detail`.
  void expectRefused(const std::string& token, const std::string& slug, const std::string& detail,
                     int status = 401) {
    Reply r = client_->get("/auth/me", AuthClient::bearer(token));
    EXPECT_EQ(r.status, status) << slug << ": " << r.body;
    EXPECT_EQ(r.field("type"), "urn:tars:problem:" + slug) << r.body;
    EXPECT_EQ(r.field("detail"), detail) << r.body;
    if (status == 401) {
      EXPECT_NE(r.header("WWW-Authenticate").find("Bearer realm=\"tars\""), std::string::npos);
    }
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<TarsProcess> server_;
  std::unique_ptr<AuthClient> client_;
  jwt::SigningKeyConstSharedPtr key_;
};

TEST_F(AttackSuiteTest, ControlTokenIsAccepted) {
  Reply r = client_->get("/auth/me", AuthClient::bearer(sign(claims())));
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(AttackSuiteTest, AlgNone) {
  std::string header = R"({"alg":"none","typ":"JWT","kid":")" + key_->kid() + R"("})";
  expectRefused(compact(header, boost::json::serialize(claims()), ""), "auth/invalid-token",
                "Invalid token");
}

TEST_F(AttackSuiteTest, ExpiredNotYetValidIssuerAudience) {
  auto c = claims();
  c["exp"] = nowSeconds() - 120;
  expectRefused(sign(c), "auth/token-expired", "Token expired");
  c = claims();
  c["nbf"] = nowSeconds() + 600;
  expectRefused(sign(c), "auth/token-not-yet-valid", "Token not yet valid");
  c = claims();
  c["iss"] = "evil";
  expectRefused(sign(c), "auth/issuer-mismatch", "Token issuer mismatch");
  c = claims();
  c["aud"] = "other";
  expectRefused(sign(c), "auth/audience-mismatch", "Token audience mismatch");
}

TEST_F(AttackSuiteTest, RefreshTokenAsAccessAndAccessAsRefresh) {
  Reply login = client_->login("admin", "admin123");
  ASSERT_EQ(login.status, 200);
  expectRefused(std::string(login.json["refresh_token"].as_string()), "auth/wrong-token-type",
                "Invalid token type");
  Reply r = client_->postJson(
      "/auth/refresh",
      R"({"refresh_token":")" + std::string(login.json["access_token"].as_string()) + R"("})");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json["detail"], "Invalid refresh token");
}

TEST_F(AttackSuiteTest, TamperedTruncatedNonCanonicalOversized) {
  std::string token = sign(claims());
  auto c = claims();
  c["roles"] = boost::json::array{"admin", "developer"};
  std::string forged_payload = base64UrlEncode(boost::json::serialize(c));
  std::size_t d1 = token.find('.'), d2 = token.rfind('.');
  expectRefused(token.substr(0, d1 + 1) + forged_payload + token.substr(d2),
                "auth/invalid-signature", "Invalid token signature");
  expectRefused(token.substr(0, d2), "auth/invalid-token", "Invalid token");
  expectRefused(token + "=", "auth/invalid-token", "Invalid token");
  // A 9 KiB token is refused before any crypto (the signer itself refuses to make one).
  c = claims();
  c["pad"] = std::string(9 * 1024, 'a');
  std::string header = R"({"alg":"HS256","typ":"JWT","kid":")" + key_->kid() + R"("})";
  expectRefused(compact(header, boost::json::serialize(c), "not-the-key"), "auth/invalid-token",
                "Invalid token");
}

TEST_F(AttackSuiteTest, DuplicateClaimNamesAndUnknownRole) {
  auto s = boost::json::serialize(claims());
  s.insert(1, R"("sub":"dev-001",)");
  auto token = jwt::signPayload({}, s, *key_);
  ASSERT_TRUE(token.isOk());
  expectRefused(*token, "auth/invalid-token", "Invalid token");
  auto c = claims();
  c["roles"] = boost::json::array{"superuser"};
  expectRefused(sign(c), "auth/invalid-token", "Invalid token");
}

TEST_F(AttackSuiteTest, UnknownKidAndRevokedJti) {
  auto header = R"({"alg":"HS256","typ":"JWT","kid":"key-20200101000000-deadbeef"})";
  expectRefused(
      compact(header, boost::json::serialize(claims()), "whatever-secret-32-bytes-long!!"),
      "auth/key-id-not-found", "Key ID not found");
  Reply login = client_->login("admin", "admin123");
  std::string access(login.json["access_token"].as_string());
  ASSERT_EQ(client_->send("POST", "/auth/logout", AuthClient::bearer(access)).status, 204);
  expectRefused(access, "auth/token-revoked", "Token has been revoked");
}

TEST_F(AttackSuiteTest, MalformedHeadersAndApiKeys) {
  Reply none = client_->get("/auth/me");
  EXPECT_EQ(none.json["type"], "urn:tars:problem:auth/missing-auth-header");
  Reply basic = client_->get("/auth/me", "Authorization: Basic YTpi\r\n");
  EXPECT_EQ(basic.json["type"], "urn:tars:problem:auth/invalid-auth-format");
  EXPECT_NE(basic.header("WWW-Authenticate").find("error=\"invalid_request\""), std::string::npos);
  Reply two_spaces = client_->get("/auth/me", "Authorization: Bearer  abc\r\n");
  EXPECT_EQ(two_spaces.json["type"], "urn:tars:problem:auth/invalid-auth-format");
  Reply bad_key = client_->get("/auth/me", "X-API-Key: tars_short\r\n");
  EXPECT_EQ(bad_key.json["type"], "urn:tars:problem:auth/invalid-api-key");
  Reply unknown_key =
      client_->get("/auth/me", "X-API-Key: tars_aaaaaaaaaaaa_" + std::string(43, 'A') + "\r\n");
  EXPECT_EQ(unknown_key.json["type"], "urn:tars:problem:auth/invalid-api-key");
}

// A server whose ring holds an RS256 key: HS256 "signed" with its public key (algorithm
// confusion) and a token whose alg differs from the kid's key are both refused.
TEST(AlgorithmConfusionTest, HmacWithThePublicKeyIsRefused) {
  auto db = TestDatabase::Create(Backend::kSqlite);
  ASSERT_TRUE(db.isOk());
  TarsProcess server({}, {{"TARS_STORE_URL", (*db)->url()}, {"TARS_AUTH_JWT_ALGORITHM", "RS256"}});
  ASSERT_TRUE(server.started()) << server.log();
  AuthClient client(server.port());
  Reply jwks = client.get("/.well-known/jwks.json");
  ASSERT_EQ(jwks.status, 200) << jwks.body;
  const auto& jwk = jwks.json["keys"].as_array().at(0).as_object();
  EXPECT_EQ(jwk.at("alg"), "RS256");
  EXPECT_FALSE(jwk.contains("d")) << "private member published";
  auto key = crypto::keyFromJwk(jwk);
  ASSERT_TRUE(key.isOk());
  auto pem = key->publicPem();
  ASSERT_TRUE(pem.isOk());
  boost::json::object c;
  c["iss"] = "tars-auth";
  c["aud"] = "tars";
  c["sub"] = "admin-001";
  c["user_id"] = "admin-001";
  c["roles"] = boost::json::array{"admin"};
  c["exp"] = nowSeconds() + 600;
  c["jti"] = "confusion-jti";
  c["type"] = "access";
  std::string kid(jwk.at("kid").as_string());
  std::string header = R"({"alg":"HS256","typ":"JWT","kid":")" + kid + R"("})";
  Reply r =
      client.get("/auth/me", AuthClient::bearer(compact(header, boost::json::serialize(c), *pem)));
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(r.json["type"], "urn:tars:problem:auth/invalid-signature");
  // A real RS256 login token still works on this server.
  Reply login = client.login("admin", "admin123");
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(
      client
          .get("/auth/me", AuthClient::bearer(std::string(login.json["access_token"].as_string())))
          .status,
      200);
}

}  // namespace
}  // namespace tars::test
