// The real `tars` binary on a free loopback port: probes, metrics (checked by the real promtool),
// config errors, the access log, the probe port, SIGTERM (issue #2 items 9–15).

#include <signal.h>
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/json/parse.hpp>
#include <fstream>

#include "harness/raw_client.h"
#include "harness/tars_process.h"

namespace tars::test {
namespace {

boost::json::object jsonObject(const std::string& s) {
  return boost::json::parse(s).as_object();
}

std::uint16_t freePort() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

TEST(BinaryTest, BinaryIsConfigured) {
  ASSERT_FALSE(tarsBinary().empty()) << "TARSTEST_BINARY unset";
}

TEST(BinaryTest, ServesProbesOnTheEmbeddedDefault) {
  TarsProcess tars;
  ASSERT_TRUE(tars.started()) << tars.log();
  auto health = httpGet(tars.port(), "/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->result_int(), 200);
  auto h = jsonObject(health->body());
  EXPECT_EQ(h.at("status").as_string(), "healthy");
  EXPECT_FALSE(h.at("version").as_string().empty());
  EXPECT_TRUE(h.at("services").is_object());
  std::string ts(h.at("timestamp").as_string());
  EXPECT_EQ(ts.size(), 24u);  // 2025-11-14T09:30:00.123Z
  EXPECT_EQ(ts.back(), 'Z');

  auto live = httpGet(tars.port(), "/healthz");
  ASSERT_TRUE(live);
  auto l = jsonObject(live->body());
  EXPECT_EQ(l.at("status").as_string(), "OK");
  EXPECT_FALSE(l.at("tls_enabled").as_bool());

  auto ready = httpGet(tars.port(), "/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->result_int(), 200);
  auto r = jsonObject(ready->body());
  EXPECT_EQ(r.at("status").as_string(), "OK");
  ASSERT_FALSE(r.at("checks").as_array().empty());
  EXPECT_EQ(r.at("checks").as_array()[0].as_object().at("name").as_string(), "data_dir");

  // The data dir is created private to the tars user.
  struct stat st {};
  ASSERT_EQ(::stat((tars.dataDir() + "/data").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(BinaryTest, ReadinessFailsWhenTheDataDirIsGone) {
  TarsProcess tars;
  ASSERT_TRUE(tars.started()) << tars.log();
  auto dir = tars.dataDir() + "/data";
  ASSERT_EQ(::rename(dir.c_str(), (dir + ".gone").c_str()), 0);  // e.g. a volume unmounted
  auto ready = httpGet(tars.port(), "/readyz");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->result_int(), 503);
  EXPECT_NE(ready->body().find(R"({"name":"data_dir","status":"FAIL"})"), std::string::npos)
      << ready->body();
  ASSERT_EQ(::rename((dir + ".gone").c_str(), dir.c_str()), 0);
  auto again = httpGet(tars.port(), "/readyz");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->result_int(), 200);
}

TEST(BinaryTest, MetricsPassPromtoolAfterTraffic) {
  TarsProcess tars;
  ASSERT_TRUE(tars.started()) << tars.log();
  ASSERT_TRUE(httpGet(tars.port(), "/health"));
  ASSERT_TRUE(httpGet(tars.port(), "/nope"));
  RawClient c(tars.port());
  ASSERT_TRUE(c.request("DELETE", "/health"));
  auto m = httpGet(tars.port(), "/metrics");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->result_int(), 200);
  EXPECT_EQ((*m)["Content-Type"], "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = m->body();
  for (const char* needle :
       {"tars_build_info{",
        R"(tars_http_requests_total{method="GET",route="/health",status_class="2xx"} 1)",
        R"(tars_http_requests_total{method="GET",route="unmatched",status_class="4xx"} 1)",
        R"(tars_http_requests_total{method="DELETE",route="unmatched",status_class="4xx"} 1)",
        "tars_http_request_duration_seconds_bucket{", "tars_http_requests_in_flight",
        "tars_http_max_connections_reached_total 0", R"(tars_dependency_up{dependency="store"})",
        "process_resident_memory_bytes", "tars_data_dir_free_bytes"}) {
    EXPECT_NE(text.find(needle), std::string::npos) << needle;
  }
  EXPECT_EQ(text.find("/nope"), std::string::npos) << "raw paths must never become labels";
  // promtool, the real one.
  TempDir tmp;
  auto file = tmp.write("scrape.prom", text);
  std::string cmd = "promtool check metrics < " + file + " > " + tmp.path() + "/out 2>&1";
  int rc = std::system(cmd.c_str());
  std::ifstream out(tmp.path() + "/out");
  std::string complaints((std::istreambuf_iterator<char>(out)), {});
  EXPECT_EQ(rc, 0) << complaints;
  EXPECT_TRUE(complaints.empty()) << complaints;
}

TEST(BinaryTest, MetricsAuthRequiredFailsClosed) {
  TarsProcess tars({}, {{"TARS_METRICS_AUTH", "required"}});
  ASSERT_TRUE(tars.started()) << tars.log();
  auto m = httpGet(tars.port(), "/metrics");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->result_int(), 401);
  EXPECT_EQ((*m)["WWW-Authenticate"], "Bearer realm=\"tars\"");
  EXPECT_NE(m->body().find("auth/missing-auth-header"), std::string::npos);
}

TEST(BinaryTest, AccessLogHasNoSecrets) {
  TarsProcess tars;
  ASSERT_TRUE(tars.started()) << tars.log();
  auto r = httpGet(tars.port(), "/health?token=qs-secret-1",
                   "Authorization: Bearer hdr-secret-2\r\nX-API-Key: tars_key-secret-3\r\n"
                   "Cookie: session=cookie-secret-4\r\nX-Request-Id: trace-me-1\r\n"
                   "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n");
  ASSERT_TRUE(r);
  tars.signal(SIGTERM);
  EXPECT_EQ(tars.waitExit(), 0);
  auto log = tars.log();
  EXPECT_NE(log.find(R"("request_id":"trace-me-1")"), std::string::npos) << log;
  EXPECT_NE(log.find(R"("trace_id":"4bf92f3577b34da6a3ce929d0e0e4736")"), std::string::npos);
  EXPECT_NE(log.find(R"("path":"/health")"), std::string::npos);
  EXPECT_NE(log.find(R"("client_cert":"none")"), std::string::npos) << "plain HTTP: no certificate";
  for (const char* secret : {"qs-secret-1", "hdr-secret-2", "key-secret-3", "cookie-secret-4"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
}

TEST(BinaryTest, SigtermClosesIdleConnectionsRefusesNewOnesAndExitsZero) {
  TarsProcess tars;
  ASSERT_TRUE(tars.started()) << tars.log();
  RawClient idle(tars.port());
  ASSERT_TRUE(idle.request("GET", "/healthz"));
  tars.signal(SIGTERM);
  EXPECT_TRUE(idle.closedByPeer());
  EXPECT_EQ(tars.waitExit(), 0);
  RawClient late(tars.port(), std::chrono::milliseconds(500));
  EXPECT_FALSE(late.connected());
}

TEST(BinaryTest, ProbePortServesOnlyProbes) {
  auto probe = freePort();
  TarsProcess tars({}, {{"TARS_SERVER_PROBE_PORT", std::to_string(probe)}});
  ASSERT_TRUE(tars.started()) << tars.log();
  ASSERT_EQ(tars.ports().size(), 2u);
  EXPECT_EQ(tars.ports()[1], probe);
  for (const char* path : {"/healthz", "/readyz", "/metrics"}) {
    auto r = httpGet(probe, path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->result_int(), 200) << path;
  }
  auto h = httpGet(probe, "/health");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->result_int(), 404);
}

TEST(BinaryTest, UnknownConfigKeyIsRefusedWithItsName) {
  TempDir tmp;
  auto cfg = tmp.write("tars.yaml", "server:\n  prot: 9000\n");
  auto r = runTars({"serve", "--config", cfg, "--data-dir", tmp.path() + "/d"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("server.prot"), std::string::npos) << r.err;
}

TEST(BinaryTest, OutOfRangeEnvValueNamesKeyValueAndSource) {
  TempDir tmp;
  auto r = runTars({"serve", "--data-dir", tmp.path() + "/d"}, {{"TARS_SERVER_PORT", "70000"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("server.port"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("70000"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("TARS_SERVER_PORT"), std::string::npos) << r.err;
}

TEST(BinaryTest, ProductionRefusesUnsafeConfigWithoutEchoingSecrets) {
  TempDir tmp;
  auto r = runTars({"serve", "--data-dir", tmp.path() + "/d"},
                   {{"TARS_ENV", "production"}, {"TARS_JWT_SECRET", "short-secret-value"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("auth.jwt.secret"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("short-secret-value"), std::string::npos) << r.err;
}

TEST(BinaryTest, OriginalProductionVariableFailsClosed) {
  TempDir tmp;
  auto r = runTars({"serve", "--data-dir", tmp.path() + "/d"}, {{"ENVIRONMENT", "production"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("TARS_ENV=production"), std::string::npos) << r.err;
}

TEST(BinaryTest, PortInUseIsAClearError) {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor taken(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  TempDir tmp;
  auto r = runTars({"serve", "--port", std::to_string(taken.local_endpoint().port()), "--data-dir",
                    tmp.path() + "/d"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot bind"), std::string::npos) << r.err;
}

TEST(BinaryTest, VersionAndRoutes) {
  auto v = runTars({"version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out.rfind("tars ", 0), 0u) << v.out;
  auto r = runTars({"routes"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto routes = boost::json::parse(r.out).as_array();
  ASSERT_GE(routes.size(), 4u);
  bool found = false;
  for (const auto& v2 : routes) {
    const auto& o = v2.as_object();
    for (const char* key : {"method", "path", "group", "access", "rate_class", "body_limit"}) {
      EXPECT_TRUE(o.contains(key)) << key;
    }
    if (o.at("path").as_string() == "/metrics") {
      found = true;
      EXPECT_EQ(o.at("access").as_string(), "metrics");
      EXPECT_EQ(o.at("rate_class").as_string(), "exempt");
      EXPECT_EQ(o.at("group").as_string(), "always");
    }
  }
  EXPECT_TRUE(found);
}

TEST(BinaryTest, DoctorPrintsPassWarnFailAndExitCode) {
  auto dev = runTars({"doctor", "--offline"});
  EXPECT_EQ(dev.exit_code, 1) << dev.out;
  EXPECT_NE(dev.out.find("FAIL"), std::string::npos) << dev.out;
  TempDir tmp;
  auto cfg = tmp.write("prod.yaml",
                       "env: production\n"
                       "server:\n  behind_tls_proxy: true\n"
                       "ratelimit:\n  trusted_proxies: [\"10.0.0.0/8\"]\n"
                       "store:\n  url: postgresql://tars@db:5432/tars\n"
                       "metrics:\n  auth: required\n");
  auto prod = runTars({"doctor", "--offline", "--config", cfg},
                      {{"TARS_JWT_SECRET", std::string(48, 'k')}});
  EXPECT_EQ(prod.exit_code, 0) << prod.out << prod.err;
  EXPECT_EQ(prod.out.find("FAIL"), std::string::npos) << prod.out;
  EXPECT_NE(prod.out.find("PASS"), std::string::npos) << prod.out;
}

}  // namespace
}  // namespace tars::test
