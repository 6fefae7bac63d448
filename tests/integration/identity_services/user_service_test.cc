// UserService (tars.md §3.1) against the real stores: SQLite and PostgreSQL. Hashing uses cheap
// argon2id parameters except in one test, which uses the defaults.

#include "identity/users/user_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "crypto/password.h"
#include "store_fixture.h"
#include "test_records.h"

namespace tars::identity {
namespace {

using test::Backend;
using test::StoreSuite;

// ops 1, 8 MiB: fast enough for a test suite.
constexpr crypto::PasswordHashOptions kCheap{1, std::size_t{8} * 1024 * 1024};
// Different parameters, still cheap: used to trigger a re-hash.
constexpr crypto::PasswordHashOptions kCheapStronger{2, std::size_t{8} * 1024 * 1024};

class UserServiceTest : public StoreSuite {
 protected:
  void SetUp() override {
    StoreSuite::SetUp();
    if (HasFatalFailure())
      return;
    ids_ = std::make_unique<IdGenerator>(clock_);
    service_ = makeService(kCheap);
  }
  void TearDown() override {
    service_.reset();
    StoreSuite::TearDown();
  }

  std::unique_ptr<UserService> makeService(crypto::PasswordHashOptions hash) {
    return std::make_unique<UserService>(store().users(), clock_, *ids_, UserServiceOptions{hash});
  }

  UserService& service() { return *service_; }

  LoginVerdict verdict(UserService& svc, std::string_view username, std::string_view password) {
    auto result = svc.login(username, password);
    EXPECT_TRUE(result.isOk()) << result.status().toString();
    return result.isOk() ? result->verdict : LoginVerdict::kUnknownUser;
  }
  LoginVerdict verdict(std::string_view username, std::string_view password) {
    return verdict(service(), username, password);
  }

  store::UserRecord stored(const std::string& username) {
    auto user = store().users().findByUsername(username);
    EXPECT_TRUE(user.isOk()) << user.status().toString();
    return user.isOk() ? *user : store::UserRecord{};
  }

  std::unique_ptr<IdGenerator> ids_;
  std::unique_ptr<UserService> service_;
};

TEST_P(UserServiceTest, SeedsTheThreeDemoUsers) {
  ASSERT_OK(service().seedDemoUsers());
  struct Want {
    const char* username;
    const char* password;
    const char* user_id;
    const char* role;
    const char* email;
  };
  for (const Want& w : {Want{"admin", "admin123", "admin-001", "admin", "admin@tars.ai"},
                        Want{"developer", "dev123", "dev-001", "developer", "dev@tars.ai"},
                        Want{"viewer", "view123", "view-001", "viewer", "viewer@tars.ai"}}) {
    store::UserRecord user = stored(w.username);
    EXPECT_EQ(user.user_id, w.user_id);
    EXPECT_EQ(user.roles, std::vector<std::string>{w.role});
    EXPECT_EQ(user.email, std::string(w.email));
    EXPECT_FALSE(user.disabled);
    EXPECT_TRUE(user.password_hash.starts_with("$argon2id$"));
    auto login = service().login(w.username, w.password);
    ASSERT_OK(login);
    EXPECT_EQ(login->verdict, LoginVerdict::kSuccess) << w.username;
    // Any password is not accepted (the original's defect).
    EXPECT_EQ(verdict(w.username, "anything"), LoginVerdict::kWrongPassword);
  }
}

TEST_P(UserServiceTest, SeedingIsIdempotentAndNeverOverwrites) {
  ASSERT_OK(service().seedDemoUsers());
  const store::UserRecord admin = stored("admin");
  ASSERT_OK(service().setPassword("developer", "a brand new secret"));
  auto families = service().disable("viewer");
  ASSERT_OK(families);
  clock_.advance(std::chrono::hours(1));

  ASSERT_OK(service().seedDemoUsers());
  ASSERT_OK(makeService(kCheapStronger)->seedDemoUsers());  // another replica, other options
  auto page = service().list({});
  ASSERT_OK(page);
  EXPECT_EQ(page->items.size(), 3u);
  EXPECT_EQ(stored("admin"), admin);  // same hash, same timestamps
  EXPECT_EQ(verdict("developer", "dev123"), LoginVerdict::kWrongPassword);
  EXPECT_EQ(verdict("developer", "a brand new secret"), LoginVerdict::kSuccess);
  EXPECT_TRUE(stored("viewer").disabled);  // a disabled demo user stays disabled
  EXPECT_EQ(verdict("viewer", "view123"), LoginVerdict::kDisabled);
}

TEST_P(UserServiceTest, LoginVerdicts) {
  ASSERT_OK(service().seedDemoUsers());
  auto ok = service().login("admin", "admin123");
  ASSERT_OK(ok);
  EXPECT_EQ(ok->verdict, LoginVerdict::kSuccess);
  ASSERT_TRUE(ok->user.has_value());
  EXPECT_EQ(ok->user->user_id, "admin-001");

  auto wrong = service().login("admin", "admin124");
  ASSERT_OK(wrong);
  EXPECT_EQ(wrong->verdict, LoginVerdict::kWrongPassword);
  ASSERT_TRUE(wrong->user.has_value());  // for the audit record
  EXPECT_EQ(wrong->user->user_id, "admin-001");

  auto unknown = service().login("nobody", "admin123");
  ASSERT_OK(unknown);
  EXPECT_EQ(unknown->verdict, LoginVerdict::kUnknownUser);
  EXPECT_FALSE(unknown->user.has_value());
  // Names that could never exist are unknown too (and never reach the store).
  EXPECT_EQ(verdict("x", "admin123"), LoginVerdict::kUnknownUser);
  EXPECT_EQ(verdict("caf\xc3", "admin123"), LoginVerdict::kUnknownUser);
  EXPECT_EQ(verdict("", ""), LoginVerdict::kUnknownUser);

  ASSERT_OK(service().disable("admin"));
  auto disabled = service().login("admin", "admin123");
  ASSERT_OK(disabled);
  EXPECT_EQ(disabled->verdict, LoginVerdict::kDisabled);
  ASSERT_TRUE(disabled->user.has_value());
  EXPECT_TRUE(disabled->user->disabled);
  // A disabled user with a wrong password: the password verdict (no hint the account exists
  // beyond what a wrong password already gives).
  EXPECT_EQ(verdict("admin", "nope"), LoginVerdict::kWrongPassword);

  EXPECT_EQ(loginVerdictName(LoginVerdict::kSuccess), "success");
  EXPECT_EQ(loginVerdictName(LoginVerdict::kUnknownUser), "unknown_user");
  EXPECT_EQ(loginVerdictName(LoginVerdict::kWrongPassword), "wrong_password");
  EXPECT_EQ(loginVerdictName(LoginVerdict::kDisabled), "disabled");
}

TEST_P(UserServiceTest, UsernamesMatchIgnoringCase) {
  ASSERT_OK(service().seedDemoUsers());
  EXPECT_EQ(verdict("ADMIN", "admin123"), LoginVerdict::kSuccess);
  EXPECT_EQ(verdict("Developer", "dev123"), LoginVerdict::kSuccess);
  auto added = service().addUser("Alice", "correct horse battery", {"viewer"}, std::nullopt);
  ASSERT_OK(added);
  EXPECT_EQ(added->username, "alice");  // stored lowercase
  EXPECT_EQ(verdict("aLiCe", "correct horse battery"), LoginVerdict::kSuccess);
  EXPECT_CODE(service().addUser("ALICE", "correct horse battery", {"viewer"}, std::nullopt),
              StatusCode::kAlreadyExists);
  ASSERT_OK(service().setPassword("ALICE", "another long password"));
  EXPECT_EQ(verdict("alice", "another long password"), LoginVerdict::kSuccess);
}

TEST_P(UserServiceTest, LoginRehashesWhenTheParametersChange) {
  ASSERT_OK(service().seedDemoUsers());
  const std::string before = stored("admin").password_hash;
  EXPECT_FALSE(crypto::passwordNeedsRehash(before, kCheap));
  // Same parameters: no re-hash.
  ASSERT_EQ(verdict("admin", "admin123"), LoginVerdict::kSuccess);
  EXPECT_EQ(stored("admin").password_hash, before);

  auto stronger = makeService(kCheapStronger);
  // A wrong password never re-hashes.
  ASSERT_EQ(verdict(*stronger, "admin", "wrong"), LoginVerdict::kWrongPassword);
  EXPECT_EQ(stored("admin").password_hash, before);

  clock_.advance(std::chrono::minutes(5));
  auto result = stronger->login("admin", "admin123");
  ASSERT_OK(result);
  ASSERT_EQ(result->verdict, LoginVerdict::kSuccess);
  const store::UserRecord after = stored("admin");
  EXPECT_NE(after.password_hash, before);
  EXPECT_FALSE(crypto::passwordNeedsRehash(after.password_hash, kCheapStronger));
  EXPECT_TRUE(crypto::passwordNeedsRehash(after.password_hash, kCheap));
  EXPECT_EQ(after.updated_at, store::truncateToMillis(now()));
  EXPECT_EQ(result->user->password_hash, after.password_hash);
  // Every other field is kept.
  EXPECT_EQ(after.user_id, "admin-001");
  EXPECT_EQ(after.roles, std::vector<std::string>{"admin"});
  EXPECT_EQ(after.email, std::string("admin@tars.ai"));
  EXPECT_FALSE(after.disabled);
  // The new hash still verifies.
  EXPECT_EQ(verdict(*stronger, "admin", "admin123"), LoginVerdict::kSuccess);
  EXPECT_EQ(stored("admin").password_hash, after.password_hash);
}

TEST_P(UserServiceTest, AddUserValidatesEachField) {
  auto field_of = [](const Status& s) {
    return s.fieldErrors().empty() ? std::string() : s.fieldErrors()[0].field;
  };
  const std::string good = "twelve chars";
  Status s = service().addUser("ab", good, {"viewer"}, std::nullopt).status();
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_EQ(field_of(s), "username");
  EXPECT_EQ(field_of(service().addUser("bad name", good, {"viewer"}, std::nullopt).status()),
            "username");
  EXPECT_EQ(field_of(service().addUser("bob", "eleven char", {"viewer"}, std::nullopt).status()),
            "password");
  EXPECT_EQ(
      field_of(service().addUser("bob", std::string(1025, 'p'), {"viewer"}, std::nullopt).status()),
      "password");
  EXPECT_EQ(field_of(service().addUser("bob", good, {}, std::nullopt).status()), "roles");
  EXPECT_EQ(field_of(service().addUser("bob", good, {"root"}, std::nullopt).status()), "roles");
  EXPECT_EQ(field_of(service().addUser("bob", good, {"viewer"}, "not-an-email").status()), "email");
  EXPECT_EQ(
      field_of(
          service().addUser("bob", good, {"viewer"}, std::string(250, 'a') + "@b.cd").status()),
      "email");
  auto page = service().list({});
  ASSERT_OK(page);
  EXPECT_TRUE(page->items.empty());

  // The edges that pass.
  EXPECT_OK(service().addUser("bob", good, {"viewer"}, std::nullopt));
  EXPECT_OK(
      service().addUser(std::string(64, 'c'), std::string(1024, 'p'), {"admin"}, "c@example.com"));
}

TEST_P(UserServiceTest, AddUserCreatesARecordWithAUlidId) {
  auto added = service().addUser("carol.ops", "a long enough password", {"developer", "viewer"},
                                 "carol@example.com");
  ASSERT_OK(added);
  EXPECT_TRUE(added->user_id.starts_with("usr_"));
  EXPECT_EQ(added->user_id.size(), 4u + 26u);
  EXPECT_EQ(added->username, "carol.ops");
  EXPECT_EQ(added->roles, (std::vector<std::string>{"developer", "viewer"}));
  EXPECT_EQ(added->email, std::string("carol@example.com"));
  EXPECT_FALSE(added->disabled);
  EXPECT_EQ(added->created_at, store::truncateToMillis(now()));
  EXPECT_FALSE(crypto::passwordNeedsRehash(added->password_hash, kCheap));
  auto got = service().get(added->user_id);
  ASSERT_OK(got);
  EXPECT_EQ(*got, *added);
  EXPECT_CODE(service().get("usr_nope"), StatusCode::kNotFound);

  auto no_email = service().addUser("dave", "a long enough password", {"viewer"}, std::nullopt);
  ASSERT_OK(no_email);
  EXPECT_FALSE(no_email->email.has_value());
  EXPECT_NE(no_email->user_id, added->user_id);

  auto dup = service().addUser("Dave", "a long enough password", {"viewer"}, std::nullopt);
  EXPECT_CODE(dup, StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.status().message(), "User dave already exists");
}

TEST_P(UserServiceTest, SetPasswordAppliesTheRuleAndReplacesTheHash) {
  ASSERT_OK(service().seedDemoUsers());
  Status short_pw = service().setPassword("admin", "short");
  EXPECT_EQ(short_pw.code(), StatusCode::kValidation);
  EXPECT_EQ(verdict("admin", "admin123"), LoginVerdict::kSuccess);
  clock_.advance(std::chrono::seconds(3));
  ASSERT_OK(service().setPassword("admin", "a much longer password"));
  EXPECT_EQ(verdict("admin", "admin123"), LoginVerdict::kWrongPassword);
  EXPECT_EQ(verdict("admin", "a much longer password"), LoginVerdict::kSuccess);
  EXPECT_EQ(stored("admin").updated_at, store::truncateToMillis(now()));
  Status missing = service().setPassword("ghost", "a much longer password");
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "User ghost not found");
}

TEST_P(UserServiceTest, DisableRevokesTheUsersFamiliesAndReturnsThem) {
  ASSERT_OK(service().seedDemoUsers());
  ASSERT_OK(store().refreshFamilies().create(test::makeFamily("fam-a", "dev-001", "jti-a", now())));
  ASSERT_OK(store().refreshFamilies().create(test::makeFamily("fam-b", "dev-001", "jti-b", now())));
  ASSERT_OK(
      store().refreshFamilies().create(test::makeFamily("fam-c", "view-001", "jti-c", now())));
  ASSERT_OK(store().refreshFamilies().revoke("fam-b", now(), "logout"));

  auto revoked = service().disable("Developer");
  ASSERT_OK(revoked);
  EXPECT_EQ(*revoked, std::vector<std::string>{"fam-a"});
  auto fam_a = store().refreshFamilies().get("fam-a");
  ASSERT_OK(fam_a);
  EXPECT_TRUE(fam_a->revoked_at.has_value());
  EXPECT_EQ(fam_a->revoke_reason, std::string("user_disabled"));
  EXPECT_FALSE(store().refreshFamilies().get("fam-c")->revoked_at.has_value());
  EXPECT_TRUE(stored("developer").disabled);
  EXPECT_EQ(verdict("developer", "dev123"), LoginVerdict::kDisabled);

  auto again = service().disable("developer");
  ASSERT_OK(again);
  EXPECT_TRUE(again->empty());
  EXPECT_CODE(service().disable("ghost"), StatusCode::kNotFound);
}

TEST_P(UserServiceTest, ListPagesByUsername) {
  ASSERT_OK(service().seedDemoUsers());
  ASSERT_OK(service().addUser("bob", "a long enough password", {"viewer"}, std::nullopt));
  std::vector<std::string> names;
  store::PageRequest page{"", 3};
  for (int guard = 0; guard < 5; ++guard) {
    auto p = service().list(page);
    ASSERT_OK(p);
    for (const auto& u : p->items)
      names.push_back(u.username);
    if (!p->next_cursor)
      break;
    page.cursor = *p->next_cursor;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"admin", "bob", "developer", "viewer"}));
}

// The one test with the production parameters (ops 2, 64 MiB).
TEST_P(UserServiceTest, DefaultParametersEndToEnd) {
  auto svc = std::make_unique<UserService>(store().users(), clock_, *ids_);
  auto added = svc->addUser("erin", "production strength", {"admin"}, std::nullopt);
  ASSERT_OK(added);
  EXPECT_NE(added->password_hash.find("m=65536,t=2,p=1"), std::string::npos)
      << added->password_hash;
  EXPECT_EQ(verdict(*svc, "erin", "production strength"), LoginVerdict::kSuccess);
  EXPECT_EQ(verdict(*svc, "erin", "production strengtH"), LoginVerdict::kWrongPassword);
  EXPECT_EQ(verdict(*svc, "frank", "production strength"), LoginVerdict::kUnknownUser);
  EXPECT_EQ(stored("erin").password_hash, added->password_hash);  // no re-hash needed
}

// An unknown username costs an argon2id verification too (a dummy hash), so the time of a login
// does not reveal whether the account exists. Without it an unknown user would answer ~100x
// faster; the bound below leaves room for a loaded machine.
TEST_P(UserServiceTest, UnknownUserCostsAPasswordVerification) {
  auto svc = std::make_unique<UserService>(store().users(), clock_, *ids_);
  ASSERT_OK(svc->addUser("erin", "production strength", {"viewer"}, std::nullopt));
  auto fastest = [&](std::string_view username) {
    auto best = std::chrono::steady_clock::duration::max();
    for (int i = 0; i < 2; ++i) {
      const auto start = std::chrono::steady_clock::now();
      EXPECT_OK(svc->login(username, "not the password"));
      best = std::min(best, std::chrono::steady_clock::now() - start);
    }
    return best;
  };
  const auto known = fastest("erin");
  const auto unknown = fastest("frank");
  EXPECT_GT(unknown * 10, known) << "unknown " << unknown.count() << " known " << known.count();
}

INSTANTIATE_TEST_SUITE_P(Backends, UserServiceTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         test::backendName);

}  // namespace
}  // namespace tars::identity
