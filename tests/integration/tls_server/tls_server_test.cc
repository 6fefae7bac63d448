// TLS on the real `tars serve` (issue #5; spec/cap.md §11): certificates from `tars certs
// generate`, HTTPS with curl and openssl s_client as clients, each cipher profile's versions and
// suites, optional and required mTLS with the SAN allow-list, a certificate from another CA, the
// plain probe port, and certificate reload on SIGHUP while a client keeps making requests.

#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "harness/eventually.h"
#include "harness/tars_process.h"
#include "process_runner.h"

namespace tars::test {
namespace {

// A client tool's run: exit code, stdout, stderr (tls/process_runner.h: no shell, bounded).
struct Output {
  int exit_code = -1;
  std::string text;  // stdout
  std::string err;
};

Output run(const std::vector<std::string>& argv, const std::string& input = "") {
  tls::test::ProcessResult r = tls::test::runProcess(argv, input, std::chrono::seconds(10));
  return {r.exit_code, r.out, r.err};
}

// curl against https://localhost:<port><path>; prints the status code last.
Output curlTls(std::uint16_t port, const std::string& path, const std::string& ca,
               const std::string& client = "") {
  std::vector<std::string> argv{"curl", "-sS", "--max-time", "5",  "--cacert",
                                ca,     "-o",  "-",          "-w", "\n%{http_code}"};
  if (!client.empty())
    argv.insert(argv.end(), {"--cert", client + ".crt", "--key", client + ".key"});
  argv.push_back("https://localhost:" + std::to_string(port) + path);
  return run(argv);
}

// openssl s_client against the binary, sending one GET /healthz. -brief writes the negotiated
// version and suite to stderr; -ign_eof waits for the answer after the request is sent.
Output sClient(std::uint16_t port, const std::string& ca, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"openssl",
                                "s_client",
                                "-connect",
                                "127.0.0.1:" + std::to_string(port),
                                "-servername",
                                "localhost",
                                "-CAfile",
                                ca,
                                "-verify_return_error",
                                "-brief",
                                "-ign_eof"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
}

bool served(const Output& o) {
  return o.text.find("HTTP/1.1 200") != std::string::npos;
}

// The access-log line of the request sent with `X-Request-Id: id`, once it is written.
std::string accessLineOf(const TarsProcess& tars, const std::string& id) {
  std::string line;
  eventually(
      [&] {
        const std::string log = tars.log();
        const auto at = log.find("\"request_id\":\"" + id + "\"");
        if (at == std::string::npos)
          return false;
        const auto begin = log.rfind('\n', at);
        line = log.substr(begin == std::string::npos ? 0 : begin + 1,
                          log.find('\n', at) - (begin == std::string::npos ? 0 : begin + 1));
        return true;
      },
      std::chrono::seconds(5));
  return line;
}

std::string statusOf(const Output& o) {
  auto at = o.text.rfind('\n');
  return at == std::string::npos ? o.text : o.text.substr(at + 1);
}

// The serial of the certificate the server presents now.
std::string servedSerial(std::uint16_t port) {
  Output shown = run({"openssl", "s_client", "-connect", "127.0.0.1:" + std::to_string(port),
                      "-servername", "localhost"});
  return run({"openssl", "x509", "-noout", "-serial"}, shown.text).text;
}

class TlsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult made =
        runTars({"certs", "generate", "--out", certs(), "--services", "auth,hypersync,dashboard"});
    ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  }

  std::string certs() const { return dir_.path() + "/certs"; }
  std::string file(const std::string& name) const { return certs() + "/" + name; }

  std::map<std::string, std::string> tlsEnv() const {
    return {{"TARS_TLS_ENABLED", "true"},
            {"TARS_TLS_SERVER_CERT", file("auth.crt")},
            {"TARS_TLS_SERVER_KEY", file("auth.key")}};
  }

  TempDir dir_;
};

TEST_F(TlsServerTest, ServesHttpsWithHstsAndKeepsTheProbePortPlain) {
  auto env = tlsEnv();
  env["TARS_SERVER_PROBE_PORT"] = "0";
  TarsProcess tars({}, env);
  ASSERT_TRUE(tars.started()) << tars.log();
  ASSERT_EQ(tars.ports().size(), 2u);
  Output health = curlTls(tars.port(), "/healthz", file("ca.crt"));
  EXPECT_EQ(statusOf(health), "200") << health.text;
  EXPECT_NE(health.text.find("\"tls_enabled\":true"), std::string::npos) << health.text;
  Output headers =
      run({"curl", "-sS", "-D", "-", "-o", "/dev/null", "--max-time", "5", "--cacert",
           file("ca.crt"), "https://localhost:" + std::to_string(tars.port()) + "/healthz"});
  EXPECT_NE(headers.text.find("Strict-Transport-Security"), std::string::npos) << headers.text;

  // Plain HTTP on the TLS port is refused without an answer; the server stays up.
  Output plain = run({"curl", "-sS", "--max-time", "5",
                      "http://127.0.0.1:" + std::to_string(tars.port()) + "/healthz"});
  EXPECT_NE(plain.exit_code, 0) << plain.text << plain.err;
  Output probe = run({"curl", "-sS", "--max-time", "5", "-o", "/dev/null", "-w", "%{http_code}",
                      "http://127.0.0.1:" + std::to_string(tars.ports()[1]) + "/healthz"});
  EXPECT_EQ(probe.text, "200");
  EXPECT_EQ(statusOf(curlTls(tars.port(), "/healthz", file("ca.crt"))), "200");
  EXPECT_NE(tars.log().find("tls handshake failed"), std::string::npos) << "logged";
}

TEST_F(TlsServerTest, RedirectPortAnswers308ToTheSamePathOnHttps) {
  auto env = tlsEnv();
  env["TARS_SERVER_HTTPS_REDIRECT_PORT"] = "0";
  TarsProcess tars({}, env);
  ASSERT_TRUE(tars.started()) << tars.log();
  ASSERT_EQ(tars.ports().size(), 2u);
  const std::string plain = "http://localhost:" + std::to_string(tars.ports()[1]);

  Output head = run({"curl", "-sS", "-D", "-", "-o", "/dev/null", "--max-time", "5", "-X", "POST",
                     plain + "/auth/login?next=%2Fx"});
  EXPECT_NE(head.text.find("HTTP/1.1 308"), std::string::npos) << head.text;
  EXPECT_NE(head.text.find("Location: https://localhost:" + std::to_string(tars.port()) +
                           "/auth/login?next=%2Fx"),
            std::string::npos)
      << head.text;
  // curl follows it to the TLS listener, which answers.
  Output followed = run({"curl", "-sS", "-L", "--max-time", "5", "--cacert", file("ca.crt"), "-o",
                         "/dev/null", "-w", "%{http_code} %{url_effective}", plain + "/healthz"});
  EXPECT_EQ(followed.text, "200 https://localhost:" + std::to_string(tars.port()) + "/healthz")
      << followed.err;
  // A Host that is not a name cannot steer the redirect.
  Output bent = run({"curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                     "-H", "Host: evil.example/x", plain + "/healthz"});
  EXPECT_EQ(bent.text, "400");
}

// OpenSSL 3 clients refuse TLS 1.0/1.1 themselves unless their security level is 0: a client
// that tests an old protocol must lower its own level too.
const std::vector<std::string> kOldClient = {"-cipher", "DEFAULT:@SECLEVEL=0"};

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

TEST_F(TlsServerTest, EachCipherProfileAcceptsItsVersionsAndRefusesTheRest) {
  struct Attempt {
    std::vector<std::string> args;
    const char* version;  // negotiated when accepted; nullptr: the handshake must fail
  };
  const std::map<std::string, std::vector<Attempt>> profiles = {
      {"modern",
       {{{"-tls1_3"}, "TLSv1.3"},
        {{"-tls1_2"}, nullptr},
        {with({"-tls1_1"}, kOldClient), nullptr}}},
      {"intermediate",
       {{{"-tls1_3"}, "TLSv1.3"},
        {{"-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256"}, "TLSv1.2"},
        {{"-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305"}, "TLSv1.2"},
        {{"-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"}, nullptr},  // CBC: legacy only
        {with({"-tls1_1"}, kOldClient), nullptr},
        {with({"-tls1"}, kOldClient), nullptr}}},
      {"legacy",
       {{{"-tls1_3"}, "TLSv1.3"},
        {{"-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA"}, "TLSv1.2"},
        {with({"-tls1_1"}, kOldClient), "TLSv1.1"},
        {with({"-tls1"}, kOldClient), "TLSv1"},
        // At Debian's default security level (2) the client itself refuses TLS 1.0: legacy
        // serves it only to clients whose OpenSSL allows it (docs/OPERATIONS.md).
        {{"-tls1"}, nullptr}}},
  };
  for (const auto& [profile, attempts] : profiles) {
    SCOPED_TRACE(profile);
    auto env = tlsEnv();
    env["TARS_TLS_CIPHER_PROFILE"] = profile;
    TarsProcess tars({}, env);
    ASSERT_TRUE(tars.started()) << tars.log();
    for (const Attempt& a : attempts) {
      SCOPED_TRACE(::testing::PrintToString(a.args));
      Output o = sClient(tars.port(), file("ca.crt"), a.args);
      if (a.version == nullptr) {
        EXPECT_FALSE(served(o)) << o.text;
        continue;
      }
      EXPECT_TRUE(served(o)) << o.text << o.err;
      EXPECT_NE(o.err.find(std::string("Protocol version: ") + a.version + "\n"), std::string::npos)
          << o.err;
    }
    EXPECT_NE(tars.log().find("tls handshake failed"), std::string::npos) << tars.log();
  }
}

TEST_F(TlsServerTest, OptionalMtlsServesAClientWithoutACertificateAsUnauthenticated) {
  auto env = tlsEnv();
  env["TARS_TLS_CLIENT_CERT_VALIDATION"] = "optional";
  env["TARS_TLS_CLIENT_CA_BUNDLE"] = file("ca.crt");
  TarsProcess tars({}, env);
  ASSERT_TRUE(tars.started()) << tars.log();
  auto get = [&](const std::string& id, const std::string& path, const std::string& client) {
    std::vector<std::string> argv{"curl",       "-sS",
                                  "--max-time", "5",
                                  "--cacert",   file("ca.crt"),
                                  "-H",         "X-Request-Id: " + id,
                                  "-o",         "-",
                                  "-w",         "\n%{http_code}"};
    if (!client.empty())
      argv.insert(argv.end(), {"--cert", client + ".crt", "--key", client + ".key"});
    argv.push_back("https://localhost:" + std::to_string(tars.port()) + path);
    return run(argv);
  };

  // No certificate: let in, and marked unauthenticated at the TLS layer.
  EXPECT_EQ(statusOf(get("no-cert", "/healthz", "")), "200");
  EXPECT_NE(accessLineOf(tars, "no-cert").find(R"("client_cert":"none")"), std::string::npos)
      << tars.log();
  // A certificate from client_ca_bundle: verified, and marked so.
  EXPECT_EQ(statusOf(get("with-cert", "/healthz", file("hypersync-client"))), "200");
  EXPECT_NE(accessLineOf(tars, "with-cert").find(R"("client_cert":"verified")"), std::string::npos)
      << tars.log();
  // A certificate is a connection attribute, never a principal: a protected route still asks
  // for a token or key.
  Output me = get("cert-only", "/auth/me", file("hypersync-client"));
  EXPECT_EQ(statusOf(me), "401") << me.text;
  // A presented chain that does not verify fails the handshake, even in optional mode.
  TempDir other;
  RunResult made = runTars({"certs", "generate", "--out", other.path(), "--services", "hypersync"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  Output foreign = get("foreign", "/healthz", other.path() + "/hypersync-client");
  EXPECT_NE(foreign.exit_code, 0) << foreign.text;
}

TEST(TlsServerConfigTest, RedirectPortWithoutTlsIsRefusedAtStart) {
  TempDir dir;
  RunResult r = runTars({"serve", "--port", "0", "--data-dir", dir.path() + "/data"},
                        {{"TARS_SERVER_HTTPS_REDIRECT_PORT", "8080"}});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("server.https_redirect_port"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("tls.enabled is false"), std::string::npos) << r.err;
}

TEST_F(TlsServerTest, RequiredMtlsEnforcesTheCaAndTheSanAllowList) {
  auto env = tlsEnv();
  env["TARS_TLS_REQUIRE_MTLS"] = "true";
  env["TARS_TLS_CLIENT_CA_BUNDLE"] = file("ca.crt");
  env["TARS_TLS_VERIFY_CLIENT_SAN"] = "true";
  env["TARS_TLS_ALLOWED_CLIENT_SANS"] = "tars-hypersync.tars.svc.cluster.local";
  TarsProcess tars({}, env);
  ASSERT_TRUE(tars.started()) << tars.log();

  Output none = curlTls(tars.port(), "/healthz", file("ca.crt"));
  EXPECT_NE(none.exit_code, 0) << "no client certificate: the handshake fails\n" << none.text;

  Output allowed = curlTls(tars.port(), "/healthz", file("ca.crt"), file("hypersync-client"));
  EXPECT_EQ(statusOf(allowed), "200") << allowed.text;

  Output refused = curlTls(tars.port(), "/healthz", file("ca.crt"), file("dashboard-client"));
  EXPECT_EQ(statusOf(refused), "403") << refused.text;
  EXPECT_NE(refused.text.find("urn:tars:problem:tls/client-san-not-allowed"), std::string::npos)
      << refused.text;
  EXPECT_NE(refused.text.find("client certificate SAN not allowed"), std::string::npos);

  TempDir other;
  RunResult made = runTars({"certs", "generate", "--out", other.path(), "--services", "hypersync"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  Output foreign =
      curlTls(tars.port(), "/healthz", file("ca.crt"), other.path() + "/hypersync-client");
  EXPECT_NE(foreign.exit_code, 0) << "a certificate from another CA is refused\n" << foreign.text;
  EXPECT_NE(tars.log().find("tls handshake failed"), std::string::npos);
}

TEST_F(TlsServerTest, SighupReloadsTheCertificateWithoutFailingARequest) {
  TarsProcess tars({}, tlsEnv());
  ASSERT_TRUE(tars.started()) << tars.log();
  const std::string before = servedSerial(tars.port());
  ASSERT_NE(before.find("serial="), std::string::npos) << before;

  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::thread client([&] {
    while (!stop) {
      Output o = curlTls(tars.port(), "/healthz", file("ca.crt"));
      (statusOf(o) == "200" ? ok : failed)++;
    }
  });
  // New leaves signed by the same CA, written over the served files.
  RunResult again = runTars(
      {"certs", "generate", "--out", certs(), "--services", "auth,hypersync,dashboard", "--force"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  tars.signal(SIGHUP);
  std::string after;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    after = servedSerial(tars.port());
  } while (after == before && std::chrono::steady_clock::now() < deadline);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  client.join();
  EXPECT_NE(after, before) << "new handshakes see the new certificate\n" << tars.log();
  EXPECT_NE(tars.log().find("tls certificate reloaded"), std::string::npos) << tars.log();
  EXPECT_GT(ok.load(), 0);
  EXPECT_EQ(failed.load(), 0) << "no request failed during the reload";

  // A bad replacement is refused and the current certificate stays in service.
  std::filesystem::resize_file(file("auth.crt"), 10);
  tars.signal(SIGHUP);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(statusOf(curlTls(tars.port(), "/healthz", file("ca.crt"))), "200");
  EXPECT_EQ(servedSerial(tars.port()), after);
  EXPECT_NE(tars.log().find("tls reload refused"), std::string::npos) << tars.log();
}

TEST_F(TlsServerTest, AMissingCertificateStopsTheStartNamingTheField) {
  RunResult r = runTars({"serve", "--port", "0", "--data-dir", dir_.path() + "/d"},
                        {{"TARS_TLS_ENABLED", "true"},
                         {"TARS_TLS_SERVER_CERT", file("nope.crt")},
                         {"TARS_TLS_SERVER_KEY", file("auth.key")}},
                        std::chrono::seconds(10));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("tls.server_cert"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tars::test
