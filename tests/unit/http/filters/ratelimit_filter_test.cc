// The rate-limit step of the chain (tars.md §4.1–§4.3) over the real memory token bucket with a
// FakeClock; a StrictMock limiter where a test needs the limiter to fail or not to be asked.
#include "http/filters/ratelimit/ratelimit_filter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "http/filters/auth/authz_filter.h"
#include "http/filters/ratelimit/login_user_limit.h"
#include "http/filters/ratelimit/ratelimit_keys.h"
#include "http/server/raw_request.h"
#include "identity/authn/auth_metrics.h"
#include "metrics/registry.h"
#include "ratelimit/memory_token_bucket.h"
#include "test_util/fake_clock.h"

namespace tars::http::filters {
namespace {

using ratelimit::ClassId;
using ratelimit::RateClass;
using ::testing::_;
using ::testing::Return;
using ::testing::StrictMock;

class MockLimiter : public ratelimit::Limiter {
 public:
  MOCK_METHOD(StatusOr<ratelimit::Decision>, decide,
              (std::string_view key, const RateClass& rate_class), (override));
};

// Small limits so that tests reach them: public 3, default 5, internal 7, sensitive 2, auth 4,
// login_user 2 (all per 60 s).
ratelimit::PolicyConstSharedPtr smallPolicy() {
  auto policy = ratelimit::Policy::Create({{ClassId::kPublic, 3, 60},
                                           {ClassId::kDefault, 5, 60},
                                           {ClassId::kInternal, 7, 60},
                                           {ClassId::kSensitive, 2, 60},
                                           {ClassId::kAuth, 4, 60},
                                           {ClassId::kLoginUser, 2, 60}});
  EXPECT_TRUE(policy.isOk()) << policy.status().toString();
  return *policy;
}

RouteSpec routeWith(std::string rate_class, AccessRule access = AccessRule::role(Role::kViewer)) {
  RouteSpec r;
  r.method = Method::kGet;
  r.path = "/api/v1/thing";
  r.access = std::move(access);
  r.rate_class = std::move(rate_class);
  return r;
}

identity::PrincipalConstSharedPtr principal(identity::PrincipalType type, std::string id) {
  auto p = std::make_shared<identity::Principal>();
  p->type = type;
  p->id = std::move(id);
  return p;
}

// One request: its Beast message, view and context.
struct Call {
  BeastRequest msg;
  RawRequest raw;
  std::optional<Request> req;
  RequestContext ctx;

  Call(const RouteSpec& route, std::string peer,
       std::vector<std::pair<std::string, std::string>> headers = {}) {
    msg.method(boost::beast::http::verb::get);
    msg.target(route.path);
    for (auto& [k, v] : headers)
      msg.insert(k, v);  // insert, not set: repeated lines stay separate
    raw.message = &msg;
    req.emplace(&raw, Method::kGet, "GET", std::string_view(msg.target()));
    ctx.route = &route;
    ctx.remote_address = std::move(peer);
    ctx.request_id = "req-1";
  }
};

class RateLimitFilterTest : public ::testing::Test {
 protected:
  RateLimitFilter make(std::vector<std::string> trusted = {}) {
    RateLimitFilterConfig config;
    config.policy = policy_;
    config.trusted_proxies = std::move(ratelimit::TrustedProxies::Create(trusted)).value();
    config.limiter = memory_.get();
    return RateLimitFilter(std::move(config));
  }

  // Runs the filter's two steps; the handler's response is a plain 200.
  Response run(RateLimitFilter& filter, Call& call) {
    FilterResult answered = filter.onRequestHeaders(*call.req, call.ctx);
    Response response = answered ? std::move(*answered) : Response::json(200, "{}");
    filter.onResponse(*call.req, call.ctx, response);
    return response;
  }

  static std::string header(const Response& r, std::string_view name) {
    const std::string* v = r.findHeader(name);
    return v == nullptr ? "<none>" : *v;
  }

  test::FakeClock clock_;
  ratelimit::PolicyConstSharedPtr policy_ = smallPolicy();
  std::unique_ptr<ratelimit::MemoryTokenBucket> memory_ =
      std::move(ratelimit::MemoryTokenBucket::Create({}, clock_, nullptr)).value();
};

TEST_F(RateLimitFilterTest, AnonymousCallerIsChargedToPublicByAddressWithExactHeaders) {
  RouteSpec route = routeWith("auto", AccessRule::publicAccess());
  RateLimitFilter filter = make();
  const int64_t now = 1'700'000'000;
  for (int i = 0; i < 3; ++i) {
    Call call(route, "192.0.2.1");
    Response r = run(filter, call);
    ASSERT_EQ(r.status, 200) << i;
    EXPECT_EQ(header(r, "X-RateLimit-Limit"), "3");
    EXPECT_EQ(header(r, "X-RateLimit-Remaining"), std::to_string(2 - i));
    EXPECT_EQ(header(r, "X-RateLimit-Reset"), std::to_string(now + 20 * (i + 1)));
  }
  Call refused(route, "192.0.2.1");
  Response r = run(filter, refused);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(header(r, "Retry-After"), "20");
  EXPECT_EQ(header(r, "X-RateLimit-Limit"), "3");  // the 429 carries the route's own values
  EXPECT_EQ(header(r, "X-RateLimit-Remaining"), "0");
  auto body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("retry_after").as_int64(), 20);
  EXPECT_EQ(body.at("type").as_string(), "urn:tars:problem:rate-limited");
  EXPECT_EQ(body.at("detail").as_string(), "Rate limit exceeded. Retry after 20 seconds");

  Call other(route, "192.0.2.2");  // another address has its own quota
  EXPECT_EQ(run(filter, other).status, 200);

  // Refusals took nothing: after one refill interval exactly one request passes again.
  clock_.advance(std::chrono::seconds(20));
  Call again(route, "192.0.2.1");
  EXPECT_EQ(run(filter, again).status, 200);
  Call again2(route, "192.0.2.1");
  EXPECT_EQ(run(filter, again2).status, 429);
}

TEST_F(RateLimitFilterTest, AuthenticatedUsersAreKeyedByIdNotAddress) {
  RouteSpec route = routeWith("auto");
  RateLimitFilter filter = make();
  auto alice = principal(identity::PrincipalType::kUser, "u-alice");
  for (int i = 0; i < 5; ++i) {
    Call call(route, "192.0.2." + std::to_string(i + 1));  // a new address each time
    call.ctx.principal = alice;
    Response r = run(filter, call);
    ASSERT_EQ(r.status, 200) << i;
    EXPECT_EQ(header(r, "X-RateLimit-Limit"), "5");  // default class
  }
  Call sixth(route, "198.51.100.9");
  sixth.ctx.principal = alice;
  EXPECT_EQ(run(filter, sixth).status, 429);
  Call bob(route, "198.51.100.9");  // same address, another user
  bob.ctx.principal = principal(identity::PrincipalType::kUser, "u-bob");
  EXPECT_EQ(run(filter, bob).status, 200);
}

TEST_F(RateLimitFilterTest, ServiceKeysAndClientsUseInternalAndSensitiveRoutesTheirClass) {
  RouteSpec any = routeWith("auto");
  RouteSpec sensitive = routeWith("sensitive");
  RateLimitFilter filter = make();
  Call key_call(any, "192.0.2.1");
  key_call.ctx.principal = principal(identity::PrincipalType::kService, "k1");
  EXPECT_EQ(header(run(filter, key_call), "X-RateLimit-Limit"), "7");
  Call client_call(any, "192.0.2.1");
  client_call.ctx.principal = principal(identity::PrincipalType::kClient, "k2");
  EXPECT_EQ(header(run(filter, client_call), "X-RateLimit-Limit"), "7");

  auto admin = principal(identity::PrincipalType::kUser, "u-admin");
  for (int i = 0; i < 2; ++i) {
    Call call(sensitive, "192.0.2.1");
    call.ctx.principal = admin;
    Response r = run(filter, call);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(header(r, "X-RateLimit-Limit"), "2");
  }
  Call third(sensitive, "192.0.2.1");
  third.ctx.principal = admin;
  EXPECT_EQ(run(filter, third).status, 429);
  Call ordinary(any, "192.0.2.1");  // the sensitive quota is not the default one
  ordinary.ctx.principal = admin;
  EXPECT_EQ(run(filter, ordinary).status, 200);
}

TEST_F(RateLimitFilterTest, FailedCredentialsAreChargedToPublicBeforeThe401) {
  RouteSpec route = routeWith("auto");
  RateLimitFilter filter = make();
  for (int i = 0; i < 3; ++i) {
    Call call(route, "192.0.2.1");
    call.ctx.deferred_refusal = Response::json(401, R"({"status":401})");
    Response r = run(filter, call);
    EXPECT_EQ(r.status, 401) << i;
    EXPECT_EQ(header(r, "X-RateLimit-Limit"), "3");
    EXPECT_EQ(header(r, "X-RateLimit-Remaining"), std::to_string(2 - i));
    EXPECT_FALSE(call.ctx.deferred_refusal.has_value());
  }
  Call guessing(route, "192.0.2.1");
  guessing.ctx.deferred_refusal = Response::json(401, R"({"status":401})");
  EXPECT_EQ(run(filter, guessing).status, 429);  // token guessing is limited like anything else
  EXPECT_FALSE(guessing.ctx.deferred_refusal.has_value());
}

TEST_F(RateLimitFilterTest, ExemptRoutesAreNeverAskedAndGetNoHeaders) {
  RouteSpec probes = routeWith("exempt", AccessRule::of(AccessRule::Kind::kMetrics));
  StrictMock<MockLimiter> limiter;  // any decide() call fails the test
  RateLimitFilterConfig config;
  config.policy = policy_;
  config.limiter = &limiter;
  RateLimitFilter filter(std::move(config));
  Call call(probes, "192.0.2.1");
  Response r = run(filter, call);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.findHeader("X-RateLimit-Limit"), nullptr);
  Call refused(probes, "192.0.2.1");
  refused.ctx.deferred_refusal = Response::json(401, "{}");
  EXPECT_EQ(run(filter, refused).status, 401);  // the pending 401 still goes out
}

TEST_F(RateLimitFilterTest, ALimiterThatCannotDecideAnswers503NeverPasses) {
  RouteSpec route = routeWith("auto");
  StrictMock<MockLimiter> limiter;
  EXPECT_CALL(limiter, decide(_, _))
      .Times(2)
      .WillRepeatedly(Return(unavailable("Rate limiter unavailable")));
  RateLimitFilterConfig config;
  config.policy = policy_;
  config.limiter = &limiter;
  RateLimitFilter filter(std::move(config));
  Call call(route, "192.0.2.1");
  Response r = run(filter, call);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(header(r, "Retry-After"), "1");
  EXPECT_NE(r.body.find("Rate limiter unavailable"), std::string::npos);
  EXPECT_EQ(r.findHeader("X-RateLimit-Limit"), nullptr);
  Call refused(route, "192.0.2.1");
  refused.ctx.deferred_refusal = Response::json(401, "{}");
  EXPECT_EQ(run(filter, refused).status, 503);
}

TEST_F(RateLimitFilterTest, ForwardedForFromAnUntrustedPeerBuysNoFreshQuota) {
  RouteSpec route = routeWith("auto", AccessRule::publicAccess());
  RateLimitFilter filter = make({"10.0.0.0/8"});
  for (int i = 0; i < 3; ++i) {
    Call call(route, "203.0.113.7", {{"X-Forwarded-For", "198.51.100." + std::to_string(i)}});
    EXPECT_EQ(run(filter, call).status, 200);
  }
  Call spoofed(route, "203.0.113.7", {{"X-Forwarded-For", "198.51.100.99"}});
  EXPECT_EQ(run(filter, spoofed).status, 429);
}

TEST_F(RateLimitFilterTest, TrustedProxyForwardsTheRightMostUntrustedAddressOverAllLines) {
  RouteSpec route = routeWith("auto", AccessRule::publicAccess());
  RateLimitFilter filter = make({"10.0.0.0/8"});
  // The client forged the first line; the proxy appended the real address on its own line.
  for (int i = 0; i < 3; ++i) {
    Call call(route, "10.1.2.3",
              {{"X-Forwarded-For", "192.0.2." + std::to_string(i)},
               {"X-Forwarded-For", "198.51.100.5, 10.9.9.9"}});
    EXPECT_EQ(run(filter, call).status, 200) << i;
  }
  Call fourth(route, "10.1.2.3",
              {{"X-Forwarded-For", "192.0.2.200"}, {"X-Forwarded-For", "198.51.100.5"}});
  EXPECT_EQ(run(filter, fourth).status, 429);
  Call someone_else(route, "10.1.2.3", {{"X-Forwarded-For", "198.51.100.6"}});
  EXPECT_EQ(run(filter, someone_else).status, 200);
}

TEST_F(RateLimitFilterTest, AbsurdForwardedForValuesNeitherCrashNorEscapeTheLimit) {
  RouteSpec route = routeWith("auto", AccessRule::publicAccess());
  RateLimitFilter filter = make({"10.0.0.0/8"});
  const std::vector<std::string> junk = {std::string(8000, ','), std::string("1.2.3.4\x01\xff", 9),
                                         "::::::", std::string(4000, 'a') + ",10.0.0.1",
                                         "999.1.1.1, 10.0.0.2"};
  for (const auto& value : junk) {
    Call call(route, "10.1.2.3", {{"X-Forwarded-For", value}});
    Response r = run(filter, call);
    EXPECT_TRUE(r.status == 200 || r.status == 429) << r.status;
  }
}

TEST_F(RateLimitFilterTest, LoginUserLimitStopsSprayingOneAccountFromManyAddresses) {
  RouteSpec login = routeWith("auth", AccessRule::publicAccess());
  login.method = Method::kPost;
  login.path = "/auth/login";
  RateLimitFilter filter = make();
  LoginUserLimit limit(policy_, {}, *memory_, nullptr);
  for (int i = 0; i < 2; ++i) {
    Call call(login, "192.0.2." + std::to_string(i + 1));
    ASSERT_FALSE(filter.onRequestHeaders(*call.req, call.ctx).has_value());
    EXPECT_FALSE(limit.check(i == 0 ? "Alice" : "alice", *call.req, call.ctx).has_value());
    // The headers describe the tighter of auth (4, 3 left) and login_user (2, 1 − i left).
    ASSERT_TRUE(call.ctx.rate_limit.has_value());
    EXPECT_EQ(call.ctx.rate_limit->limit, 2);
    EXPECT_EQ(call.ctx.rate_limit->remaining, 1 - i);
  }
  Call third(login, "192.0.2.77");
  ASSERT_FALSE(filter.onRequestHeaders(*third.req, third.ctx).has_value());
  auto refused = limit.check("ALICE", *third.req, third.ctx);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(third.ctx.rate_limit->limit, 2);
  EXPECT_EQ(third.ctx.rate_limit->remaining, 0);
  Call bob(login, "192.0.2.77");
  ASSERT_FALSE(filter.onRequestHeaders(*bob.req, bob.ctx).has_value());
  EXPECT_FALSE(limit.check("bob", *bob.req, bob.ctx).has_value());
}

TEST_F(RateLimitFilterTest, TargetsFollowTheClassTable) {
  auto user = principal(identity::PrincipalType::kUser, "u1");
  auto ext = std::make_shared<identity::Principal>();
  ext->type = identity::PrincipalType::kExternal;
  ext->id = "sub-9";
  ext->provider = "okta";
  struct Case {
    std::string route_class;
    const identity::Principal* who;
    bool failed;
    std::string cls;
    std::string key;
  };
  const std::vector<Case> cases = {
      {"auto", nullptr, false, "public", "ip:192.0.2.1"},
      {"auto", user.get(), false, "default", "user:u1"},
      {"auto", ext.get(), false, "default", ext->limiterKey()},
      {"auto", user.get(), true, "public", "ip:192.0.2.1"},
      {"auth", user.get(), false, "auth", "ip:192.0.2.1"},
      {"static", user.get(), false, "static", "ip:192.0.2.1"},
      {"sensitive", user.get(), false, "sensitive", "user:u1"},
      {"public", nullptr, false, "public", "ip:192.0.2.1"},
  };
  for (const auto& c : cases) {
    auto t = rateLimitTarget(*policy_, c.route_class, c.who, c.failed, "192.0.2.1");
    ASSERT_TRUE(t.has_value()) << c.route_class;
    EXPECT_EQ(t->rate_class->name(), c.cls) << c.route_class;
    EXPECT_EQ(t->key, c.key) << c.route_class;
  }
  EXPECT_FALSE(rateLimitTarget(*policy_, "exempt", nullptr, false, "192.0.2.1").has_value());
  EXPECT_FALSE(rateLimitTarget(*policy_, "no-such-class", nullptr, false, "x").has_value());
  EXPECT_EQ(rateLimitTarget(*policy_, "auto", nullptr, false, "2001:db8:1:2::7")->key,
            "ip:2001:db8:1:2::/64");
}

// Without a rate-limit filter in the chain a deferred 401 is still sent: authz answers with it.
TEST(DeferredRefusalTest, AuthzFailsClosedOnAPendingRefusal) {
  metrics::Registry registry("v", "r");
  RouteSpec route = routeWith("auto");
  std::vector<RouteSpec> routes{route};
  auto metrics =
      std::move(identity::AuthMetrics::create(registry, AuthzFilter::protectedRoutes(routes)))
          .value();
  AuthzFilter authz(routes, *metrics, nullptr);
  Call call(routes[0], "192.0.2.1");
  call.ctx.deferred_refusal = Response::json(401, "{}");
  FilterResult r = authz.onRequestHeaders(*call.req, call.ctx);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 401);
  EXPECT_FALSE(call.ctx.deferred_refusal.has_value());
}

}  // namespace
}  // namespace tars::http::filters
