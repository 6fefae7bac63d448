// Hot functions of the request path: routing, problem bodies, id generation, JSON quoting.

#include <benchmark/benchmark.h>

#include "core/clock.h"
#include "core/ids.h"
#include "core/json_util.h"
#include "http/filter/problem.h"
#include "http/router/router.h"
#include "http/server/http_date.h"

namespace tars {
namespace {

std::unique_ptr<http::Router> spec_sized_router() {
  // About the size of the full route table (tars.md §2 + cap.md §10.2).
  std::vector<http::RouteSpec> routes;
  auto add = [&](http::Method m, std::string p) {
    http::RouteSpec r;
    r.method = m;
    r.path = std::move(p);
    r.handler = [](const http::Request&, http::RequestContext&) -> http::HandlerResult {
      return http::Response{};
    };
    routes.push_back(std::move(r));
  };
  for (const char* p : {"/health", "/healthz", "/readyz", "/metrics", "/auth/me", "/auth/keys",
                        "/api/v1/optimize", "/api/v1/models", "/api/v1/sync/pending",
                        "/api/v1/sync/history", "/api/v1/sync/stats", "/api/v1/dashboard/agents"}) {
    add(http::Method::kGet, p);
  }
  for (const char* p :
       {"/api/v1/optimize/{optimization_id}", "/api/v1/optimize/{optimization_id}/trials",
        "/api/v1/models/{model_name}/versions", "/api/v1/models/{model_name}/versions/{version}",
        "/api/v1/sync/updates/{update_id}", "/api/v1/dashboard/agents/{agent_id}",
        "/api/v1/dashboard/agents/{agent_id}/history", "/api/v1/orchestration/train/{training_id}",
        "/policy/{id}", "/policy/v2/{id}", "/lists/{root}", "/dashboard/{path...}"}) {
    add(http::Method::kGet, p);
  }
  for (const char* p : {"/auth/login", "/auth/refresh", "/auth/logout", "/oauth/token",
                        "/api/v1/orchestration/step", "/api/v1/orchestration/nash", "/verify",
                        "/policy/compile", "/policy/v2/compile", "/lists"}) {
    add(http::Method::kPost, p);
  }
  return std::move(http::Router::Create(std::move(routes))).value();
}

void BM_RouterMatchStatic(benchmark::State& state) {
  auto r = spec_sized_router();
  for (auto _ : state)
    benchmark::DoNotOptimize(r->match(http::Method::kGet, "/health"));
}
BENCHMARK(BM_RouterMatchStatic);

void BM_RouterMatchTemplate(benchmark::State& state) {
  auto r = spec_sized_router();
  for (auto _ : state) {
    benchmark::DoNotOptimize(r->match(http::Method::kGet, "/api/v1/models/policy-dqn/versions/3"));
  }
}
BENCHMARK(BM_RouterMatchTemplate);

void BM_RouterNotFound(benchmark::State& state) {
  auto r = spec_sized_router();
  for (auto _ : state)
    benchmark::DoNotOptimize(r->match(http::Method::kGet, "/no/such/path"));
}
BENCHMARK(BM_RouterNotFound);

void BM_ProblemResponse(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(http::problemResponse(404, "not-found", "no resource at /x/y", "/x/y",
                                                   "req_01HZY3V7Q2M8K4N6P0R2S4T6V8"));
  }
}
BENCHMARK(BM_ProblemResponse);

void BM_RequestIdGeneration(benchmark::State& state) {
  SystemClock clock;
  IdGenerator ids(clock);
  for (auto _ : state)
    benchmark::DoNotOptimize(ids.newId("req_"));
}
BENCHMARK(BM_RequestIdGeneration);

void BM_HttpDate(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(http::httpDateNow());
}
BENCHMARK(BM_HttpDate);

void BM_JsonQuote(benchmark::State& state) {
  std::string path = "/api/v1/models/policy-dqn/versions/3?x=\"y\"";
  for (auto _ : state)
    benchmark::DoNotOptimize(json::quoted(path));
}
BENCHMARK(BM_JsonQuote);

}  // namespace
}  // namespace tars
