// KeyRingService against a real store (SQLite and PostgreSQL): several services on one database
// play the replicas of a scale-out deployment. Tokens are signed with jwt::sign and checked with
// jwt::TokenVerifier, so the tests see what a request would see.

#include "identity/keyring/key_ring_service.h"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/logger.h"
#include "identity/keyring/key_material_sealer.h"
#include "jwt/signer.h"
#include "jwt/verifier.h"
#include "store_fixture.h"

namespace tars::test {
namespace {

using identity::KeyRingService;
using identity::KeyRingServiceOptions;
using jwt::Algorithm;
using jwt::Outcome;

constexpr std::string_view kMaster = "integration master secret, 32 bytes or more";
constexpr std::string_view kOtherMaster = "a different master secret, also 32+ bytes";

// Log lines captured in memory, so tests can assert what was (and was not) written.
class CapturedLog {
 public:
  CapturedLog()
      : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_)),
        logger_(std::make_shared<spdlog::logger>("keyring-test", sink_), LogLevel::kInfo,
                LogFormat::kText) {}
  Logger& logger() { return logger_; }
  std::string text() {
    logger_.flush();
    std::lock_guard lock(mu_);
    return stream_.str();
  }
  int count(std::string_view needle) {
    const std::string all = text();
    int n = 0;
    for (std::size_t at = all.find(needle); at != std::string::npos;
         at = all.find(needle, at + 1)) {
      ++n;
    }
    return n;
  }

 private:
  std::mutex mu_;
  std::ostringstream stream_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
  Logger logger_;
};

class KeyRingServiceTest : public StoreSuite {
 protected:
  std::unique_ptr<KeyRingService> makeService(store::Store& s, KeyRingServiceOptions options = {},
                                              std::string_view master = kMaster) {
    auto sealer = identity::KeyMaterialSealer::Create(crypto::SecretBytes(master));
    EXPECT_TRUE(sealer.isOk()) << sealer.status().toString();
    return std::make_unique<KeyRingService>(s.signingKeys(), clock_, std::move(sealer).value(),
                                            options, log_.logger());
  }

  // A replica: its own Store on the same database, and a service over it.
  KeyRingService& replica(KeyRingServiceOptions options = {}, std::string_view master = kMaster) {
    stores_.push_back(openAgain());
    services_.push_back(makeService(*stores_.back(), options, master));
    return *services_.back();
  }

  // An access token signed by `key`, valid for `ttl` from now.
  std::string token(const jwt::SigningKey& key,
                    std::chrono::seconds ttl = std::chrono::hours(24 * 30)) {
    const auto iat =
        std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
    boost::json::object claims{{"iss", "tars-auth"},
                               {"aud", "tars"},
                               {"sub", "user-1"},
                               {"type", "access"},
                               {"jti", std::to_string(++jti_)},
                               {"iat", iat},
                               {"exp", iat + ttl.count()}};
    auto signed_token = jwt::sign(claims, key);
    EXPECT_TRUE(signed_token.isOk()) << signed_token.status().toString();
    return signed_token.isOk() ? *signed_token : std::string();
  }

  // What verifying `compact` against `keys` (tars' issuer) answers.
  Outcome verify(jwt::KeySource& keys, const std::string& compact) {
    jwt::VerifierOptions options;
    options.claims = {"tars-auth", "tars", std::chrono::seconds(30)};
    options.allowed_algorithms = {Algorithm::kHs256, Algorithm::kEs256, Algorithm::kRs256};
    jwt::TokenVerifier verifier(clock_, keys, options);
    auto result = verifier.verify(compact, jwt::TokenType::kAccess);
    return result.outcome();
  }

  std::vector<store::SigningKeyRecord> storedKeys() {
    auto keys = store().signingKeys().list();
    EXPECT_TRUE(keys.isOk()) << keys.status().toString();
    return keys.isOk() ? *keys : std::vector<store::SigningKeyRecord>{};
  }

  CapturedLog log_;
  std::vector<std::unique_ptr<store::Store>> stores_;
  std::vector<std::unique_ptr<KeyRingService>> services_;
  int jti_ = 0;
};

TEST_P(KeyRingServiceTest, FirstStartCreatesExactlyOneKey) {
  auto service = makeService(store());
  EXPECT_EQ(service->currentSigningKey(), nullptr) << "null before start()";
  EXPECT_EQ(service->currentKid(), "");
  ASSERT_OK(service->start());
  ASSERT_NE(service->currentSigningKey(), nullptr);

  auto stored = storedKeys();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].kid, service->currentKid());
  EXPECT_EQ(stored[0].algorithm, "HS256");
  EXPECT_EQ(stored[0].status, store::SigningKeyStatus::kCurrent);
  EXPECT_EQ(stored[0].created_at, store::truncateToMillis(now()));

  auto listed = service->list();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].kid, service->currentKid());
  EXPECT_EQ(listed[0].algorithm, "HS256");
  EXPECT_EQ(listed[0].status, "current");
  EXPECT_FALSE(listed[0].retired_at.has_value());
  EXPECT_FALSE(listed[0].verify_until.has_value());

  // A later start (a restart, another replica) reuses the key: still exactly one.
  KeyRingService& again = replica();
  ASSERT_OK(again.start());
  EXPECT_EQ(again.currentKid(), service->currentKid());
  EXPECT_EQ(storedKeys().size(), 1u);
  // And what one signs, the other verifies.
  EXPECT_EQ(verify(again, token(*service->currentSigningKey())), Outcome::kSuccess);
}

TEST_P(KeyRingServiceTest, ConcurrentFirstStartsEndWithOneSharedCurrentKey) {
  constexpr int kReplicas = 4;
  std::vector<KeyRingService*> services;
  for (int i = 0; i < kReplicas; ++i) {
    services.push_back(&replica());
  }
  std::vector<Status> results(kReplicas);
  std::vector<std::thread> threads;
  for (int i = 0; i < kReplicas; ++i) {
    threads.emplace_back([&, i] { results[i] = services[i]->start(); });
  }
  for (auto& t : threads) {
    t.join();
  }
  for (const Status& s : results) {
    EXPECT_TRUE(s.isOk()) << s.toString();
  }
  const std::string kid = services[0]->currentKid();
  ASSERT_FALSE(kid.empty());
  for (KeyRingService* s : services) {
    EXPECT_EQ(s->currentKid(), kid);
  }
  auto stored = storedKeys();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].kid, kid);
  // Every replica holds the same secret: a token from one verifies on all.
  const std::string t = token(*services[1]->currentSigningKey());
  for (KeyRingService* s : services) {
    EXPECT_EQ(verify(*s, t), Outcome::kSuccess);
  }
}

TEST_P(KeyRingServiceTest, RotationReachesOtherReplicasAndOldTokensVerifyUntilVerifyUntil) {
  KeyRingServiceOptions options;
  options.verify_for = std::chrono::hours(24 * 7) + std::chrono::seconds(30);
  KeyRingService& a = replica(options);
  KeyRingService& b = replica(options);
  ASSERT_OK(a.start());
  ASSERT_OK(b.start());
  const std::string old_kid = a.currentKid();
  const std::string old_token = token(*a.currentSigningKey());

  clock_.advance(std::chrono::minutes(1));
  auto rotation = a.rotate();
  ASSERT_OK(rotation);
  EXPECT_EQ(rotation->previous_kid, old_kid);
  EXPECT_EQ(rotation->algorithm, "HS256");
  EXPECT_EQ(rotation->created_at, store::truncateToMillis(now()));
  EXPECT_EQ(a.currentKid(), rotation->kid) << "the ring is updated before rotate() returns";

  // B has not reloaded: the new kid is a miss, which reloads B's ring from the store.
  const std::string new_token = token(*a.currentSigningKey());
  EXPECT_EQ(b.currentKid(), old_kid);
  EXPECT_EQ(verify(b, new_token), Outcome::kSuccess);
  EXPECT_EQ(b.currentKid(), rotation->kid);

  // The old key is verify-only until retired_at + verify_for.
  auto listed = a.list();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].kid, old_kid);
  EXPECT_EQ(listed[0].status, "verify_only");
  ASSERT_TRUE(listed[0].verify_until.has_value());
  EXPECT_EQ(*listed[0].verify_until, now() + options.verify_for);
  EXPECT_EQ(listed[1].status, "current");
  EXPECT_EQ(verify(a, old_token), Outcome::kSuccess);
  EXPECT_EQ(verify(b, old_token), Outcome::kSuccess);

  clock_.advance(options.verify_for - std::chrono::seconds(1));
  EXPECT_EQ(verify(a, old_token), Outcome::kSuccess);
  EXPECT_EQ(verify(b, old_token), Outcome::kSuccess);

  clock_.advance(std::chrono::seconds(1));
  EXPECT_EQ(verify(a, old_token), Outcome::kKeyIdNotFound);
  EXPECT_EQ(verify(b, old_token), Outcome::kKeyIdNotFound);
  EXPECT_EQ(verify(b, new_token), Outcome::kSuccess);

  // A reload deletes the expired key from the store and the ring.
  ASSERT_OK(b.reload());
  auto stored = storedKeys();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].kid, rotation->kid);
  EXPECT_EQ(b.list().size(), 1u);
  EXPECT_EQ(verify(b, old_token), Outcome::kKeyIdNotFound);
}

TEST_P(KeyRingServiceTest, UnknownKidReloadsAtMostOncePerMinInterval) {
  KeyRingServiceOptions options;
  options.miss_reload_min_interval = std::chrono::seconds(5);
  KeyRingService& a = replica(options);
  KeyRingService& b = replica(options);
  ASSERT_OK(a.start());
  ASSERT_OK(b.start());

  ASSERT_OK(a.rotate());
  EXPECT_EQ(verify(b, token(*a.currentSigningKey())), Outcome::kSuccess);  // reload #1

  ASSERT_OK(a.rotate());
  const std::string newest = token(*a.currentSigningKey());
  clock_.advance(std::chrono::seconds(4));
  EXPECT_EQ(verify(b, newest), Outcome::kKeyIdNotFound) << "within 5 s of the last miss reload";
  clock_.advance(std::chrono::seconds(1));
  EXPECT_EQ(verify(b, newest), Outcome::kSuccess);
  const std::uint64_t generation = b.generation();

  // A kid nobody has, within the interval: no reload (the generation is unchanged) and a miss.
  auto forged = jwt::SigningKey::Generate(Algorithm::kHs256, "key-20250101000000-deadbeef");
  ASSERT_OK(forged);
  EXPECT_EQ(verify(b, token(*forged)), Outcome::kKeyIdNotFound);
  EXPECT_EQ(b.generation(), generation);
}

TEST_P(KeyRingServiceTest, ConcurrentMissesForANewKidAllSucceed) {
  KeyRingService& a = replica();
  KeyRingService& b = replica();
  ASSERT_OK(a.start());
  ASSERT_OK(b.start());
  ASSERT_OK(a.rotate());
  const std::string fresh = token(*a.currentSigningKey());
  // One thread reloads; the others wait for it and find the key without a second reload (the
  // min interval would refuse one).
  constexpr int kThreads = 8;
  std::vector<Outcome> outcomes(kThreads, Outcome::kInternalError);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] { outcomes[i] = verify(b, fresh); });
  }
  for (auto& t : threads) {
    t.join();
  }
  for (Outcome o : outcomes) {
    EXPECT_EQ(o, Outcome::kSuccess) << jwt::outcomeName(o);
  }
}

TEST_P(KeyRingServiceTest, ReloadWithoutChangesKeepsTheGeneration) {
  KeyRingService& a = replica();
  KeyRingService& b = replica();
  ASSERT_OK(a.start());
  ASSERT_OK(b.start());
  ASSERT_OK(a.reload());  // the first reload may normalise times to the store's milliseconds
  const std::uint64_t generation = a.generation();
  ASSERT_OK(a.reload());
  ASSERT_OK(a.reload());
  EXPECT_EQ(a.generation(), generation) << "verified-token caches survive periodic reloads";
  clock_.advance(std::chrono::seconds(1));
  ASSERT_OK(b.rotate());
  ASSERT_OK(a.reload());
  EXPECT_NE(a.generation(), generation);
  EXPECT_EQ(a.currentKid(), b.currentKid());
}

TEST_P(KeyRingServiceTest, RevokeFailsAtOnceLocallyAndAfterReloadElsewhere) {
  KeyRingService& a = replica();
  KeyRingService& b = replica();
  ASSERT_OK(a.start());
  ASSERT_OK(b.start());
  const std::string k1 = a.currentKid();
  const std::string k1_token = token(*a.currentSigningKey());

  // The current key cannot be revoked.
  const Status current = a.revoke(k1);
  EXPECT_EQ(current.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(current.message(), "Cannot revoke the current signing key; rotate first");
  EXPECT_CODE(a.revoke("key-20250101000000-00000000"), StatusCode::kNotFound);

  clock_.advance(std::chrono::seconds(1));  // distinct created_at: list() order is by it
  auto k2 = a.rotate();
  ASSERT_OK(k2);
  ASSERT_OK(a.revoke(k1));
  EXPECT_EQ(verify(a, k1_token), Outcome::kKeyIdNotFound) << "at once, on the revoking replica";
  ASSERT_OK(a.revoke(k1));  // idempotent
  EXPECT_EQ(a.list()[0].status, "revoked");

  // B still has its stale ring (k1 current) until it reloads.
  EXPECT_EQ(verify(b, k1_token), Outcome::kSuccess);
  ASSERT_OK(b.reload());
  EXPECT_EQ(verify(b, k1_token), Outcome::kKeyIdNotFound);
  EXPECT_EQ(b.currentKid(), k2->kid);
  // A revoked kid is known: it never triggers a reload.
  const std::uint64_t generation = b.generation();
  clock_.advance(std::chrono::minutes(1));
  EXPECT_EQ(verify(b, k1_token), Outcome::kKeyIdNotFound);
  EXPECT_EQ(b.generation(), generation);
  // JWKS and GET /auth/keys keep showing the revoked key as revoked.
  EXPECT_EQ(storedKeys()[0].status, store::SigningKeyStatus::kRevoked);
}

TEST_P(KeyRingServiceTest, StaleReplicaFollowsTheStoreOnRevokeAndRotate) {
  KeyRingService& a = replica();
  KeyRingService& b = replica();
  ASSERT_OK(a.start());
  ASSERT_OK(b.start());
  const std::string k1 = a.currentKid();
  // Distinct created_at: list() order is by it.
  clock_.advance(std::chrono::seconds(1));
  auto k2 = a.rotate();
  ASSERT_OK(k2);
  clock_.advance(std::chrono::seconds(1));
  auto k3 = a.rotate();
  ASSERT_OK(k3);

  // B believes k1 is current; the store says k3. Revoking k3 is refused, k2 (unknown to B) and
  // k1 (B thinks current) are revoked, and B's ring follows the store.
  EXPECT_EQ(b.revoke(k3->kid).code(), StatusCode::kFailedPrecondition);
  ASSERT_OK(b.revoke(k2->kid));
  ASSERT_OK(b.revoke(k1));
  EXPECT_EQ(b.currentKid(), k3->kid);
  auto listed = b.list();
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].status, "revoked");
  EXPECT_EQ(listed[1].status, "revoked");
  EXPECT_EQ(listed[2].status, "current");

  // A rotation from a stale replica loses the compare-and-set once, reloads and succeeds.
  auto k4 = a.rotate();
  ASSERT_OK(k4);
  auto k5 = b.rotate();
  ASSERT_OK(k5);
  EXPECT_EQ(k5->previous_kid, k4->kid);
  EXPECT_EQ(b.currentKid(), k5->kid);
  int current = 0;
  for (const auto& k : storedKeys()) {
    current += k.status == store::SigningKeyStatus::kCurrent ? 1 : 0;
  }
  EXPECT_EQ(current, 1);
}

TEST_P(KeyRingServiceTest, StoredMaterialIsSealedNotPlaintext) {
  // One database, three algorithms: the setting affects only keys created afterwards.
  auto hs = makeService(store());
  ASSERT_OK(hs->start());
  KeyRingServiceOptions es_options;
  es_options.algorithm = Algorithm::kEs256;
  KeyRingService& es = replica(es_options);
  ASSERT_OK(es.start());
  EXPECT_EQ(es.currentSigningKey()->algorithm(), Algorithm::kHs256) << "existing key kept";
  clock_.advance(std::chrono::seconds(1));
  ASSERT_OK(es.rotate());
  KeyRingServiceOptions rs_options;
  rs_options.algorithm = Algorithm::kRs256;
  KeyRingService& rs = replica(rs_options);
  ASSERT_OK(rs.start());
  clock_.advance(std::chrono::seconds(1));
  ASSERT_OK(rs.rotate());

  std::map<std::string, std::string> plaintext;  // kid → private material
  for (const auto& entry : rs.ring().entries()) {
    auto material = entry.key->privateMaterial();
    ASSERT_OK(material);
    plaintext[entry.key->kid()] = std::string(material->view());
  }
  ASSERT_EQ(plaintext.size(), 3u);

  auto rows =
      rawQuery("SELECT kid, algorithm, key_material FROM signing_keys ORDER BY created_at, kid");
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 3u);
  std::vector<std::string> algorithms;
  for (const auto& row : *rows) {
    const std::string kid = row.text(0);
    const std::string sealed = row.blob(2);
    algorithms.push_back(row.text(1));
    SCOPED_TRACE(kid);
    const std::string& secret = plaintext.at(kid);
    EXPECT_EQ(sealed.size(), 1 + 12 + secret.size() + 16) << "version || nonce || ct || tag";
    EXPECT_EQ(sealed[0], identity::KeyMaterialSealer::kFormatV1);
    EXPECT_EQ(sealed.find(secret), std::string::npos);
    EXPECT_EQ(sealed.find("PRIVATE KEY"), std::string::npos);
    // No 16-byte window of the plaintext appears either.
    for (std::size_t at = 0; at + 16 <= secret.size(); at += 16) {
      ASSERT_EQ(sealed.find(secret.substr(at, 16)), std::string::npos) << "offset " << at;
    }
  }
  EXPECT_EQ(algorithms, (std::vector<std::string>{"HS256", "ES256", "RS256"}));
  // Every replica still signs and verifies across algorithms.
  EXPECT_EQ(verify(*hs, token(*rs.currentSigningKey())), Outcome::kSuccess);
}

TEST_P(KeyRingServiceTest, WrongMasterSecretFailsStartWithoutNamingIt) {
  KeyRingService& a = replica();
  ASSERT_OK(a.start());
  KeyRingService& b = replica({}, kOtherMaster);
  const Status started = b.start();
  EXPECT_EQ(started.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(started.message(),
            "auth.jwt.secret does not decrypt the signing keys in the store (was it changed?)");
  EXPECT_EQ(b.currentSigningKey(), nullptr);
  EXPECT_EQ(storedKeys().size(), 1u) << "a failed start writes nothing";
  const std::string logs = log_.text();
  EXPECT_EQ(logs.find(kMaster), std::string::npos);
  EXPECT_EQ(logs.find(kOtherMaster), std::string::npos);
}

TEST_P(KeyRingServiceTest, FailedReloadKeepsTheRingAndIsLoggedRateLimited) {
  KeyRingServiceOptions options;
  options.reload_interval = std::chrono::seconds(1);
  KeyRingService& a = replica(options);
  ASSERT_OK(a.start());
  const std::string kid = a.currentKid();
  const std::string t = token(*a.currentSigningKey());

  // A row this secret cannot open (as if written by a replica with another secret).
  KeyRingService& stranger = replica({}, kOtherMaster);
  (void)stranger;
  auto other_sealer = identity::KeyMaterialSealer::Create(crypto::SecretBytes(kOtherMaster));
  ASSERT_OK(other_sealer);
  store::SigningKeyRecord foreign;
  foreign.kid = "key-20250101000000-0f0f0f0f";
  foreign.algorithm = "HS256";
  auto sealed = other_sealer->seal(foreign.kid, "HS256", crypto::SecretBytes(std::string(32, 'z')));
  ASSERT_OK(sealed);
  foreign.key_material = *sealed;
  foreign.created_at = store::truncateToMillis(now());
  ASSERT_OK(store().signingKeys().rotate(foreign, kid, now(), now() + std::chrono::hours(1)));

  const Status reloaded = a.reload();
  EXPECT_EQ(reloaded.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(a.currentKid(), kid) << "the loaded ring is kept";
  EXPECT_EQ(verify(a, t), Outcome::kSuccess);

  // The background thread fails every second; the FakeClock does not move, so only the first
  // failure is logged.
  a.startBackgroundReload();
  std::this_thread::sleep_for(std::chrono::milliseconds(2600));
  a.stop();
  EXPECT_EQ(log_.count("signing-key ring reload failed"), 1) << log_.text();
  EXPECT_EQ(a.currentKid(), kid);
}

TEST_P(KeyRingServiceTest, BackgroundReloadPicksUpARotationElsewhere) {
  KeyRingServiceOptions options;
  options.reload_interval = std::chrono::seconds(1);
  KeyRingService& a = replica(options);
  KeyRingService& b = replica(options);
  ASSERT_OK(a.start());
  ASSERT_OK(b.start());
  b.startBackgroundReload();
  b.startBackgroundReload();  // idempotent
  auto rotation = a.rotate();
  ASSERT_OK(rotation);
  bool seen = false;
  for (int i = 0; i < 200 && !seen; ++i) {  // up to 10 s of real time
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    seen = b.currentKid() == rotation->kid;
  }
  EXPECT_TRUE(seen) << "B never picked up the rotation";
  b.stop();
  b.stop();  // idempotent; the destructor stops too
}

void expectPublicOnly(const boost::json::object& jwk, std::initializer_list<const char*> fields) {
  for (const char* f : fields) {
    EXPECT_TRUE(jwk.contains(f)) << f;
  }
  for (const char* priv : {"d", "p", "q", "dp", "dq", "qi", "k", "oth"}) {
    EXPECT_FALSE(jwk.contains(priv)) << priv;
  }
}

TEST_P(KeyRingServiceTest, Es256RingServesPublicJwks) {
  KeyRingServiceOptions options;
  options.algorithm = Algorithm::kEs256;
  KeyRingService& a = replica(options);
  ASSERT_OK(a.start());
  auto first = boost::json::parse(a.jwksJson()).as_object();
  ASSERT_EQ(first.at("keys").as_array().size(), 1u);
  const auto& jwk = first.at("keys").as_array()[0].as_object();
  expectPublicOnly(jwk, {"kty", "crv", "x", "y", "kid", "alg", "use"});
  EXPECT_EQ(jwk.at("kty"), "EC");
  EXPECT_EQ(jwk.at("crv"), "P-256");
  EXPECT_EQ(jwk.at("alg"), "ES256");
  EXPECT_EQ(jwk.at("use"), "sig");
  EXPECT_EQ(jwk.at("kid").as_string(), a.currentKid());

  // Another replica decrypts the private key and verifies what A signs.
  KeyRingService& b = replica(options);
  ASSERT_OK(b.start());
  EXPECT_EQ(verify(b, token(*a.currentSigningKey())), Outcome::kSuccess);
  EXPECT_EQ(b.jwksJson(), a.jwksJson());

  const std::string old_kid = a.currentKid();
  ASSERT_OK(a.rotate());
  EXPECT_EQ(boost::json::parse(a.jwksJson()).at("keys").as_array().size(), 2u);
  ASSERT_OK(a.revoke(old_kid));
  const auto after = boost::json::parse(a.jwksJson()).at("keys").as_array();
  ASSERT_EQ(after.size(), 1u) << "a revoked key is not published";
  EXPECT_EQ(after[0].at("kid").as_string(), a.currentKid());
}

TEST_P(KeyRingServiceTest, Rs256RingServesPublicJwks) {
  KeyRingServiceOptions options;
  options.algorithm = Algorithm::kRs256;
  KeyRingService& a = replica(options);
  ASSERT_OK(a.start());
  auto doc = boost::json::parse(a.jwksJson()).as_object();
  ASSERT_EQ(doc.at("keys").as_array().size(), 1u);
  const auto& jwk = doc.at("keys").as_array()[0].as_object();
  expectPublicOnly(jwk, {"kty", "n", "e", "kid", "alg", "use"});
  EXPECT_EQ(jwk.at("kty"), "RSA");
  EXPECT_EQ(jwk.at("alg"), "RS256");
  EXPECT_EQ(jwk.at("kid").as_string(), a.currentKid());
  KeyRingService& b = replica(options);
  ASSERT_OK(b.start());
  EXPECT_EQ(verify(b, token(*a.currentSigningKey())), Outcome::kSuccess);
}

TEST_P(KeyRingServiceTest, Hs256RingPublishesNothing) {
  KeyRingService& a = replica();
  ASSERT_OK(a.start());
  EXPECT_EQ(boost::json::parse(a.jwksJson()), boost::json::parse(R"({"keys":[]})"));
}

TEST_P(KeyRingServiceTest, UnsupportedAlgorithmForNewKeysIsRefused) {
  KeyRingServiceOptions options;
  options.algorithm = Algorithm::kHs512;
  KeyRingService& a = replica(options);
  EXPECT_CODE(a.start(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(storedKeys().empty());
}

TEST_P(KeyRingServiceTest, RotateBeforeStartIsRefused) {
  KeyRingService& a = replica();
  EXPECT_CODE(a.rotate(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(storedKeys().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, KeyRingServiceTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), backendName);

}  // namespace
}  // namespace tars::test
