// Two `tars serve` replicas on one PostgreSQL store and one Redis (the scale-out layout, tars.md
// §3.4, §3.5): a token issued by one is accepted by the other (shared, encrypted key ring), and a
// logout, an API-key revocation or a signing-key rotation on one reaches the other through the
// `tars:revocations` broadcast — the store poll is set to 60 s, so only Redis explains a change
// seen within a second or two.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "auth_client.h"
#include "harness/eventually.h"
#include "harness/tars_process.h"
#include "redis_server.h"
#include "store_fixture.h"

namespace tars::test {
namespace {

class ReplicasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto redis = RedisServer::Start();
    ASSERT_TRUE(redis.isOk()) << redis.status().toString();
    redis_ = std::move(*redis);
    auto db = TestDatabase::Create(Backend::kPostgres);
    ASSERT_TRUE(db.isOk()) << db.status().toString();
    db_ = std::move(*db);
    std::map<std::string, std::string> env{
        {"TARS_STORE_URL", db_->url()},
        {"TARS_REDIS_URL", redis_->url()},
        {"TARS_JWT_SECRET", "replica-test-secret-with-more-than-32-bytes"},
        {"TARS_AUTH_REVOCATION_POLL_SECONDS", "60"}};
    a_ = std::make_unique<TarsProcess>(std::vector<std::string>{}, env);
    ASSERT_TRUE(a_->started()) << a_->log();
    b_ = std::make_unique<TarsProcess>(std::vector<std::string>{}, env);
    ASSERT_TRUE(b_->started()) << b_->log();
    ca_ = std::make_unique<AuthClient>(a_->port());
    cb_ = std::make_unique<AuthClient>(b_->port());
  }

  std::unique_ptr<RedisServer> redis_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<TarsProcess> a_, b_;
  std::unique_ptr<AuthClient> ca_, cb_;
};

TEST_F(ReplicasTest, LogoutOnOneReplicaReachesTheOther) {
  Reply login = ca_->login("developer", "dev123");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string bearer =
      AuthClient::bearer(std::string(login.json["access_token"].as_string()));
  ASSERT_EQ(cb_->get("/auth/me", bearer).status, 200) << "one key ring for both replicas";
  ASSERT_EQ(ca_->send("POST", "/auth/logout", bearer).status, 204);
  EXPECT_TRUE(eventually([&] { return cb_->get("/auth/me", bearer).status == 401; },
                         std::chrono::seconds(3)))
      << b_->log();
}

TEST_F(ReplicasTest, ApiKeyRevocationAndKeyRotationReachTheOther) {
  Reply login = ca_->login("admin", "admin123");
  ASSERT_EQ(login.status, 200);
  const std::string admin = AuthClient::bearer(std::string(login.json["access_token"].as_string()));
  Reply created = ca_->postJson("/auth/service-token", R"({"service_name":"replica-bot"})", admin);
  ASSERT_EQ(created.status, 201);
  const std::string header =
      "X-API-Key: " + std::string(created.json["api_key"].as_string()) + "\r\n";
  ASSERT_EQ(cb_->get("/auth/me", header).status, 200);
  ASSERT_EQ(
      ca_->send("DELETE", "/auth/service-token/" + std::string(created.json["key_id"].as_string()),
                admin)
          .status,
      204);
  EXPECT_TRUE(eventually([&] { return cb_->get("/auth/me", header).status == 401; },
                         std::chrono::seconds(3)));

  // A rotation on A: B verifies tokens of the new key (reload on the unknown kid or the
  // broadcast), and still accepts the old ones.
  ASSERT_EQ(ca_->send("POST", "/auth/keys/rotate", admin).status, 201);
  Reply fresh = ca_->login("viewer", "view123");
  ASSERT_EQ(fresh.status, 200);
  EXPECT_EQ(
      cb_->get("/auth/me", AuthClient::bearer(std::string(fresh.json["access_token"].as_string())))
          .status,
      200);
  EXPECT_EQ(cb_->get("/auth/me", admin).status, 200);
}

}  // namespace
}  // namespace tars::test
