// The HTTP server core over real loopback sockets, in-process, with test routes (tars.md §1.2,
// §1.8; issue #2 items 4, 5, 8, 9).

#include <sys/resource.h>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/clock.h"
#include "core/ids.h"
#include "core/logger.h"
#include "harness/raw_client.h"
#include "http/filter/chain.h"
#include "http/filters/metrics/metrics_filter.h"
#include "http/filters/request_id/request_id_filter.h"
#include "http/filters/security_headers/security_headers_filter.h"
#include "http/router/router.h"
#include "http/server/server.h"
#include "metrics/http_metrics.h"
#include "metrics/registry.h"

namespace tars::http {
namespace {

using test::RawClient;

RouteSpec route(Method m, std::string path, Handler h, std::size_t body_limit = 1024,
                Execution ex = Execution::kInline) {
  RouteSpec r;
  r.method = m;
  r.path = std::move(path);
  r.group = "test";
  r.body_limit = body_limit;
  r.execution = ex;
  r.handler = std::move(h);
  return r;
}

class ServerFixture : public ::testing::Test {
 protected:
  void start(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    if (options.io_threads == 1)
      options.io_threads = 2;
    std::vector<RouteSpec> routes;
    routes.push_back(
        route(Method::kGet, "/fast", [](const Request&, RequestContext&) -> HandlerResult {
          return Response::json(200, R"({"ok":true})");
        }));
    routes.push_back(
        route(Method::kPost, "/echo", [](const Request& r, RequestContext&) -> HandlerResult {
          return Response::json(200, std::string(r.body()));
        }));
    routes.push_back(
        route(Method::kGet, "/items/{id}", [](const Request& r, RequestContext&) -> HandlerResult {
          return Response::json(200, "{\"id\":\"" + std::string(r.pathParam("id")) + "\"}");
        }));
    routes.push_back(route(
        Method::kGet, "/slow",
        [this](const Request&, RequestContext&) -> HandlerResult {
          slow_started_ = true;
          std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms_));
          return Response::json(200, R"({"slow":true})");
        },
        0, Execution::kBlocking));
    routes.push_back(
        route(Method::kGet, "/throw", [](const Request&, RequestContext&) -> HandlerResult {
          throw std::runtime_error("boom: secret internals");
        }));
    routes.push_back(
        route(Method::kGet, "/fail", [](const Request&, RequestContext&) -> HandlerResult {
          return internalError("database password=hunter2 rejected");
        }));
    router_ = std::move(Router::Create(std::move(routes))).value();
    http_metrics_ = std::move(metrics::HttpMetrics::create(registry_)).value();
    std::vector<std::unique_ptr<Filter>> filters;
    filters.push_back(std::make_unique<filters::RequestIdFilter>(ids_));
    filters.push_back(
        std::make_unique<filters::MetricsFilter>(*http_metrics_, router_->routes(), clock_));
    filters.push_back(std::make_unique<filters::SecurityHeadersFilter>(
        std::make_shared<filters::SecurityHeadersConfig>(), *router_));
    chain_ = std::make_unique<FilterChain>(std::move(filters));
    auto server = Server::Create(options, {{"127.0.0.1", 0, router_.get(), chain_.get()}},
                                 {logger_, clock_, *http_metrics_});
    ASSERT_TRUE(server.isOk()) << server.status().toString();
    server_ = std::move(*server);
    port_ = server_->ports()[0];
    thread_ = std::thread([this] { server_->run(); });
  }

  void TearDown() override {
    if (server_) {
      server_->beginShutdown();
      thread_.join();
    }
  }

  std::string scrape() const { return registry_.serialize(); }

  SystemClock clock_;
  IdGenerator ids_{clock_};
  Logger logger_{LogLevel::kOff, LogFormat::kJson};
  metrics::Registry registry_{"test", "test"};
  std::unique_ptr<metrics::HttpMetrics> http_metrics_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<FilterChain> chain_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  std::atomic<int> slow_ms_{300};
  std::atomic<bool> slow_started_{false};
};

TEST_F(ServerFixture, KeepAliveServesSeveralRequestsOnOneConnection) {
  start();
  RawClient c(port_);
  for (int i = 0; i < 3; ++i) {
    auto r = c.request("GET", "/fast");
    ASSERT_TRUE(r) << "request " << i;
    EXPECT_EQ(r->result_int(), 200);
    EXPECT_TRUE(r->keep_alive());
    EXPECT_EQ(r->body(), R"({"ok":true})");
    EXPECT_FALSE((*r)["X-Request-Id"].empty());
    EXPECT_FALSE((*r)["Date"].empty());
    EXPECT_EQ((*r)["Cache-Control"], "no-store");
  }
  EXPECT_NE(
      scrape().find(R"(tars_http_requests_total{method="GET",route="/fast",status_class="2xx"} 3)"),
      std::string::npos);
}

TEST_F(ServerFixture, PipelinedRequestsAreAnsweredInOrder) {
  start();
  RawClient c(port_);
  std::string two;
  for (int i = 1; i <= 3; ++i)
    two += "GET /items/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(c.send(two));
  for (int i = 1; i <= 3; ++i) {
    auto r = c.read();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body(), "{\"id\":\"" + std::to_string(i) + "\"}");
  }
}

TEST_F(ServerFixture, ClientRequestIdIsKeptAndInvalidOnesReplaced) {
  start();
  auto kept = test::httpGet(port_, "/fast", "X-Request-Id: abc-123\r\n");
  ASSERT_TRUE(kept);
  EXPECT_EQ((*kept)["X-Request-Id"], "abc-123");
  auto replaced = test::httpGet(port_, "/fast", "X-Request-Id: bad id!\r\n");
  ASSERT_TRUE(replaced);
  EXPECT_EQ(std::string((*replaced)["X-Request-Id"]).rfind("req_", 0), 0u);
}

TEST_F(ServerFixture, UnknownPathIs404ProblemJson) {
  start();
  auto r = test::httpGet(port_, "/nope?x=1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 404);
  EXPECT_EQ((*r)["Content-Type"], "application/problem+json");
  EXPECT_NE(r->body().find(R"("type":"urn:tars:problem:not-found")"), std::string::npos);
  EXPECT_NE(r->body().find(R"("instance":"/nope")"), std::string::npos);
  EXPECT_NE(r->body().find("\"request_id\":\"" + std::string((*r)["X-Request-Id"]) + "\""),
            std::string::npos);
  EXPECT_NE(scrape().find(
                R"(tars_http_requests_total{method="GET",route="unmatched",status_class="4xx"} 1)"),
            std::string::npos);
}

TEST_F(ServerFixture, WrongMethodIs405WithAllow) {
  start();
  RawClient c(port_);
  auto r = c.request("DELETE", "/fast");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 405);
  EXPECT_EQ((*r)["Allow"], "GET, HEAD, OPTIONS");
  EXPECT_NE(r->body().find("method-not-allowed"), std::string::npos);
}

TEST_F(ServerFixture, HeadHasGetHeadersWithoutBody) {
  start();
  RawClient c(port_);
  auto r = c.request("HEAD", "/fast");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_EQ((*r)["Content-Length"], "11");
  EXPECT_TRUE(r->body().empty());
  auto again = c.request("GET", "/fast");  // the connection is still in sync
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body(), R"({"ok":true})");
}

TEST_F(ServerFixture, OptionsListsAllowedMethods) {
  start();
  RawClient c(port_);
  auto r = c.request("OPTIONS", "/echo");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 204);
  EXPECT_EQ((*r)["Allow"], "POST, OPTIONS");
}

TEST_F(ServerFixture, DeclaredOversizedBodyIs413WithoutReadingIt) {
  start();
  RawClient c(port_);
  // The body is never sent: the answer must come from the head alone.
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 413);
  EXPECT_NE(r->body().find("request body exceeds 1024 bytes"), std::string::npos);
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(c.closedByPeer());
}

TEST_F(ServerFixture, ChunkedBodiesAreReadAndLimited) {
  start();
  RawClient ok(port_);
  ASSERT_TRUE(
      ok.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
              "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"));
  auto r = ok.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_EQ(r->body(), "hello world");

  RawClient big(port_);
  std::string chunk(800, 'x');
  std::string req = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i)
    req += "320\r\n" + chunk + "\r\n";
  req += "0\r\n\r\n";
  ASSERT_TRUE(big.send(req));
  auto r2 = big.read();
  ASSERT_TRUE(r2);
  EXPECT_EQ(r2->result_int(), 413);
}

TEST_F(ServerFixture, ExpectContinueIsGranted) {
  start();
  RawClient c(port_);
  ASSERT_TRUE(c.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
  auto interim = c.read();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->result_int(), 100);
  ASSERT_TRUE(c.send("ping"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body(), "ping");
}

TEST_F(ServerFixture, OversizedHeadIs431) {
  start();
  RawClient c(port_);
  std::string big(20 * 1024, 'a');
  auto r = c.request("GET", "/fast", "X-Big: " + big + "\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 431);
  EXPECT_NE(r->body().find("request-header-too-large"), std::string::npos);
  EXPECT_TRUE(c.closedByPeer());
}

TEST_F(ServerFixture, MalformedRequestIs400AndClosed) {
  start();
  for (std::string junk :
       {std::string("GARBAGE\r\n\r\n"), std::string("GET / HTTP/9.9\r\n\r\n"),
        std::string("GET /fast HTTP/1.1\r\nBad Header\r\n\r\n"),
        std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + "\r\n\r\n"}) {
    RawClient c(port_);
    ASSERT_TRUE(c.send(junk));
    auto r = c.read();
    ASSERT_TRUE(r) << junk;
    EXPECT_EQ(r->result_int(), 400);
    EXPECT_EQ((*r)["Content-Type"], "application/problem+json");
    EXPECT_TRUE(c.closedByPeer());
  }
}

TEST_F(ServerFixture, SlowHeadIsCutOff) {
  ServerOptions o;
  o.header_read_timeout = std::chrono::seconds(1);
  start(o);
  RawClient c(port_, std::chrono::seconds(5));
  ASSERT_TRUE(c.send("GET /fast HTTP/1.1\r\nHost: x\r\n"));  // never finished
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closedByPeer());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(4));
}

TEST_F(ServerFixture, IdleConnectionIsClosed) {
  ServerOptions o;
  o.idle_timeout = std::chrono::seconds(1);
  start(o);
  RawClient c(port_, std::chrono::seconds(5));
  ASSERT_TRUE(c.request("GET", "/fast"));
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closedByPeer());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(4));
}

TEST_F(ServerFixture, HandlerExceptionsAndInternalErrorsLeakNothing) {
  start();
  auto r = test::httpGet(port_, "/throw");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 500);
  EXPECT_EQ(r->body().find("boom"), std::string::npos);
  EXPECT_NE(r->body().find("internal-error"), std::string::npos);
  auto f = test::httpGet(port_, "/fail");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->result_int(), 500);
  EXPECT_EQ(f->body().find("hunter2"), std::string::npos);
}

TEST_F(ServerFixture, BlockingHandlersDoNotBlockIo) {
  ServerOptions o;
  o.io_threads = 1;
  start(o);
  slow_ms_ = 1500;
  RawClient slow(port_);
  ASSERT_TRUE(slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  while (!slow_started_)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto fast = test::httpGet(port_, "/fast");  // answered while /slow still sleeps
  ASSERT_TRUE(fast);
  EXPECT_EQ(fast->result_int(), 200);
  auto s = slow.read();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->body(), R"({"slow":true})");
}

TEST_F(ServerFixture, ThousandConcurrentConnections) {
  rlimit rl{};
  ::getrlimit(RLIMIT_NOFILE, &rl);
  if (rl.rlim_cur < 4096 && rl.rlim_max >= 4096) {
    rl.rlim_cur = 4096;
    ::setrlimit(RLIMIT_NOFILE, &rl);
  }
  ::getrlimit(RLIMIT_NOFILE, &rl);
  ASSERT_GE(rl.rlim_cur, 2100u) << "raise the open-file limit (ulimit -n) to run this test";
  start();
  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < 1000; ++i) {
    clients.push_back(std::make_unique<RawClient>(port_));
    ASSERT_TRUE(clients.back()->connected()) << i;
  }
  for (auto& c : clients)
    ASSERT_TRUE(c->send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
  int ok = 0;
  for (auto& c : clients) {
    auto r = c->read();
    if (r && r->result_int() == 200)
      ++ok;
  }
  EXPECT_EQ(ok, 1000);
}

TEST_F(ServerFixture, MaxConnectionsPausesAccepting) {
  ServerOptions o;
  o.max_connections = 3;
  start(o);
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawClient>(port_));
    ASSERT_TRUE(held.back()->request("GET", "/fast"));
  }
  // The fourth connects (kernel backlog) but is not served while three are open.
  RawClient waiting(port_, std::chrono::milliseconds(700));
  ASSERT_TRUE(waiting.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_FALSE(waiting.read());
  EXPECT_NE(scrape().find("tars_http_max_connections_reached_total 1"), std::string::npos);
  held.pop_back();  // one closes → accepting resumes and the waiting client is served
  waiting.setTimeout(std::chrono::seconds(5));
  auto r = waiting.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
}

TEST_F(ServerFixture, ShutdownDrainsInFlightAndRefusesNew) {
  start();
  slow_ms_ = 1500;
  RawClient idle(port_);
  ASSERT_TRUE(idle.request("GET", "/fast"));
  RawClient busy(port_);
  ASSERT_TRUE(busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  while (!slow_started_)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server_->beginShutdown();
  EXPECT_TRUE(idle.closedByPeer());  // idle keep-alive connections close at once
  // New connections are refused once the acceptor is closed.
  bool refused = false;
  for (int i = 0; i < 50 && !refused; ++i) {
    RawClient late(port_, std::chrono::milliseconds(200));
    refused = !late.connected();
    if (!refused)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(refused);
  auto r = busy.read();  // the in-flight request still completes
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  EXPECT_FALSE(r->keep_alive());
  thread_.join();  // run() returns once drained
  server_.reset();
}

}  // namespace
}  // namespace tars::http
