// ApiKeyService (tars.md §3.8) against the real stores: SQLite and PostgreSQL.

#include "identity/api_keys/api_key_service.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "crypto/hash.h"
#include "identity/api_keys/api_key_format.h"
#include "store_fixture.h"

namespace tars::identity {
namespace {

using test::Backend;
using test::StoreSuite;
using namespace std::chrono_literals;

class ApiKeyServiceTest : public StoreSuite {
 protected:
  void SetUp() override {
    StoreSuite::SetUp();
    if (HasFatalFailure())
      return;
    service_ = std::make_unique<ApiKeyService>(store().apiKeys(), clock_, ApiKeyServiceOptions{});
  }
  void TearDown() override {
    service_.reset();
    StoreSuite::TearDown();
  }

  ApiKeyService& service() { return *service_; }

  static CreateApiKeyRequest request(const std::string& name) {
    CreateApiKeyRequest r;
    r.service_name = name;
    r.created_by = "admin-001";
    return r;
  }

  template <typename F>
  static ApiKeyServiceOptions options(F&& change) {
    ApiKeyServiceOptions o;
    change(o);
    return o;
  }

  CreatedApiKey create(const std::string& name,
                       std::optional<std::vector<std::string>> scopes = std::nullopt,
                       std::optional<int> expires_in_days = std::nullopt) {
    CreateApiKeyRequest r = request(name);
    r.scopes = std::move(scopes);
    r.expires_in_days = expires_in_days;
    auto created = service().create(r);
    EXPECT_TRUE(created.isOk()) << created.status().toString();
    return created.isOk() ? std::move(created).value() : CreatedApiKey{};
  }

  ApiKeyVerdict verdict(ApiKeyService& svc, const std::string& key) {
    auto check = svc.verify(key);
    EXPECT_TRUE(check.isOk()) << check.status().toString();
    return check.isOk() ? check->verdict : ApiKeyVerdict::kMalformed;
  }
  ApiKeyVerdict verdict(const std::string& key) { return verdict(service(), key); }

  std::optional<store::Timestamp> storedLastUsed(const std::string& key_id) {
    auto record = store().apiKeys().get(key_id);
    EXPECT_TRUE(record.isOk()) << record.status().toString();
    return record.isOk() ? record->last_used_at : std::nullopt;
  }

  // A key with the right key_id and another well-formed secret.
  static std::string withOtherSecret(const std::string& key) {
    std::string other = key;
    other.back() = other.back() == 'A' ? 'B' : 'A';
    return other;
  }

  std::unique_ptr<ApiKeyService> service_;
};

TEST_P(ApiKeyServiceTest, CreateReturnsTheKeyOnceAndStoresOnlyItsDigest) {
  CreatedApiKey created = create("billing");
  auto parts = parseApiKey(created.api_key);
  ASSERT_TRUE(parts.has_value()) << created.api_key;
  EXPECT_EQ(parts->key_id, created.record.key_id);
  EXPECT_EQ(created.record.service_name, "billing");
  EXPECT_EQ(created.record.scopes, std::vector<std::string>{"tars:viewer"});  // default
  EXPECT_EQ(created.record.created_by, "admin-001");
  EXPECT_EQ(created.record.created_at, store::truncateToMillis(now()));
  EXPECT_FALSE(created.record.expires_at.has_value());

  auto stored = store().apiKeys().get(created.record.key_id);
  ASSERT_OK(stored);
  EXPECT_EQ(*stored, created.record);
  EXPECT_EQ(stored->secret_sha256, crypto::sha256(parts->secret));
  EXPECT_EQ(stored->secret_sha256.find(parts->secret), std::string::npos);
}

TEST_P(ApiKeyServiceTest, VerifyAcceptsTheKeyAndNamesItsIdentity) {
  CreatedApiKey created =
      create("reports", std::vector<std::string>{"tars:developer", "verify:run"}, 30);
  auto check = service().verify(created.api_key);
  ASSERT_OK(check);
  EXPECT_EQ(check->verdict, ApiKeyVerdict::kValid);
  EXPECT_EQ(check->key_id, created.record.key_id);
  ASSERT_TRUE(check->identity.has_value());
  EXPECT_EQ(check->identity->key_id, created.record.key_id);
  EXPECT_EQ(check->identity->service_name, "reports");
  EXPECT_EQ(check->identity->scopes, (std::vector<std::string>{"tars:developer", "verify:run"}));
  EXPECT_EQ(check->identity->expires_at, store::truncateToMillis(now()) + std::chrono::days(30));
  EXPECT_EQ(apiKeyVerdictName(check->verdict), "valid");
}

TEST_P(ApiKeyServiceTest, VerifyRefusalsCarryTheirReason) {
  CreatedApiKey created = create("svc");
  auto malformed = service().verify("tars_not-a-key");
  ASSERT_OK(malformed);
  EXPECT_EQ(malformed->verdict, ApiKeyVerdict::kMalformed);
  EXPECT_TRUE(malformed->key_id.empty());
  EXPECT_FALSE(malformed->identity.has_value());

  auto generated = generateApiKey();
  ASSERT_OK(generated);
  auto unknown = service().verify(generated->second);
  ASSERT_OK(unknown);
  EXPECT_EQ(unknown->verdict, ApiKeyVerdict::kUnknown);
  EXPECT_EQ(unknown->key_id, generated->first.key_id);

  // Right key_id, wrong secret: refused even with the record cached.
  ASSERT_EQ(verdict(created.api_key), ApiKeyVerdict::kValid);
  auto wrong = service().verify(withOtherSecret(created.api_key));
  ASSERT_OK(wrong);
  EXPECT_EQ(wrong->verdict, ApiKeyVerdict::kWrongSecret);
  EXPECT_EQ(wrong->key_id, created.record.key_id);
  EXPECT_FALSE(wrong->identity.has_value());
  // A valid key_id with another key's secret is refused too.
  CreatedApiKey other = create("other");
  auto swapped = formatApiKey({created.record.key_id, parseApiKey(other.api_key)->secret});
  EXPECT_EQ(verdict(swapped), ApiKeyVerdict::kWrongSecret);

  EXPECT_EQ(apiKeyVerdictName(ApiKeyVerdict::kMalformed), "malformed");
  EXPECT_EQ(apiKeyVerdictName(ApiKeyVerdict::kUnknown), "unknown");
  EXPECT_EQ(apiKeyVerdictName(ApiKeyVerdict::kWrongSecret), "wrong_secret");
  EXPECT_EQ(apiKeyVerdictName(ApiKeyVerdict::kRevoked), "revoked");
  EXPECT_EQ(apiKeyVerdictName(ApiKeyVerdict::kExpired), "expired");
}

TEST_P(ApiKeyServiceTest, CreateValidatesEachField) {
  auto field_of = [](const Status& s) {
    return s.fieldErrors().empty() ? std::string() : s.fieldErrors()[0].field;
  };
  auto attempt = [&](const std::string& name, std::optional<std::vector<std::string>> scopes,
                     std::optional<int> days) {
    CreateApiKeyRequest r = request(name);
    r.scopes = std::move(scopes);
    r.expires_in_days = days;
    return service().create(r).status();
  };
  Status s = attempt("", std::nullopt, std::nullopt);
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_EQ(field_of(s), "service_name");
  EXPECT_EQ(field_of(attempt(std::string(65, 'a'), std::nullopt, std::nullopt)), "service_name");
  EXPECT_EQ(field_of(attempt("bad/name", std::nullopt, std::nullopt)), "service_name");
  s = attempt("ok", std::vector<std::string>{"tars:viewer", "nope"}, std::nullopt);
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_EQ(field_of(s), "scopes[1]");
  EXPECT_NE(s.message().find("nope"), std::string::npos);
  EXPECT_EQ(field_of(attempt("ok", std::vector<std::string>(33, "tars:viewer"), std::nullopt)),
            "scopes");
  EXPECT_EQ(field_of(attempt("ok", std::nullopt, 0)), "expires_in_days");
  EXPECT_EQ(field_of(attempt("ok", std::nullopt, 3651)), "expires_in_days");
  CreateApiKeyRequest anonymous = request("ok");
  anonymous.created_by.clear();
  EXPECT_CODE(service().create(anonymous), StatusCode::kInvalidArgument);
  EXPECT_EQ(*service().count(true), 0);

  // Edges that pass: no scopes at all, 3650 days, 64 characters.
  CreateApiKeyRequest edge = request(std::string(64, 'n'));
  edge.scopes = std::vector<std::string>{};
  edge.expires_in_days = 3650;
  auto empty = service().create(edge);
  ASSERT_OK(empty);
  EXPECT_TRUE(empty->record.scopes.empty());
}

TEST_P(ApiKeyServiceTest, ACallerGrantsOnlyScopesItHolds) {
  CreateApiKeyRequest r = request("ci");
  r.scopes = std::vector<std::string>{"tars:viewer", "policy:compile"};
  r.created_by = "dev-001";
  r.caller_scopes = std::vector<std::string>{"tars:developer"};
  auto denied = service().create(r);
  EXPECT_CODE(denied, StatusCode::kPermissionDenied);
  EXPECT_NE(denied.status().message().find("policy:compile"), std::string::npos);
  EXPECT_EQ(*service().count(true), 0);
  // The default scopes count as granted too.
  r.scopes.reset();
  r.caller_scopes = std::vector<std::string>{"verify:run"};
  EXPECT_CODE(service().create(r), StatusCode::kPermissionDenied);
  // Held (through the hierarchy): allowed.
  r.caller_scopes = std::vector<std::string>{"tars:developer"};
  EXPECT_OK(service().create(r));
  // nullopt (admin, CLI) may grant anything known.
  r.service_name = "ci-admin";
  r.scopes = std::vector<std::string>{"tars:admin", "policy:compile"};
  r.caller_scopes.reset();
  EXPECT_OK(service().create(r));
}

TEST_P(ApiKeyServiceTest, DuplicateActiveNameIsRefusedIgnoringCase) {
  CreatedApiKey first = create("Billing");
  auto dup = service().create(request("bILLING"));
  EXPECT_CODE(dup, StatusCode::kAlreadyExists);
  EXPECT_EQ(dup.status().message(), "An active API key named bILLING already exists");
  // The first key is untouched (the original silently replaced it).
  EXPECT_EQ(verdict(first.api_key), ApiKeyVerdict::kValid);
  ASSERT_OK(service().revoke(first.record.key_id));
  EXPECT_OK(service().create(request("billing")));
}

TEST_P(ApiKeyServiceTest, RevokeTakesEffectAtOnceInThisProcess) {
  CreatedApiKey created = create("svc");
  ASSERT_EQ(verdict(created.api_key), ApiKeyVerdict::kValid);  // now cached
  auto revoked = service().revoke(created.record.key_id);
  ASSERT_OK(revoked);
  EXPECT_TRUE(*revoked);
  EXPECT_EQ(verdict(created.api_key), ApiKeyVerdict::kRevoked);
  auto again = service().revoke(created.record.key_id);
  ASSERT_OK(again);
  EXPECT_FALSE(*again);
  auto missing = service().revoke("zzzzzzzzzzzz");
  EXPECT_CODE(missing, StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "API key zzzzzzzzzzzz not found");
  EXPECT_CODE(service().revoke("../etc/passwd"), StatusCode::kNotFound);
}

TEST_P(ApiKeyServiceTest, ExpiredKeyIsRefused) {
  CreatedApiKey created = create("short", std::nullopt, 1);
  EXPECT_EQ(verdict(created.api_key), ApiKeyVerdict::kValid);
  clock_.advance(std::chrono::days(1) - 1ms);
  EXPECT_EQ(verdict(created.api_key), ApiKeyVerdict::kValid);
  clock_.advance(1ms);
  EXPECT_EQ(verdict(created.api_key), ApiKeyVerdict::kExpired);
  EXPECT_FALSE(isApiKeyActive(*store().apiKeys().get(created.record.key_id), now()));
}

TEST_P(ApiKeyServiceTest, RotateWithoutGraceKillsTheOldKeyAtOnce) {
  CreatedApiKey created = create("svc");
  ASSERT_EQ(verdict(created.api_key), ApiKeyVerdict::kValid);
  clock_.advance(10s);
  auto rotated = service().rotate(created.record.key_id, std::chrono::seconds(0));
  ASSERT_OK(rotated);
  EXPECT_EQ(rotated->record.key_id, created.record.key_id);
  EXPECT_EQ(parseApiKey(rotated->api_key)->key_id, created.record.key_id);
  EXPECT_NE(rotated->api_key, created.api_key);
  EXPECT_FALSE(rotated->old_key_valid_until.has_value());
  EXPECT_EQ(rotated->record.rotated_at, store::truncateToMillis(now()));
  EXPECT_EQ(verdict(created.api_key), ApiKeyVerdict::kWrongSecret);
  EXPECT_EQ(verdict(rotated->api_key), ApiKeyVerdict::kValid);
}

TEST_P(ApiKeyServiceTest, RotateWithGraceKeepsBothKeysUntilThen) {
  CreatedApiKey created = create("svc");
  auto rotated = service().rotate(created.record.key_id, std::chrono::seconds(300));
  ASSERT_OK(rotated);
  ASSERT_TRUE(rotated->old_key_valid_until.has_value());
  EXPECT_EQ(*rotated->old_key_valid_until, store::truncateToMillis(now()) + 300s);
  EXPECT_EQ(verdict(created.api_key), ApiKeyVerdict::kValid);
  EXPECT_EQ(verdict(rotated->api_key), ApiKeyVerdict::kValid);
  clock_.advance(299s);
  EXPECT_EQ(verdict(created.api_key), ApiKeyVerdict::kValid);
  clock_.advance(1s);
  EXPECT_EQ(verdict(created.api_key), ApiKeyVerdict::kWrongSecret);
  EXPECT_EQ(verdict(rotated->api_key), ApiKeyVerdict::kValid);
}

TEST_P(ApiKeyServiceTest, RotateUsesTheConfiguredDefaultGrace) {
  ApiKeyService svc(store().apiKeys(), clock_,
                    options([](auto& o) { o.default_rotation_grace = 60s; }));
  CreatedApiKey created = create("svc");
  auto rotated = svc.rotate(created.record.key_id, std::nullopt);
  ASSERT_OK(rotated);
  EXPECT_EQ(rotated->old_key_valid_until, store::truncateToMillis(now()) + 60s);
  EXPECT_EQ(verdict(svc, created.api_key), ApiKeyVerdict::kValid);
  auto immediate = service().rotate(created.record.key_id, std::nullopt);  // default 0
  ASSERT_OK(immediate);
  EXPECT_FALSE(immediate->old_key_valid_until.has_value());
}

TEST_P(ApiKeyServiceTest, RotateErrors) {
  CreatedApiKey created = create("svc");
  auto bad = service().rotate(created.record.key_id, std::chrono::seconds(604801));
  EXPECT_CODE(bad, StatusCode::kValidation);
  ASSERT_FALSE(bad.status().fieldErrors().empty());
  EXPECT_EQ(bad.status().fieldErrors()[0].field, "grace_seconds");
  EXPECT_CODE(service().rotate(created.record.key_id, std::chrono::seconds(-1)),
              StatusCode::kValidation);
  EXPECT_OK(service().rotate(created.record.key_id, std::chrono::seconds(604800)));
  auto missing = service().rotate("zzzzzzzzzzzz", std::nullopt);
  EXPECT_CODE(missing, StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "API key zzzzzzzzzzzz not found");
  ASSERT_OK(service().revoke(created.record.key_id));
  EXPECT_CODE(service().rotate(created.record.key_id, std::nullopt),
              StatusCode::kFailedPrecondition);
}

TEST_P(ApiKeyServiceTest, ListPagesWithCursorAndHidesRevokedUnlessAsked) {
  std::vector<std::string> all;
  for (int i = 0; i < 5; ++i) {
    clock_.advance(1s);
    all.push_back(create("svc-" + std::to_string(i)).record.key_id);
  }
  ASSERT_OK(service().revoke(all[1]));
  auto collect = [&](bool include_revoked) {
    std::vector<std::string> seen;
    store::PageRequest page{"", 2};
    for (int guard = 0; guard < 10; ++guard) {
      auto p = service().list(include_revoked, page);
      EXPECT_TRUE(p.isOk()) << p.status().toString();
      if (!p.isOk())
        break;
      EXPECT_LE(p->items.size(), 2u);
      for (const auto& k : p->items)
        seen.push_back(k.key_id);
      if (!p->next_cursor)
        break;
      page.cursor = *p->next_cursor;
    }
    return seen;
  };
  EXPECT_EQ(collect(true), all);
  std::vector<std::string> active = all;
  active.erase(active.begin() + 1);
  EXPECT_EQ(collect(false), active);
  EXPECT_EQ(*service().count(true), 5);
  EXPECT_EQ(*service().count(false), 4);
  EXPECT_CODE(service().list(false, {"not-a-cursor", 2}), StatusCode::kInvalidArgument);
}

TEST_P(ApiKeyServiceTest, LastUsedIsBatchedAndNeverMovesBackwards) {
  CreatedApiKey created = create("svc");
  ASSERT_EQ(verdict(created.api_key), ApiKeyVerdict::kValid);
  const store::Timestamp first_use = store::truncateToMillis(now());
  EXPECT_FALSE(storedLastUsed(created.record.key_id).has_value());  // not before a flush
  ASSERT_OK(service().flushLastUsed());
  EXPECT_EQ(storedLastUsed(created.record.key_id), first_use);

  // A refused use is not a use.
  clock_.advance(5s);
  ASSERT_EQ(verdict(withOtherSecret(created.api_key)), ApiKeyVerdict::kWrongSecret);
  ASSERT_OK(service().flushLastUsed());
  EXPECT_EQ(storedLastUsed(created.record.key_id), first_use);

  // Another process noted an earlier use but flushes after this one's later use.
  std::unique_ptr<store::Store> other_store = openAgain();
  ASSERT_NE(other_store, nullptr);
  ApiKeyService other(other_store->apiKeys(), clock_, {});
  ASSERT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kValid);
  const store::Timestamp earlier = store::truncateToMillis(now());
  clock_.advance(5s);
  ASSERT_EQ(verdict(created.api_key), ApiKeyVerdict::kValid);
  const store::Timestamp later = store::truncateToMillis(now());
  ASSERT_OK(service().flushLastUsed());
  EXPECT_EQ(storedLastUsed(created.record.key_id), later);
  ASSERT_OK(other.flushLastUsed());
  EXPECT_EQ(storedLastUsed(created.record.key_id), later);
  EXPECT_LT(earlier, later);
}

TEST_P(ApiKeyServiceTest, StoppingTheServiceFlushesLastUsed) {
  CreatedApiKey created = create("svc");
  {
    ApiKeyService short_lived(store().apiKeys(), clock_, {});
    ASSERT_EQ(verdict(short_lived, created.api_key), ApiKeyVerdict::kValid);
    EXPECT_FALSE(storedLastUsed(created.record.key_id).has_value());
  }
  EXPECT_EQ(storedLastUsed(created.record.key_id), store::truncateToMillis(now()));
}

TEST_P(ApiKeyServiceTest, BackgroundFlushWritesLastUsedPeriodically) {
  CreatedApiKey created = create("svc");
  ApiKeyService svc(store().apiKeys(), clock_,
                    options([](auto& o) { o.last_used_flush_interval = 1s; }));
  svc.startBackgroundFlush();
  ASSERT_EQ(verdict(svc, created.api_key), ApiKeyVerdict::kValid);
  // Real time: the flusher is a real timer (1 s here); allow generous slack for slow machines.
  for (int i = 0; i < 100 && !storedLastUsed(created.record.key_id); ++i)
    std::this_thread::sleep_for(100ms);
  EXPECT_EQ(storedLastUsed(created.record.key_id), store::truncateToMillis(now()));
  svc.stop();
  svc.stop();  // idempotent
}

TEST_P(ApiKeyServiceTest, AnotherProcessSeesARevocationAfterTheCacheTtl) {
  CreatedApiKey created = create("svc");
  std::unique_ptr<store::Store> other_store = openAgain();
  ASSERT_NE(other_store, nullptr);
  ApiKeyService other(other_store->apiKeys(), clock_,
                      options([](auto& o) { o.record_cache_ttl = 2000ms; }));
  ASSERT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kValid);  // cached there
  ASSERT_OK(service().revoke(created.record.key_id));
  EXPECT_EQ(verdict(created.api_key), ApiKeyVerdict::kRevoked);
  EXPECT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kValid);  // stale within the TTL
  clock_.advance(1999ms);
  EXPECT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kValid);
  clock_.advance(1ms);
  EXPECT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kRevoked);
}

TEST_P(ApiKeyServiceTest, EvictMakesARevocationFromElsewhereVisibleAtOnce) {
  CreatedApiKey created = create("svc");
  std::unique_ptr<store::Store> other_store = openAgain();
  ASSERT_NE(other_store, nullptr);
  ApiKeyService other(other_store->apiKeys(), clock_, {});
  ASSERT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kValid);
  ASSERT_OK(service().revoke(created.record.key_id));
  other.evict(created.record.key_id);  // what a tars:revocations message triggers
  EXPECT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kRevoked);
}

TEST_P(ApiKeyServiceTest, AKeyRotatedElsewhereWorksAtOnce) {
  CreatedApiKey created = create("svc");
  std::unique_ptr<store::Store> other_store = openAgain();
  ASSERT_NE(other_store, nullptr);
  ApiKeyService other(other_store->apiKeys(), clock_, {});
  ASSERT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kValid);  // old record cached there
  auto rotated = service().rotate(created.record.key_id, std::chrono::seconds(0));
  ASSERT_OK(rotated);
  // The new secret does not match the cached record: re-read, accepted.
  EXPECT_EQ(verdict(other, rotated->api_key), ApiKeyVerdict::kValid);
  // That re-read refreshed the cache, so the old key is refused there now too.
  EXPECT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kWrongSecret);
}

TEST_P(ApiKeyServiceTest, AZeroTtlReadsTheStoreEveryTime) {
  CreatedApiKey created = create("svc");
  std::unique_ptr<store::Store> other_store = openAgain();
  ASSERT_NE(other_store, nullptr);
  ApiKeyService other(other_store->apiKeys(), clock_,
                      options([](auto& o) { o.record_cache_ttl = 0ms; }));
  ASSERT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kValid);
  ASSERT_OK(service().revoke(created.record.key_id));
  EXPECT_EQ(verdict(other, created.api_key), ApiKeyVerdict::kRevoked);
}

TEST_P(ApiKeyServiceTest, AStoreFailureIsAnErrorNeverAValidKey) {
  CreatedApiKey created = create("svc");
  ASSERT_OK(rawExec("ALTER TABLE api_keys RENAME TO api_keys_gone"));
  auto check = service().verify(created.api_key);
  EXPECT_FALSE(check.isOk());
  EXPECT_NE(check.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(service().create(request("x")).isOk());
  ASSERT_OK(rawExec("ALTER TABLE api_keys_gone RENAME TO api_keys"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiKeyServiceTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         test::backendName);

}  // namespace
}  // namespace tars::identity
