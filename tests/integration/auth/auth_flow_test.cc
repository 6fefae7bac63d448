// The identity routes end to end against the real binary, on SQLite and on the real PostgreSQL
// (tars.md §3.3–§3.8): login, /auth/me, refresh rotation and reuse detection, logout, API key
// create/use/rotate/revoke, the client-credentials grant, key-ring rotation and the audit chain.

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "auth_client.h"
#include "harness/tars_process.h"
#include "store_fixture.h"

namespace tars::test {
namespace {

class AuthFlowTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto db = TestDatabase::Create(GetParam());
    ASSERT_TRUE(db.isOk()) << db.status().toString();
    db_ = std::move(*db);
    server_ = std::make_unique<TarsProcess>(
        std::vector<std::string>{},
        std::map<std::string, std::string>{{"TARS_STORE_URL", db_->url()},
                                           {"TARS_AUTH_REVOCATION_POLL_SECONDS", "1"}});
    ASSERT_TRUE(server_->started()) << server_->log();
    client_ = std::make_unique<AuthClient>(server_->port());
  }

  std::string accessToken(const std::string& user, const std::string& password) {
    Reply r = client_->login(user, password);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json.contains("access_token") ? std::string(r.json["access_token"].as_string()) : "";
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<TarsProcess> server_;
  std::unique_ptr<AuthClient> client_;
};

TEST_P(AuthFlowTest, LoginThenMeShowsTheUserWithEmail) {
  Reply login = client_->login("admin", "admin123");
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.json["token_type"], "bearer");
  EXPECT_EQ(login.json["expires_in"], 3600);
  EXPECT_EQ(login.json["user"].as_object().at("email"), "admin@tars.ai");
  EXPECT_EQ(login.header("Cache-Control"), "no-store");
  Reply me = client_->get("/auth/me",
                          AuthClient::bearer(std::string(login.json["access_token"].as_string())));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json["principal_type"], "user");
  EXPECT_EQ(me.json["user_id"], "admin-001");
  EXPECT_EQ(me.json["username"], "admin");
  EXPECT_EQ(me.json["email"], "admin@tars.ai");
}

TEST_P(AuthFlowTest, WrongPasswordUnknownUserAndCaseInsensitiveName) {
  Reply wrong = client_->login("admin", "nope");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.json["detail"], "Invalid username or password");
  EXPECT_EQ(wrong.json["type"], "urn:tars:problem:unauthorized");
  EXPECT_EQ(wrong.header("WWW-Authenticate"), "Bearer realm=\"tars\"");
  Reply unknown = client_->login("nobody", "admin123");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.json["detail"], wrong.json["detail"]);
  EXPECT_EQ(client_->login("ADMIN", "admin123").status, 200);
}

TEST_P(AuthFlowTest, MalformedLoginBodiesName422Fields) {
  Reply missing = client_->postJson("/auth/login", R"({"username":"admin"})");
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(missing.json["errors"].as_array().at(0).as_object().at("field"), "password");
  Reply wrong_type = client_->postJson("/auth/login", R"({"username":5,"password":"x"})");
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_EQ(wrong_type.json["errors"].as_array().at(0).as_object().at("field"), "username");
  Reply unknown = client_->postJson("/auth/login", R"({"username":"a","password":"b","x":1})");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.json["errors"].as_array().at(0).as_object().at("field"), "x");
  Reply too_long = client_->postJson(
      "/auth/login", R"({"username":")" + std::string(65, 'a') + R"(","password":"b"})");
  EXPECT_EQ(too_long.status, 422);
  EXPECT_EQ(client_->postJson("/auth/login", "{not json").status, 400);
  EXPECT_EQ(client_->send("POST", "/auth/login", "Content-Type: text/plain\r\n", "{}").status, 415);
  Reply big = client_->postJson("/auth/login", std::string(9000, ' '));
  EXPECT_EQ(big.status, 413);
}

TEST_P(AuthFlowTest, RefreshRotatesAndReuseRevokesTheFamily) {
  Reply login = client_->login("developer", "dev123");
  ASSERT_EQ(login.status, 200);
  const std::string first_refresh(login.json["refresh_token"].as_string());
  const std::string first_access(login.json["access_token"].as_string());
  auto body = [](const std::string& t) { return R"({"refresh_token":")" + t + R"("})"; };

  Reply second = client_->postJson("/auth/refresh", body(first_refresh));
  ASSERT_EQ(second.status, 200) << second.body;
  const std::string second_refresh(second.json["refresh_token"].as_string());
  EXPECT_NE(second_refresh, first_refresh);
  EXPECT_EQ(client_
                ->get("/auth/me",
                      AuthClient::bearer(std::string(second.json["access_token"].as_string())))
                .status,
            200);

  // Replaying the used token revokes the family: every token of the session dies.
  Reply replay = client_->postJson("/auth/refresh", body(first_refresh));
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(replay.json["detail"], "Refresh token reuse detected; session revoked");
  Reply after = client_->postJson("/auth/refresh", body(second_refresh));
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.json["detail"], "Invalid refresh token");
  Reply me = client_->get("/auth/me", AuthClient::bearer(first_access));
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(me.json["type"], "urn:tars:problem:auth/token-revoked");
}

TEST_P(AuthFlowTest, LogoutRevokesTokenAndSession) {
  Reply login = client_->login("viewer", "view123");
  ASSERT_EQ(login.status, 200);
  const std::string access(login.json["access_token"].as_string());
  const std::string refresh(login.json["refresh_token"].as_string());
  Reply out = client_->send("POST", "/auth/logout", AuthClient::bearer(access));
  EXPECT_EQ(out.status, 204) << out.body;
  Reply again = client_->send("POST", "/auth/logout", AuthClient::bearer(access));
  EXPECT_EQ(again.status, 401);
  EXPECT_EQ(again.json["detail"], "Token has been revoked");
  EXPECT_EQ(client_->postJson("/auth/refresh", R"({"refresh_token":")" + refresh + R"("})").status,
            401);
}

TEST_P(AuthFlowTest, RolesAreEnforcedWith401Versus403) {
  Reply none = client_->get("/auth/service-tokens");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.json["type"], "urn:tars:problem:auth/missing-auth-header");
  EXPECT_EQ(none.header("WWW-Authenticate"), "Bearer realm=\"tars\"");
  Reply viewer =
      client_->get("/auth/service-tokens", AuthClient::bearer(accessToken("viewer", "view123")));
  EXPECT_EQ(viewer.status, 403);
  EXPECT_EQ(viewer.json["type"], "urn:tars:problem:auth/insufficient-role");
  EXPECT_EQ(viewer.json["detail"], "Requires admin role or higher");
  EXPECT_EQ(
      client_->get("/auth/service-tokens", AuthClient::bearer(accessToken("admin", "admin123")))
          .status,
      200);
}

TEST_P(AuthFlowTest, ApiKeyLifecycle) {
  const std::string admin = AuthClient::bearer(accessToken("admin", "admin123"));
  Reply created = client_->postJson(
      "/auth/service-token", R"({"service_name":"ci-bot","scopes":["tars:developer"]})", admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string key(created.json["api_key"].as_string());
  const std::string key_id(created.json["key_id"].as_string());
  EXPECT_EQ(key.size(), 61u);
  EXPECT_EQ(client_->postJson("/auth/service-token", R"({"service_name":"CI-BOT"})", admin).status,
            409);

  Reply me = client_->get("/auth/me", "X-API-Key: " + key + "\r\n");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json["principal_type"], "service");
  EXPECT_EQ(me.json["service_name"], "ci-bot");
  EXPECT_EQ(client_->get("/auth/me", AuthClient::bearer(key)).status, 200);
  Reply both = client_->get("/auth/me", "X-API-Key: " + key + "\r\n" + AuthClient::bearer(key));
  EXPECT_EQ(both.json["type"], "urn:tars:problem:auth/invalid-auth-format");

  Reply rotated = client_->postJson("/auth/service-token/" + key_id + "/rotate", "{}", admin);
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  const std::string new_key(rotated.json["new_api_key"].as_string());
  EXPECT_TRUE(rotated.json["old_key_valid_until"].is_null());
  Reply old_use = client_->get("/auth/me", "X-API-Key: " + key + "\r\n");
  EXPECT_EQ(old_use.status, 401);
  EXPECT_EQ(old_use.json["type"], "urn:tars:problem:auth/invalid-api-key");
  EXPECT_EQ(client_->get("/auth/me", "X-API-Key: " + new_key + "\r\n").status, 200);

  Reply listed = client_->get("/auth/service-tokens", admin);
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.json["total"], 1);
  EXPECT_EQ(listed.body.find(new_key.substr(19)), std::string::npos) << "secret listed";

  EXPECT_EQ(client_->send("DELETE", "/auth/service-token/" + key_id, admin).status, 204);
  EXPECT_EQ(client_->send("DELETE", "/auth/service-token/" + key_id, admin).status, 204);
  EXPECT_EQ(client_->get("/auth/me", "X-API-Key: " + new_key + "\r\n").status, 401);
  EXPECT_EQ(client_->send("DELETE", "/auth/service-token/aaaaaaaaaaaa", admin).status, 404);
}

TEST_P(AuthFlowTest, ClientCredentialsGrant) {
  const std::string admin = AuthClient::bearer(accessToken("admin", "admin123"));
  Reply created = client_->postJson(
      "/auth/service-token",
      R"({"service_name":"worker","scopes":["tars:developer","metrics:read"]})", admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string key(created.json["api_key"].as_string());
  const std::string key_id(created.json["key_id"].as_string());
  const std::string form = "Content-Type: application/x-www-form-urlencoded\r\n";

  Reply token =
      client_->send("POST", "/oauth/token", form,
                    "grant_type=client_credentials&scope=tars%3Aviewer&client_id=" + key_id +
                        "&client_secret=" + key);
  ASSERT_EQ(token.status, 200) << token.body;
  EXPECT_EQ(token.json["scope"], "tars:viewer");
  EXPECT_EQ(token.header("Cache-Control"), "no-store");
  Reply me = client_->get("/auth/me",
                          AuthClient::bearer(std::string(token.json["access_token"].as_string())));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json["principal_type"], "client");
  EXPECT_EQ(me.json["service_name"], "worker");

  Reply bad_scope =
      client_->send("POST", "/oauth/token", form,
                    "grant_type=client_credentials&scope=tars%3Aadmin&client_id=" + key_id +
                        "&client_secret=" + key);
  EXPECT_EQ(bad_scope.status, 400);
  EXPECT_EQ(bad_scope.json["error"], "invalid_scope");
  Reply bad_grant =
      client_->send("POST", "/oauth/token", form,
                    "grant_type=password&client_id=" + key_id + "&client_secret=" + key);
  EXPECT_EQ(bad_grant.json["error"], "unsupported_grant_type");
  Reply basic_wrong =
      client_->send("POST", "/oauth/token",
                    form + "Authorization: Basic " + std::string("d3Jvbmc6c2VjcmV0") + "\r\n",
                    "grant_type=client_credentials");
  EXPECT_EQ(basic_wrong.status, 401);
  EXPECT_EQ(basic_wrong.json["error"], "invalid_client");
  EXPECT_EQ(basic_wrong.header("WWW-Authenticate"), "Basic realm=\"tars\"");

  // Revoking the key kills the client tokens issued from it.
  ASSERT_EQ(client_->send("DELETE", "/auth/service-token/" + key_id, admin).status, 204);
  Reply dead = client_->get(
      "/auth/me", AuthClient::bearer(std::string(token.json["access_token"].as_string())));
  EXPECT_EQ(dead.status, 401);
  EXPECT_EQ(dead.json["type"], "urn:tars:problem:auth/token-revoked");
}

TEST_P(AuthFlowTest, KeyRotationKeepsOldTokensAndAuditChainVerifies) {
  const std::string old_admin = AuthClient::bearer(accessToken("admin", "admin123"));
  // The first key of the empty ring was created at start, and audited as such.
  Reply created = client_->get("/api/v1/audit/events?type=signing_key.created&limit=10", old_admin);
  ASSERT_EQ(created.status, 200) << created.body;
  ASSERT_EQ(created.json["events"].as_array().size(), 1u) << created.body;
  Reply first_keys = client_->get("/auth/keys", old_admin);
  ASSERT_EQ(first_keys.status, 200);
  EXPECT_NE(created.body.find(std::string(first_keys.json["current_kid"].as_string())),
            std::string::npos)
      << created.body;
  Reply rotated = client_->send("POST", "/auth/keys/rotate", old_admin);
  ASSERT_EQ(rotated.status, 201) << rotated.body;
  EXPECT_FALSE(rotated.json["previous_kid"].is_null());
  EXPECT_EQ(client_->get("/auth/me", old_admin).status, 200) << "old token must still verify";
  Reply keys = client_->get("/auth/keys", old_admin);
  ASSERT_EQ(keys.status, 200);
  EXPECT_EQ(keys.json["current_kid"], rotated.json["kid"]);
  Reply current = client_->send(
      "DELETE", "/auth/keys/" + std::string(rotated.json["kid"].as_string()), old_admin);
  EXPECT_EQ(current.status, 409);
  Reply revoke_old = client_->send(
      "DELETE", "/auth/keys/" + std::string(rotated.json["previous_kid"].as_string()), old_admin);
  EXPECT_EQ(revoke_old.status, 204);
  EXPECT_EQ(client_->get("/auth/me", old_admin).status, 401) << "revoked key verifies nothing";

  const std::string admin = AuthClient::bearer(accessToken("admin", "admin123"));
  Reply jwks = client_->get("/.well-known/jwks.json");
  ASSERT_EQ(jwks.status, 200);
  EXPECT_EQ(jwks.body, R"({"keys":[]})");  // HS256 keys are never published
  Reply verify = client_->get("/api/v1/audit/verify", admin);
  ASSERT_EQ(verify.status, 200) << verify.body;
  EXPECT_EQ(verify.json["valid"], true);
  EXPECT_GT(verify.json["events_checked"].as_int64(), 5);
  Reply events = client_->get("/api/v1/audit/events?type=auth.login.success&limit=1", admin);
  ASSERT_EQ(events.status, 200) << events.body;
  EXPECT_EQ(events.json["events"].as_array().size(), 1u);
  EXPECT_FALSE(events.json["next_cursor"].is_null());
  EXPECT_EQ(events.body.find("admin123"), std::string::npos) << "password in the audit log";
}

// The §10.1 identity metrics count what happened, with fixed label values only.
TEST_P(AuthFlowTest, MetricsCountLoginsChecksDenialsAndAuditEvents) {
  const std::string admin = AuthClient::bearer(accessToken("admin", "admin123"));
  EXPECT_EQ(client_->login("admin", "wrong").status, 401);
  Reply created =
      client_->postJson("/auth/service-token", R"({"service_name":"metrics-bot"})", admin);
  ASSERT_EQ(created.status, 201);
  const std::string key(created.json["api_key"].as_string());
  EXPECT_EQ(client_->get("/auth/me", "X-API-Key: " + key + "\r\n").status, 200);
  std::string forged = key;  // a well-formed key whose secret differs in its last character
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(client_->get("/auth/me", "X-API-Key: " + forged + "\r\n").status, 401);
  EXPECT_EQ(client_->get("/auth/keys", AuthClient::bearer(accessToken("viewer", "view123"))).status,
            403);
  Reply m = client_->get("/metrics");
  ASSERT_EQ(m.status, 200);
  auto has = [&](const std::string& series) {
    EXPECT_NE(m.body.find(series), std::string::npos) << series;
  };
  has("tars_auth_login_attempts_total{result=\"success\"} 2");
  has("tars_auth_login_attempts_total{result=\"failure\"} 1");
  has("tars_auth_jwt_issued_total{token_type=\"refresh\"} 2");
  has("tars_api_key_checks_total{outcome=\"success\"} 1");
  has("tars_api_key_checks_total{outcome=\"invalid\"} 1");
  has("tars_api_key_events_total{event=\"created\"} 1");
  has("tars_api_keys_active 1");
  has("tars_auth_jwt_verifications_total{outcome=\"insufficient_role\"} 1");
  has("tars_authz_denials_total{required=\"admin\",route=\"/auth/keys\"} 1");
  has("tars_audit_events_total{event_type=\"auth.login.failure\"} 1");
  has("tars_audit_write_failures_total 0");
  has("tars_auth_signing_keys{status=\"current\"} 1");
  has("tars_auth_active_refresh_families 2");  // admin's and viewer's sessions
  EXPECT_EQ(m.body.find(key.substr(5, 12)), std::string::npos) << "key id as a label value";

  // Logging out ends a session: the gauge follows at once in this process.
  ASSERT_EQ(client_->send("POST", "/auth/logout", admin).status, 204);
  Reply after = client_->get("/metrics");
  EXPECT_NE(after.body.find("tars_auth_active_refresh_families 1"), std::string::npos)
      << after.body.substr(0, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthFlowTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), backendName);

}  // namespace
}  // namespace tars::test
