#include "jwt/jwks_cache.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "jwt/jwt_test_util.h"
#include "test_util/fake_clock.h"

namespace tars::jwt {
namespace {

using std::chrono::seconds;
using test::FakeJwksFetcher;
using test::makeKey;

std::string documentWith(std::initializer_list<const SigningKey*> keys) {
  boost::json::array list;
  for (const SigningKey* key : keys) {
    list.push_back(*key->verificationKey()->publicJwk());
  }
  return boost::json::serialize(boost::json::object{{"keys", list}});
}

class JwksCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    JwksCacheOptions options;
    options.url = "https://idp.example.com/.well-known/jwks.json";
    auto cache = JwksCache::Create(options, fetcher_, clock_);
    ASSERT_TRUE(cache.isOk());
    cache_ = std::move(cache).value();
  }

  Outcome find(const std::string& kid, Algorithm alg = Algorithm::kRs256) {
    return cache_->findKey(kid, alg).outcome();
  }

  tars::test::FakeClock clock_;
  FakeJwksFetcher fetcher_;
  std::unique_ptr<JwksCache> cache_;
  const SigningKey k1_ = makeKey(Algorithm::kRs256, "k1");
  const SigningKey k2_ = makeKey(Algorithm::kEs256, "k2");
};

TEST_F(JwksCacheTest, CreateValidatesOptions) {
  JwksCacheOptions options;
  EXPECT_FALSE(JwksCache::Create(options, fetcher_, clock_).isOk());
  options.url = "https://x/";
  options.ttl = seconds(0);
  EXPECT_FALSE(JwksCache::Create(options, fetcher_, clock_).isOk());
}

TEST_F(JwksCacheTest, FetchesOnFirstUseAndCachesForTheTtl) {
  fetcher_.serve(documentWith({&k1_}));
  EXPECT_EQ(fetcher_.calls(), 0);  // nothing fetched at creation
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  EXPECT_EQ(fetcher_.calls(), 1);
  EXPECT_EQ(fetcher_.lastUrl(), "https://idp.example.com/.well-known/jwks.json");
  clock_.advance(seconds(599));
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  EXPECT_EQ(fetcher_.calls(), 1);
  clock_.advance(seconds(1));
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  EXPECT_EQ(fetcher_.calls(), 2);
}

TEST_F(JwksCacheTest, UnknownKidRefetchesAtMostOncePer30Seconds) {
  fetcher_.serve(documentWith({&k1_}));
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  clock_.advance(seconds(29));
  EXPECT_EQ(find("k2", Algorithm::kEs256), Outcome::kKeyIdNotFound);
  EXPECT_EQ(fetcher_.calls(), 1);  // within 30 s of the last fetch
  clock_.advance(seconds(1));
  fetcher_.serve(documentWith({&k1_, &k2_}));  // the provider rotated
  EXPECT_EQ(find("k2", Algorithm::kEs256), Outcome::kSuccess);
  EXPECT_EQ(fetcher_.calls(), 2);
  // A flood of unknown kids costs one fetch per 30 s.
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(find("unknown-" + std::to_string(i)), Outcome::kKeyIdNotFound);
    clock_.advance(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(fetcher_.calls(), 2);
  clock_.advance(seconds(30));
  EXPECT_EQ(find("still-unknown"), Outcome::kKeyIdNotFound);
  EXPECT_EQ(fetcher_.calls(), 3);
}

TEST_F(JwksCacheTest, FailsClosedWithoutEverHavingASet) {
  fetcher_.fail();
  EXPECT_EQ(find("k1"), Outcome::kJwksFetchFailed);
  EXPECT_EQ(fetcher_.calls(), 1);
  EXPECT_FALSE(cache_->hasUsableSet());
  // Back-off: no new attempt within 5 s of a failure.
  clock_.advance(seconds(4));
  EXPECT_EQ(find("k1"), Outcome::kJwksFetchFailed);
  EXPECT_EQ(fetcher_.calls(), 1);
  clock_.advance(seconds(1));
  fetcher_.serve(documentWith({&k1_}));
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  EXPECT_EQ(fetcher_.calls(), 2);
}

TEST_F(JwksCacheTest, UnparseableDocumentWithoutASetIsJwkParseError) {
  fetcher_.serve("<html>gateway error</html>");
  EXPECT_EQ(find("k1"), Outcome::kJwkParseError);
  fetcher_.serve(R"({"no_keys":[]})");
  clock_.advance(seconds(5));
  EXPECT_EQ(find("k1"), Outcome::kJwkParseError);
}

TEST_F(JwksCacheTest, StaleIfErrorForAtMost24HoursPastTheTtl) {
  fetcher_.serve(documentWith({&k1_}));
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  fetcher_.fail();
  clock_.advance(seconds(600));  // TTL over: refetch fails, the old set still serves
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  EXPECT_EQ(fetcher_.calls(), 2);
  clock_.advance(std::chrono::hours(24) - seconds(1));
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  EXPECT_TRUE(cache_->hasUsableSet());
  clock_.advance(seconds(1));  // ttl + 24 h reached
  EXPECT_EQ(find("k1"), Outcome::kJwksFetchFailed);
  EXPECT_FALSE(cache_->hasUsableSet());
  // Recovery.
  clock_.advance(seconds(5));
  fetcher_.serve(documentWith({&k1_}));
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
}

TEST_F(JwksCacheTest, BadDocumentKeepsTheLastGoodSet) {
  fetcher_.serve(documentWith({&k1_}));
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  fetcher_.serve("not json");
  clock_.advance(seconds(601));
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  EXPECT_EQ(fetcher_.calls(), 2);
}

TEST_F(JwksCacheTest, GenerationChangesWhenTheSetIsReplaced) {
  fetcher_.serve(documentWith({&k1_}));
  const auto g0 = cache_->generation();
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  const auto g1 = cache_->generation();
  EXPECT_NE(g0, g1);
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  EXPECT_EQ(cache_->generation(), g1);
  clock_.advance(seconds(600));
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  EXPECT_NE(cache_->generation(), g1);
}

TEST_F(JwksCacheTest, RefreshForWarmUp) {
  fetcher_.fail();
  EXPECT_EQ(cache_->refresh().code(), StatusCode::kUnavailable);
  clock_.advance(seconds(5));
  fetcher_.serve(documentWith({&k1_}));
  EXPECT_TRUE(cache_->refresh().isOk());
  EXPECT_EQ(find("k1"), Outcome::kSuccess);
  EXPECT_EQ(fetcher_.calls(), 2);
}

TEST_F(JwksCacheTest, BrokenKeyForAKidIsJwkParseError) {
  auto jwk = *k1_.verificationKey()->publicJwk();
  jwk["n"] = "AQAB";  // far too small
  fetcher_.serve(boost::json::serialize(boost::json::object{{"keys", boost::json::array{jwk}}}));
  EXPECT_EQ(find("k1"), Outcome::kJwkParseError);
}

}  // namespace
}  // namespace tars::jwt
