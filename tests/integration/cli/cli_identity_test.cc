// `tars users|keys|audit` end to end (tars.md §3.1, §3.5, §3.8, §3.9): the real binary writes to
// SQLite (found through TARS_DATA_DIR) and to the real PostgreSQL (TARS_STORE_URL), and a real
// `tars serve` on the same store shows the effect: a CLI-made user logs in, a disabled one does
// not; a CLI-made API key authenticates, a revoked one stops (learned by polling); a CLI
// rotation changes the server's current kid. The audit chain holds the `system` events and
// `tars audit verify` finds a tampered row. With Redis, revocations are broadcast on
// `tars:revocations`. Secrets never appear in any output but the one `keys create` line.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_runner.h"
#include "core/clock.h"
#include "core/logger.h"
#include "harness/raw_client.h"
#include "harness/tars_process.h"
#include "redis/subscriber.h"
#include "redis_server.h"
#include "store/audit_log.h"
#include "store/sql/db.h"
#include "store/sql/open_db.h"
#include "store/store_factory.h"
#include "store_fixture.h"

namespace tars::test {
namespace {

using namespace std::chrono_literals;

constexpr char kSecret[] = "cli-identity-test-master-secret-0123456789";
constexpr char kPassword[] = "correct horse battery staple";

struct Http {
  int status = 0;
  std::string body;
  boost::json::object json;  // the body when it is a JSON object
};

Http call(std::uint16_t port, const std::string& method, const std::string& target,
          const std::string& headers = "", const std::string& body = "") {
  RawClient client(port);
  std::string h = headers;
  if (!body.empty())
    h += "Content-Type: application/json\r\n";
  auto r = client.request(method, target, h, body);
  Http out;
  if (!r)
    return out;
  out.status = static_cast<int>(r->result_int());
  out.body = r->body();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(out.body, ec);
  if (!ec && v.is_object())
    out.json = v.as_object();
  return out;
}

Http login(std::uint16_t port, const std::string& user, const std::string& password) {
  boost::json::object body{{"username", user}, {"password", password}};
  return call(port, "POST", "/auth/login", "", boost::json::serialize(body));
}

std::string str(const boost::json::object& o, const char* key) {
  const boost::json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "";
}

std::string bearer(const std::string& token) {
  return "Authorization: Bearer " + token + "\r\n";
}

// Each non-empty line of `text` parsed as a JSON object.
std::vector<boost::json::object> jsonLines(const std::string& text) {
  std::vector<boost::json::object> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty())
      continue;
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(line, ec);
    EXPECT_FALSE(ec) << line;
    if (!ec && v.is_object())
      out.push_back(v.as_object());
  }
  return out;
}

// The value of the `name: value` line of `text`; empty when there is none.
std::string field(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + ": ", 0) == 0)
      return line.substr(name.size() + 2);
  }
  return "";
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
    s.pop_back();
  return s;
}

std::set<std::string> keysOf(const boost::json::object& o) {
  std::set<std::string> keys;
  for (const auto& kv : o)
    keys.insert(std::string(kv.key()));
  return keys;
}

// Polls `condition` until it holds or `timeout` passes.
bool eventually(const std::function<bool()>& condition, std::chrono::seconds timeout = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition())
      return true;
    std::this_thread::sleep_for(200ms);
  }
  return condition();
}

// `secret` appears in neither stream of `r`.
::testing::AssertionResult doesNotShow(const RunResult& r, const std::string& secret) {
  if (r.out.find(secret) != std::string::npos)
    return ::testing::AssertionFailure() << "stdout shows the secret: " << r.out;
  if (r.err.find(secret) != std::string::npos)
    return ::testing::AssertionFailure() << "stderr shows the secret: " << r.err;
  return ::testing::AssertionSuccess();
}

class CliIdentityTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    cli_env_ = {{"TARS_DATA_DIR", data_.path()}, {"TARS_JWT_SECRET", kSecret}};
    if (GetParam() == Backend::kSqlite) {
      // The CLI finds the database through the data dir alone (store.url's default).
      store_url_ = "sqlite://" + data_.path() + "/tars.db";
    } else {
      auto db = TestDatabase::Create(Backend::kPostgres);
      ASSERT_TRUE(db.isOk()) << db.status().toString();
      db_ = std::move(*db);
      store_url_ = db_->url();
      cli_env_["TARS_STORE_URL"] = store_url_;
    }
  }

  RunResult tars(const std::vector<std::string>& args, const std::string& input = "") {
    return runTarsWithInput(args, cli_env_, input);
  }

  void startServer() {
    server_ = std::make_unique<TarsProcess>(
        std::vector<std::string>{},
        std::map<std::string, std::string>{{"TARS_STORE_URL", store_url_},
                                           {"TARS_JWT_SECRET", kSecret},
                                           {"TARS_AUTH_REVOCATION_POLL_SECONDS", "1"}});
    ASSERT_TRUE(server_->started()) << server_->log();
  }
  std::uint16_t port() const { return server_->port(); }

  // Runs `sql` on the database behind the CLI's back (to tamper with the audit log).
  Status rawExec(const std::string& sql) {
    TARS_ASSIGN_OR_RETURN(auto db, store::sql::openDb(store_url_, {}));
    return db->transact(store::sql::TxMode::kWrite,
                        [&](store::sql::Tx& tx) { return tx.exec(sql).status(); });
  }

  TempDir data_;
  std::unique_ptr<TestDatabase> db_;
  std::string store_url_;
  std::map<std::string, std::string> cli_env_;
  std::unique_ptr<TarsProcess> server_;
};

TEST_P(CliIdentityTest, UserAddedByTheCliLogsInUntilDisabled) {
  RunResult add = tars({"users", "add", "Alice", "--role", "developer", "--role", "viewer",
                        "--email", "alice@example.com"},
                       std::string(kPassword) + "\n");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string user_id = trimmed(add.out);
  EXPECT_EQ(user_id.rfind("usr_", 0), 0u) << add.out;
  EXPECT_TRUE(doesNotShow(add, kPassword));

  RunResult list = tars({"users", "list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  std::vector<boost::json::object> users = jsonLines(list.out);
  ASSERT_EQ(users.size(), 1u) << list.out;
  EXPECT_EQ(keysOf(users[0]), (std::set<std::string>{"user_id", "username", "roles", "email",
                                                     "disabled", "created_at"}));
  EXPECT_EQ(str(users[0], "user_id"), user_id);
  EXPECT_EQ(str(users[0], "username"), "alice");  // stored lowercase
  EXPECT_EQ(boost::json::serialize(users[0]["roles"]), R"(["developer","viewer"])");
  EXPECT_EQ(str(users[0], "email"), "alice@example.com");
  EXPECT_EQ(users[0]["disabled"], false);
  EXPECT_EQ(list.out.find("argon2"), std::string::npos);
  RunResult table = tars({"users", "list"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("USERNAME"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find(user_id), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("developer,viewer"), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find("argon2"), std::string::npos);

  startServer();
  Http first = login(port(), "alice", kPassword);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(str(first.json["user"].as_object(), "user_id"), user_id);
  const std::string token = str(first.json, "access_token");
  EXPECT_EQ(call(port(), "GET", "/auth/me", bearer(token)).status, 200);
  EXPECT_EQ(login(port(), "alice", "not the password at all").status, 401);

  // passwd, with a CRLF line end: the old password stops, the new one works.
  const std::string renewed = "a brand new passphrase";
  RunResult passwd = tars({"users", "passwd", "alice"}, renewed + "\r\n");
  ASSERT_EQ(passwd.exit_code, 0) << passwd.err;
  EXPECT_TRUE(doesNotShow(passwd, renewed));
  EXPECT_EQ(login(port(), "alice", kPassword).status, 401);
  ASSERT_EQ(login(port(), "alice", renewed).status, 200);

  // Two sessions (logins) exist; disable revokes both and the server refuses the user at once.
  RunResult disable = tars({"users", "disable", "ALICE"});
  ASSERT_EQ(disable.exit_code, 0) << disable.err;
  EXPECT_NE(disable.out.find("sessions revoked: 2"), std::string::npos) << disable.out;
  EXPECT_EQ(login(port(), "alice", renewed).status, 401);
  // The access token's session is revoked; the server learns it from the store within a poll.
  EXPECT_TRUE(
      eventually([&] { return call(port(), "GET", "/auth/me", bearer(token)).status == 401; }));

  RunResult after = tars({"users", "list", "--json"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  bool found = false;
  for (auto& u : jsonLines(after.out)) {
    if (str(u, "username") == "alice") {
      found = true;
      EXPECT_EQ(u["disabled"], true);
    }
  }
  EXPECT_TRUE(found) << after.out;
}

TEST_P(CliIdentityTest, UsersAddRefusesBadInputNamingTheField) {
  RunResult bad_name =
      tars({"users", "add", "no spaces!", "--role", "viewer"}, std::string(kPassword) + "\n");
  EXPECT_EQ(bad_name.exit_code, 1);
  EXPECT_NE(bad_name.err.find("username"), std::string::npos) << bad_name.err;
  EXPECT_TRUE(doesNotShow(bad_name, kPassword));

  const std::string short_password = "tiny-pw-9";
  RunResult short_pw = tars({"users", "add", "bob", "--role", "viewer"}, short_password + "\n");
  EXPECT_EQ(short_pw.exit_code, 1);
  EXPECT_NE(short_pw.err.find("password"), std::string::npos) << short_pw.err;
  EXPECT_NE(short_pw.err.find("12-1024"), std::string::npos) << short_pw.err;
  EXPECT_TRUE(doesNotShow(short_pw, short_password));

  RunResult long_pw =
      tars({"users", "add", "bob", "--role", "viewer"}, std::string(1025, 'x') + "\n");
  EXPECT_EQ(long_pw.exit_code, 1);
  EXPECT_NE(long_pw.err.find("password"), std::string::npos) << long_pw.err;

  RunResult role = tars({"users", "add", "bob", "--role", "viewer", "--role", "wizard"},
                        std::string(kPassword) + "\n");
  EXPECT_EQ(role.exit_code, 1);
  EXPECT_NE(role.err.find("roles"), std::string::npos) << role.err;
  EXPECT_NE(role.err.find("wizard"), std::string::npos) << role.err;

  RunResult email = tars({"users", "add", "bob", "--role", "viewer", "--email", "not-an-address"},
                         std::string(kPassword) + "\n");
  EXPECT_EQ(email.exit_code, 1);
  EXPECT_NE(email.err.find("email"), std::string::npos) << email.err;

  RunResult no_input = tars({"users", "add", "bob", "--role", "viewer"});
  EXPECT_EQ(no_input.exit_code, 1);
  EXPECT_NE(no_input.err.find("password"), std::string::npos) << no_input.err;

  // Nothing above created a user; a valid add does, and the name is then taken (any case).
  RunResult add = tars({"users", "add", "carol", "--role", "admin"}, kPassword);  // no newline
  ASSERT_EQ(add.exit_code, 0) << add.err;
  RunResult taken =
      tars({"users", "add", "CAROL", "--role", "viewer"}, std::string(kPassword) + "\n");
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_NE(taken.err.find("User carol already exists"), std::string::npos) << taken.err;
  RunResult list = tars({"users", "list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  std::vector<boost::json::object> users = jsonLines(list.out);
  ASSERT_EQ(users.size(), 1u) << list.out;
  EXPECT_EQ(str(users[0], "username"), "carol");

  RunResult unknown_passwd = tars({"users", "passwd", "dave"}, std::string(kPassword) + "\n");
  EXPECT_EQ(unknown_passwd.exit_code, 1);
  EXPECT_NE(unknown_passwd.err.find("User dave not found"), std::string::npos);
  RunResult unknown_disable = tars({"users", "disable", "dave"});
  EXPECT_EQ(unknown_disable.exit_code, 1);
  EXPECT_NE(unknown_disable.err.find("User dave not found"), std::string::npos);

  // Usage errors: exit 2 (no role; a password flag that does not exist).
  EXPECT_EQ(tars({"users", "add", "erin"}, std::string(kPassword) + "\n").exit_code, 2);
  EXPECT_EQ(tars({"users", "add", "erin", "--role", "viewer", "--password", "x"}).exit_code, 2);
}

TEST_P(CliIdentityTest, ApiKeyCreatedByTheCliWorksUntilRevoked) {
  RunResult create = tars({"keys", "create", "--service-name", "ci-bot", "--scopes",
                           "tars:developer, metrics:read", "--expires-in-days", "30"});
  ASSERT_EQ(create.exit_code, 0) << create.err;
  const std::string key_id = field(create.out, "key_id");
  const std::string api_key = field(create.out, "api_key");
  ASSERT_EQ(key_id.size(), 12u) << create.out;
  ASSERT_EQ(api_key.size(), 61u) << create.out;
  EXPECT_EQ(api_key.rfind("tars_" + key_id + "_", 0), 0u);
  const std::string secret = api_key.substr(18);
  EXPECT_EQ(field(create.out, "scopes"), "tars:developer,metrics:read");
  EXPECT_NE(field(create.out, "expires_at"), "-");
  EXPECT_NE(create.err.find("cannot be retrieved again"), std::string::npos) << create.err;
  EXPECT_EQ(create.err.find(secret), std::string::npos);

  startServer();
  const std::string key_header = "X-API-Key: " + api_key + "\r\n";
  Http me = call(port(), "GET", "/auth/me", key_header);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(str(me.json, "principal_type"), "service");
  EXPECT_EQ(str(me.json, "key_id"), key_id);
  EXPECT_EQ(str(me.json, "service_name"), "ci-bot");
  EXPECT_EQ(boost::json::serialize(me.json["scopes"]), R"(["tars:developer","metrics:read"])");

  RunResult list = tars({"keys", "list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(doesNotShow(list, secret));
  std::vector<boost::json::object> keys = jsonLines(list.out);
  ASSERT_EQ(keys.size(), 1u) << list.out;
  EXPECT_EQ(keysOf(keys[0]),
            (std::set<std::string>{"key_id", "service_name", "scopes", "created_at", "last_used",
                                   "expires_at", "is_active", "revoked_at"}));
  EXPECT_EQ(str(keys[0], "key_id"), key_id);
  EXPECT_EQ(keys[0]["is_active"], true);
  EXPECT_TRUE(keys[0]["revoked_at"].is_null());
  RunResult table = tars({"keys", "list"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find(key_id), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("ci-bot"), std::string::npos) << table.out;
  EXPECT_TRUE(doesNotShow(table, secret));

  // The route's rules: a second active key of that name (any case), unknown scopes, ranges.
  RunResult duplicate = tars({"keys", "create", "--service-name", "CI-BOT"});
  EXPECT_EQ(duplicate.exit_code, 1);
  EXPECT_NE(duplicate.err.find("already exists"), std::string::npos) << duplicate.err;
  RunResult scope = tars({"keys", "create", "--service-name", "other", "--scopes", "tars:root"});
  EXPECT_EQ(scope.exit_code, 1);
  EXPECT_NE(scope.err.find("scopes[0]"), std::string::npos) << scope.err;
  EXPECT_NE(scope.err.find("tars:root"), std::string::npos) << scope.err;
  RunResult days = tars({"keys", "create", "--service-name", "other", "--expires-in-days", "0"});
  EXPECT_EQ(days.exit_code, 1);
  EXPECT_NE(days.err.find("expires_in_days"), std::string::npos) << days.err;
  EXPECT_EQ(tars({"keys", "create"}).exit_code, 2);  // --service-name is required

  // Without --scopes: auth.api_keys.default_scopes; --json prints the route's object.
  RunResult viewer = tars({"keys", "create", "--service-name", "viewer-bot", "--json"});
  ASSERT_EQ(viewer.exit_code, 0) << viewer.err;
  std::vector<boost::json::object> created = jsonLines(viewer.out);
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(boost::json::serialize(created[0]["scopes"]), R"(["tars:viewer"])");
  EXPECT_TRUE(created[0]["expires_at"].is_null());
  EXPECT_EQ(str(created[0], "api_key").rfind("tars_" + str(created[0], "key_id") + "_", 0), 0u);

  RunResult revoke = tars({"keys", "revoke", key_id});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  // The server learns of the revocation by polling the store (no Redis here).
  EXPECT_TRUE(
      eventually([&] { return call(port(), "GET", "/auth/me", key_header).status == 401; }));
  RunResult again = tars({"keys", "revoke", key_id});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("already revoked"), std::string::npos) << again.out;
  RunResult unknown = tars({"keys", "revoke", "aaaaaaaaaaaa"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("API key aaaaaaaaaaaa not found"), std::string::npos);
  // A whole API key given as KEY_ID is refused without being repeated.
  RunResult pasted = tars({"keys", "revoke", str(created[0], "api_key")});
  EXPECT_EQ(pasted.exit_code, 1);
  EXPECT_NE(pasted.err.find("key_id"), std::string::npos) << pasted.err;
  EXPECT_TRUE(doesNotShow(pasted, str(created[0], "api_key").substr(18)));

  RunResult active = tars({"keys", "list", "--json"});
  ASSERT_EQ(active.exit_code, 0);
  EXPECT_EQ(active.out.find(key_id), std::string::npos) << active.out;
  RunResult all = tars({"keys", "list", "--include-revoked", "--json"});
  ASSERT_EQ(all.exit_code, 0);
  bool found = false;
  for (auto& k : jsonLines(all.out)) {
    if (str(k, "key_id") == key_id) {
      found = true;
      EXPECT_EQ(k["is_active"], false);
      EXPECT_TRUE(k["revoked_at"].is_string());
    }
  }
  EXPECT_TRUE(found) << all.out;
}

TEST_P(CliIdentityTest, RotateSigningChangesTheServersCurrentKid) {
  startServer();
  Http admin = login(port(), "admin", "admin123");
  ASSERT_EQ(admin.status, 200) << admin.body;
  const std::string token = str(admin.json, "access_token");
  Http before = call(port(), "GET", "/auth/keys", bearer(token));
  ASSERT_EQ(before.status, 200) << before.body;
  const std::string k0 = str(before.json, "current_kid");
  ASSERT_FALSE(k0.empty());

  RunResult rotate = tars({"keys", "rotate-signing", "--json"});
  ASSERT_EQ(rotate.exit_code, 0) << rotate.err;
  std::vector<boost::json::object> out = jsonLines(rotate.out);
  ASSERT_EQ(out.size(), 1u);
  const std::string k1 = str(out[0], "kid");
  EXPECT_NE(k1, k0);
  EXPECT_EQ(str(out[0], "previous_kid"), k0);
  EXPECT_EQ(str(out[0], "alg"), "HS256");
  // The server reloads its ring on the store's signing_key change (no restart); the token signed
  // by k0 still verifies meanwhile.
  EXPECT_TRUE(eventually([&] {
    return str(call(port(), "GET", "/auth/keys", bearer(token)).json, "current_kid") == k1;
  }));
  Http fresh = login(port(), "admin", "admin123");
  ASSERT_EQ(fresh.status, 200);
  EXPECT_EQ(call(port(), "GET", "/auth/me", bearer(str(fresh.json, "access_token"))).status, 200);

  RunResult second = tars({"keys", "rotate-signing"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(field(second.out, "previous_kid"), k1);
  EXPECT_NE(field(second.out, "kid"), k1);

  // Another master secret cannot open the ring: exit 1, and no secret in the message.
  std::map<std::string, std::string> wrong_env = cli_env_;
  const std::string wrong = "another-master-secret-that-does-not-match-0000";
  wrong_env["TARS_JWT_SECRET"] = wrong;
  RunResult mismatch = runTarsWithInput({"keys", "rotate-signing"}, wrong_env, "");
  EXPECT_EQ(mismatch.exit_code, 1);
  EXPECT_NE(mismatch.err.find("auth.jwt.secret"), std::string::npos) << mismatch.err;
  EXPECT_TRUE(doesNotShow(mismatch, wrong));
  EXPECT_TRUE(doesNotShow(mismatch, kSecret));
}

TEST_P(CliIdentityTest, AuditVerifyCountsTheCliEventsAndFindsATamperedRow) {
  ASSERT_EQ(
      tars({"users", "add", "frank", "--role", "viewer"}, std::string(kPassword) + "\n").exit_code,
      0);
  const std::string renewed = "frank's second passphrase";
  ASSERT_EQ(tars({"users", "passwd", "frank"}, renewed + "\n").exit_code, 0);
  RunResult create = tars({"keys", "create", "--service-name", "audited"});
  ASSERT_EQ(create.exit_code, 0) << create.err;
  const std::string key_id = field(create.out, "key_id");
  const std::string api_key = field(create.out, "api_key");
  ASSERT_EQ(tars({"keys", "revoke", key_id}).exit_code, 0);
  RunResult rotate = tars({"keys", "rotate-signing"});  // an empty ring: first key, then rotation
  ASSERT_EQ(rotate.exit_code, 0) << rotate.err;
  EXPECT_NE(field(rotate.out, "previous_kid"), "-");
  ASSERT_EQ(tars({"users", "disable", "frank"}).exit_code, 0);

  RunResult verify = tars({"audit", "verify"});
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  std::vector<boost::json::object> result = jsonLines(verify.out);
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(keysOf(result[0]),
            (std::set<std::string>{"valid", "events_checked", "head_hash", "first_invalid_seq"}));
  EXPECT_EQ(result[0]["valid"], true);
  EXPECT_GE(result[0]["events_checked"].to_number<std::int64_t>(), 6);
  EXPECT_EQ(str(result[0], "head_hash").size(), 64u);
  EXPECT_TRUE(result[0]["first_invalid_seq"].is_null());

  // The events, as the routes write them: actor `system`, the target, no secrets in details.
  SystemClock clock;
  auto store = store::openStore(store_url_, clock);
  ASSERT_TRUE(store.isOk()) << store.status().toString();
  auto events = (*store)->auditLog().list({}, {"", 500});
  ASSERT_TRUE(events.isOk()) << events.status().toString();
  std::map<std::string, store::AuditRecord> by_type;
  for (const store::AuditRecord& r : events->items) {
    by_type[r.event.type] = r;
    EXPECT_EQ(r.event.actor_type, "system") << r.event.type;
    EXPECT_FALSE(r.event.actor_id.has_value()) << r.event.type;
    EXPECT_EQ(r.event.outcome, "success");
    EXPECT_EQ(r.event.details_json.find(kPassword), std::string::npos);
    EXPECT_EQ(r.event.details_json.find(renewed), std::string::npos);
    EXPECT_EQ(r.event.details_json.find(api_key.substr(18)), std::string::npos);
    EXPECT_EQ(r.event.details_json.find("argon2"), std::string::npos);
  }
  for (const char* type : {"user.created", "user.password_changed", "api_key.created",
                           "api_key.revoked", "signing_key.rotated", "user.disabled"}) {
    EXPECT_EQ(by_type.count(type), 1u) << type;
  }
  EXPECT_EQ(by_type["user.created"].event.target_type, "user");
  EXPECT_NE(by_type["user.created"].event.details_json.find("\"frank\""), std::string::npos);
  EXPECT_EQ(by_type["api_key.revoked"].event.target_id, key_id);
  EXPECT_EQ(by_type["signing_key.rotated"].event.target_id, field(rotate.out, "kid"));
  EXPECT_NE(
      by_type["signing_key.rotated"].event.details_json.find(field(rotate.out, "previous_kid")),
      std::string::npos);
  store->reset();

  // One edited row breaks the chain at its seq.
  ASSERT_TRUE(
      rawExec("UPDATE audit_events SET details = '{\"username\":\"mallory\"}' WHERE seq = 2")
          .isOk());
  RunResult broken = tars({"audit", "verify"});
  EXPECT_EQ(broken.exit_code, 1) << broken.out;
  std::vector<boost::json::object> bad = jsonLines(broken.out);
  ASSERT_EQ(bad.size(), 1u) << broken.out;
  EXPECT_EQ(bad[0]["valid"], false);
  EXPECT_EQ(bad[0]["first_invalid_seq"], 2);
  EXPECT_NE(broken.err.find("seq 2"), std::string::npos) << broken.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, CliIdentityTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), backendName);

// Command line and configuration errors are exit 2; an unreachable or missing store is exit 1.
TEST(CliIdentityUsageTest, ExitCodes) {
  TempDir dir;
  const std::map<std::string, std::string> env{{"TARS_DATA_DIR", dir.path() + "/data"}};
  EXPECT_EQ(runTarsWithInput({"users"}, env, "").exit_code, 2);
  EXPECT_EQ(runTarsWithInput({"keys"}, env, "").exit_code, 2);
  EXPECT_EQ(runTarsWithInput({"audit"}, env, "").exit_code, 2);
  EXPECT_EQ(runTarsWithInput({"keys", "revoke"}, env, "").exit_code, 2);
  EXPECT_EQ(runTarsWithInput({"keys", "create", "--service-name", "x", "--expires-in-days", "soon"},
                             env, "")
                .exit_code,
            2);
  EXPECT_EQ(runTarsWithInput({"audit", "verify", "--config", dir.path() + "/missing.yaml"}, env, "")
                .exit_code,
            2);
  std::map<std::string, std::string> bad_config = env;
  bad_config["TARS_AUTH_REVOCATION_POLL_SECONDS"] = "0";
  RunResult bad = runTarsWithInput({"users", "list"}, bad_config, "");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("auth.revocation_poll_seconds"), std::string::npos) << bad.err;

  // A read-only command does not create a database to report on.
  RunResult missing = runTarsWithInput({"audit", "verify"}, env, "");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("store"), std::string::npos) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/data/tars.db"));

  // An unreachable PostgreSQL: exit 1, and the URL's password is not shown.
  std::map<std::string, std::string> down = env;
  down["TARS_STORE_URL"] = "postgresql://tars:hunter2-secret@127.0.0.1:1/tars?connect_timeout=2";
  RunResult unreachable = runTarsWithInput({"users", "list"}, down, "");
  EXPECT_EQ(unreachable.exit_code, 1);
  EXPECT_NE(unreachable.err.find("store"), std::string::npos) << unreachable.err;
  EXPECT_TRUE(doesNotShow(unreachable, "hunter2-secret"));

  // --config FILE: the data dir comes from the file; a writing command creates it (0700).
  const std::string config = dir.write("tars.yaml", "data_dir: " + dir.path() + "/from-file\n");
  RunResult add = runTarsWithInput({"users", "add", "gina", "--role", "viewer", "--config", config},
                                   {}, std::string(kPassword) + "\n");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/from-file/tars.db"));
  EXPECT_EQ(std::filesystem::status(dir.path() + "/from-file").permissions() &
                std::filesystem::perms::all,
            std::filesystem::perms::owner_all);
  RunResult list = runTarsWithInput({"users", "--config", config, "list"}, {}, "");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("gina"), std::string::npos) << list.out;
}

// With redis.url set, revocations made by the CLI are broadcast on `tars:revocations` in the
// §3.4 message format; with Redis down the command still succeeds (servers poll the store).
TEST(CliIdentityRedisTest, RevocationsAreBroadcastOnTarsRevocations) {
  auto redis = RedisServer::Start();
  ASSERT_TRUE(redis.isOk()) << redis.status().toString();
  Logger logger(LogLevel::kOff, LogFormat::kText);
  std::mutex mu;
  std::vector<boost::json::object> messages;
  std::atomic<bool> connected{false};
  redis::SubscriberOptions options;
  options.redis.port = (*redis)->port();
  options.channel = "tars:revocations";
  auto subscriber = redis::Subscriber::Create(
      options, logger,
      [&](std::string_view message) {
        boost::system::error_code ec;
        boost::json::value v = boost::json::parse(message, ec);
        std::lock_guard lock(mu);
        messages.push_back(!ec && v.is_object() ? v.as_object() : boost::json::object{});
      },
      [&] { connected = true; });
  ASSERT_TRUE(subscriber.isOk()) << subscriber.status().toString();
  (*subscriber)->start();
  ASSERT_TRUE(eventually([&] { return connected.load(); }, 5s));
  auto received = [&](const std::string& kind) {
    std::optional<boost::json::object> found;
    eventually(
        [&] {
          std::lock_guard lock(mu);
          for (const auto& m : messages) {
            if (str(m, "kind") == kind)
              found = m;
          }
          return found.has_value();
        },
        5s);
    return found;
  };

  TempDir data;
  std::map<std::string, std::string> env{{"TARS_DATA_DIR", data.path()},
                                         {"TARS_JWT_SECRET", kSecret},
                                         {"TARS_REDIS_URL", (*redis)->url()}};
  RunResult create = runTarsWithInput({"keys", "create", "--service-name", "broadcast"}, env, "");
  ASSERT_EQ(create.exit_code, 0) << create.err;
  const std::string key_id = field(create.out, "key_id");
  ASSERT_EQ(runTarsWithInput({"keys", "revoke", key_id}, env, "").exit_code, 0);
  auto api_key_message = received("api_key");
  ASSERT_TRUE(api_key_message.has_value());
  EXPECT_EQ(str(*api_key_message, "id"), key_id);
  EXPECT_TRUE((*api_key_message)["expires_at"].is_null());

  RunResult rotate = runTarsWithInput({"keys", "rotate-signing"}, env, "");
  ASSERT_EQ(rotate.exit_code, 0) << rotate.err;
  auto signing_message = received("signing_key");
  ASSERT_TRUE(signing_message.has_value());
  EXPECT_EQ(str(*signing_message, "id"), field(rotate.out, "kid"));

  // A user with one session: disabling it broadcasts that family, with its expiry.
  ASSERT_EQ(runTarsWithInput({"users", "add", "hank", "--role", "viewer"}, env,
                             std::string(kPassword) + "\n")
                .exit_code,
            0);
  TarsProcess server({}, {{"TARS_STORE_URL", "sqlite://" + data.path() + "/tars.db"},
                          {"TARS_JWT_SECRET", kSecret}});
  ASSERT_TRUE(server.started()) << server.log();
  ASSERT_EQ(login(server.port(), "hank", kPassword).status, 200);
  RunResult disable = runTarsWithInput({"users", "disable", "hank"}, env, "");
  ASSERT_EQ(disable.exit_code, 0) << disable.err;
  EXPECT_NE(disable.out.find("sessions revoked: 1"), std::string::npos) << disable.out;
  auto family_message = received("family");
  ASSERT_TRUE(family_message.has_value());
  EXPECT_FALSE(str(*family_message, "id").empty());
  EXPECT_TRUE((*family_message)["expires_at"].is_string());

  // Redis down: the revocation is still made (exit 0), with a warning.
  (*redis)->stop();
  RunResult second = runTarsWithInput({"keys", "create", "--service-name", "offline"}, env, "");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  RunResult revoke = runTarsWithInput({"keys", "revoke", field(second.out, "key_id")}, env, "");
  EXPECT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_NE(revoke.err.find("warning"), std::string::npos) << revoke.err;
  (*subscriber)->stop();
}

}  // namespace
}  // namespace tars::test
