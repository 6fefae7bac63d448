#include "http/router/router.h"

#include <gtest/gtest.h>

namespace tars::http {
namespace {

Handler ok() {
  return [](const Request&, RequestContext&) -> HandlerResult { return Response::json(200, "{}"); };
}

RouteSpec route(Method m, std::string path) {
  RouteSpec r;
  r.method = m;
  r.path = std::move(path);
  r.group = "test";
  r.handler = ok();
  return r;
}

std::unique_ptr<Router> makeRouter() {
  std::vector<RouteSpec> routes;
  routes.push_back(route(Method::kGet, "/health"));
  routes.push_back(route(Method::kPost, "/api/v1/optimize"));
  routes.push_back(route(Method::kGet, "/api/v1/optimize"));
  routes.push_back(route(Method::kGet, "/api/v1/optimize/{optimization_id}"));
  routes.push_back(route(Method::kPost, "/api/v1/optimize/{optimization_id}/cancel"));
  routes.push_back(route(Method::kDelete, "/auth/service-token/{key_id}"));
  routes.push_back(route(Method::kGet, "/dashboard/{path...}"));
  auto r = Router::Create(std::move(routes));
  EXPECT_TRUE(r.isOk()) << r.status().toString();
  return std::move(r).value();
}

TEST(RouterTest, StaticMatch) {
  auto r = makeRouter();
  auto m = r->match(Method::kGet, "/health");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->path, "/health");
  EXPECT_EQ(m.route->index, 0u);
}

TEST(RouterTest, HeadUsesGetRoute) {
  auto r = makeRouter();
  auto m = r->match(Method::kHead, "/health");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->method, Method::kGet);
}

TEST(RouterTest, TemplateBindsParameters) {
  auto r = makeRouter();
  auto m = r->match(Method::kGet, "/api/v1/optimize/opt_123");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->path, "/api/v1/optimize/{optimization_id}");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "optimization_id");
  EXPECT_EQ(m.params[0].second, "opt_123");
  auto c = r->match(Method::kPost, "/api/v1/optimize/opt_9/cancel");
  ASSERT_EQ(c.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(c.params[0].second, "opt_9");
}

TEST(RouterTest, EmptySegmentDoesNotBind) {
  auto r = makeRouter();
  EXPECT_EQ(r->match(Method::kGet, "/api/v1/optimize/").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(r->match(Method::kGet, "/api/v1/optimize//cancel").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterTest, RestParameterTakesTheRest) {
  auto r = makeRouter();
  auto m = r->match(Method::kGet, "/dashboard/assets/app.js");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.params[0].second, "assets/app.js");
  auto root = r->match(Method::kGet, "/dashboard/");
  ASSERT_EQ(root.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(root.params[0].second, "");
}

TEST(RouterTest, UnknownPathIsNotFound) {
  auto r = makeRouter();
  EXPECT_EQ(r->match(Method::kGet, "/nope").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(r->match(Method::kGet, "/healthz").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(r->match(Method::kGet, "/health/x").kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterTest, WrongMethodIsMethodNotAllowedWithAllow) {
  auto r = makeRouter();
  auto m = r->match(Method::kDelete, "/api/v1/optimize");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allow, "GET, HEAD, POST, OPTIONS");
  auto d = r->match(Method::kGet, "/auth/service-token/abc");
  ASSERT_EQ(d.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(d.allow, "DELETE, OPTIONS");
}

TEST(RouterTest, RejectsDuplicatesAndMalformedTemplates) {
  std::vector<RouteSpec> dup{route(Method::kGet, "/a"), route(Method::kGet, "/a")};
  EXPECT_FALSE(Router::Create(std::move(dup)).isOk());
  std::vector<RouteSpec> bad{route(Method::kGet, "/a/{x")};
  EXPECT_FALSE(Router::Create(std::move(bad)).isOk());
  std::vector<RouteSpec> rest_mid{route(Method::kGet, "/a/{x...}/b")};
  EXPECT_FALSE(Router::Create(std::move(rest_mid)).isOk());
  std::vector<RouteSpec> relative{route(Method::kGet, "a")};
  EXPECT_FALSE(Router::Create(std::move(relative)).isOk());
  RouteSpec no_handler = route(Method::kGet, "/x");
  no_handler.handler = nullptr;
  std::vector<RouteSpec> nh{no_handler};
  EXPECT_FALSE(Router::Create(std::move(nh)).isOk());
}

TEST(AccessRuleTest, DescribesLikeTheSpec) {
  EXPECT_EQ(AccessRule::publicAccess().describe(), "public");
  EXPECT_EQ(AccessRule::role(Role::kViewer).describe(), "viewer+");
  EXPECT_EQ(AccessRule::role(Role::kDeveloper).describe(), "developer+");
  EXPECT_EQ(AccessRule::role(Role::kAdmin).describe(), "admin");
  EXPECT_EQ(AccessRule::scopesAll({"verify:run"}).describe(), "scope:verify:run");
  EXPECT_EQ(AccessRule::of(AccessRule::Kind::kMetrics).describe(), "metrics");
}

}  // namespace
}  // namespace tars::http
