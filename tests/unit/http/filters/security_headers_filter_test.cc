#include "http/filters/security_headers/security_headers_filter.h"

#include <gtest/gtest.h>

#include "request_fixture.h"

namespace tars::http::filters {
namespace {

std::unique_ptr<Router> router() {
  RouteSpec r;
  r.method = Method::kGet;
  r.path = "/api/v1/x";
  r.handler = [](const Request&, RequestContext&) -> HandlerResult { return Response{}; };
  std::vector<RouteSpec> v{r};
  return std::move(Router::Create(std::move(v))).value();
}

using Fixture = test::RequestFixture;

std::shared_ptr<SecurityHeadersConfig> cfg(std::vector<std::string> origins, bool creds,
                                           bool hsts) {
  auto c = std::make_shared<SecurityHeadersConfig>();
  c->cors_allowed_origins = std::move(origins);
  c->cors_allow_credentials = creds;
  c->hsts = hsts;
  return c;
}

TEST(SecurityHeadersFilterTest, BaselineHeaders) {
  auto r = router();
  SecurityHeadersFilter f(cfg({}, false, false), *r);
  Fixture fx;
  fx.make(boost::beast::http::verb::get, "/api/v1/x", {});
  RequestContext ctx;
  Response resp;
  f.onResponse(*fx.req, ctx, resp);
  EXPECT_EQ(*resp.findHeader("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(*resp.findHeader("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(*resp.findHeader("Cache-Control"), "no-store");
  EXPECT_EQ(resp.findHeader("Strict-Transport-Security"), nullptr);
  EXPECT_EQ(resp.findHeader("Access-Control-Allow-Origin"), nullptr);
}

TEST(SecurityHeadersFilterTest, HstsWhenTls) {
  auto r = router();
  SecurityHeadersFilter f(cfg({}, false, true), *r);
  Fixture fx;
  fx.make(boost::beast::http::verb::get, "/api/v1/x", {});
  RequestContext ctx;
  Response resp;
  f.onResponse(*fx.req, ctx, resp);
  ASSERT_NE(resp.findHeader("Strict-Transport-Security"), nullptr);
}

TEST(SecurityHeadersFilterTest, CorsOnlyForAllowedOrigins) {
  auto r = router();
  SecurityHeadersFilter f(cfg({"https://ui.example"}, true, false), *r);
  Fixture fx;
  RequestContext ctx;
  fx.make(boost::beast::http::verb::get, "/api/v1/x", {{"Origin", "https://ui.example"}});
  Response ok;
  f.onResponse(*fx.req, ctx, ok);
  EXPECT_EQ(*ok.findHeader("Access-Control-Allow-Origin"), "https://ui.example");
  EXPECT_EQ(*ok.findHeader("Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(*ok.findHeader("Vary"), "Origin");
  fx.make(boost::beast::http::verb::get, "/api/v1/x", {{"Origin", "https://evil.example"}});
  Response bad;
  f.onResponse(*fx.req, ctx, bad);
  EXPECT_EQ(bad.findHeader("Access-Control-Allow-Origin"), nullptr);
}

TEST(SecurityHeadersFilterTest, PreflightAnsweredForAllowedOrigin) {
  auto r = router();
  SecurityHeadersFilter f(cfg({"https://ui.example"}, false, false), *r);
  Fixture fx;
  RequestContext ctx;
  fx.make(boost::beast::http::verb::options, "/api/v1/x",
          {{"Origin", "https://ui.example"}, {"Access-Control-Request-Method", "GET"}});
  auto resp = f.onRequestHeaders(*fx.req, ctx);
  ASSERT_TRUE(resp.has_value());
  EXPECT_EQ(resp->status, 204);
  EXPECT_EQ(*resp->findHeader("Access-Control-Allow-Methods"), "GET, HEAD, OPTIONS");
  EXPECT_NE(resp->findHeader("Access-Control-Allow-Headers"), nullptr);
  // Unknown path: left to the router (404).
  fx.make(boost::beast::http::verb::options, "/nope", {{"Origin", "https://ui.example"}});
  EXPECT_FALSE(f.onRequestHeaders(*fx.req, ctx).has_value());
}

TEST(SecurityHeadersFilterTest, WildcardWithoutCredentialsSendsStar) {
  auto r = router();
  SecurityHeadersFilter f(cfg({"*"}, false, false), *r);
  Fixture fx;
  RequestContext ctx;
  fx.make(boost::beast::http::verb::get, "/api/v1/x", {{"Origin", "https://any.example"}});
  Response resp;
  f.onResponse(*fx.req, ctx, resp);
  EXPECT_EQ(*resp.findHeader("Access-Control-Allow-Origin"), "*");
}

}  // namespace
}  // namespace tars::http::filters
