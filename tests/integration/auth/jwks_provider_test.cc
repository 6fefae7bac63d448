// External JWKS providers end to end (issue #3 item 5; spec/cap.md §10.3–10.4): one real tars
// ("the IdP") issues ES256 tokens and serves its key set over HTTPS with a certificate from
// `tars certs generate`; a second tars lists it in auth.jwks_providers, fetches the key set
// through the outbound client (CA pinned with the provider's ca_bundle) and accepts its tokens.
// A provider that cannot be reached leaves the second tars up, DEGRADED, refusing those tokens
// with 503.

#include <gtest/gtest.h>

#include <signal.h>

#include <boost/json/parse.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "auth_client.h"
#include "harness/tars_process.h"
#include "process_runner.h"

namespace tars::test {
namespace {

constexpr char kIdpIssuer[] = "https://idp-a.test/";

// curl against the IdP over HTTPS; returns the body, with the status code on the last line.
std::string curlIdp(std::uint16_t port, const std::string& ca, const std::vector<std::string>& args,
                    const std::string& path) {
  std::vector<std::string> argv{"curl",     "-sS", "--max-time", "10",
                                "--cacert", ca,    "-w",         "\n%{http_code}"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("https://localhost:" + std::to_string(port) + path);
  return tls::test::runProcess(argv, "", std::chrono::seconds(15)).out;
}

std::string statusLine(const std::string& out) {
  return out.substr(out.rfind('\n') + 1);
}

class JwksProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RunResult made = runTars({"certs", "generate", "--out", certs(), "--services", "auth"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }

  std::string certs() const { return dir_.path() + "/certs"; }
  std::string ca() const { return certs() + "/ca.crt"; }

  std::unique_ptr<TarsProcess> startIdp() {
    auto idp = std::make_unique<TarsProcess>(
        std::vector<std::string>{},
        std::map<std::string, std::string>{{"TARS_TLS_ENABLED", "true"},
                                           {"TARS_TLS_SERVER_CERT", certs() + "/auth.crt"},
                                           {"TARS_TLS_SERVER_KEY", certs() + "/auth.key"},
                                           {"TARS_AUTH_JWT_ALGORITHM", "ES256"},
                                           {"TARS_AUTH_JWT_ISSUER", kIdpIssuer},
                                           {"TARS_AUTH_JWT_AUDIENCE", "cap-verifier"}});
    EXPECT_TRUE(idp->started()) << idp->log();
    return idp;
  }

  // The relying tars, with the IdP as its one provider at `jwks_url`.
  std::unique_ptr<TarsProcess> startRelyingParty(const std::string& jwks_url) {
    const std::string config = dir_.path() + "/rp.yaml";
    std::ofstream(config) << "auth:\n"
                          << "  jwks_providers:\n"
                          << "    - name: idp-a\n"
                          << "      issuer: " << kIdpIssuer << "\n"
                          << "      audience: cap-verifier\n"
                          << "      jwks_url: " << jwks_url << "\n"
                          << "      ca_bundle: " << ca() << "\n";
    auto rp = std::make_unique<TarsProcess>(std::vector<std::string>{"--config", config},
                                            std::map<std::string, std::string>{});
    EXPECT_TRUE(rp->started()) << rp->log();
    return rp;
  }

  // An access token from the IdP's /auth/login (over HTTPS).
  std::string idpToken(std::uint16_t idp_port) {
    std::string out = curlIdp(idp_port, ca(),
                              {"-H", "Content-Type: application/json", "-d",
                               R"({"username":"admin","password":"admin123"})"},
                              "/auth/login");
    EXPECT_EQ(statusLine(out), "200") << out;
    boost::system::error_code ec;
    auto json = boost::json::parse(out.substr(0, out.rfind('\n')), ec);
    if (ec || !json.is_object() || !json.as_object().contains("access_token"))
      return "";
    return std::string(json.as_object().at("access_token").as_string());
  }

  TempDir dir_;
};

TEST_F(JwksProviderTest, TokensOfTheProviderAreAcceptedWithItsFetchedKeys) {
  auto idp = startIdp();
  ASSERT_TRUE(idp->started());
  const std::string jwks_url =
      "https://localhost:" + std::to_string(idp->port()) + "/.well-known/jwks.json";
  auto rp = startRelyingParty(jwks_url);
  ASSERT_TRUE(rp->started());
  AuthClient client(rp->port());

  Reply ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_NE(ready.body.find(R"({"name":"jwks:idp-a","status":"OK"})"), std::string::npos)
      << ready.body;

  const std::string token = idpToken(idp->port());
  ASSERT_FALSE(token.empty());
  Reply me = client.get("/auth/me", AuthClient::bearer(token));
  ASSERT_EQ(me.status, 200) << me.body << rp->log();
  EXPECT_EQ(me.field("principal_type"), "external");
  EXPECT_EQ(me.field("provider"), "idp-a");

  // A changed signature is refused: the key set is real, not a pass-through.
  std::string forged = token;
  forged[forged.size() - 5] = forged[forged.size() - 5] == 'A' ? 'B' : 'A';
  Reply refused = client.get("/auth/me", AuthClient::bearer(forged));
  EXPECT_EQ(refused.status, 401) << refused.body;

  // Another tars' own tokens still work beside the provider's.
  Reply own = client.login("admin", "admin123");
  ASSERT_EQ(own.status, 200) << own.body;
  Reply own_me = client.get("/auth/me", AuthClient::bearer(own.field("access_token")));
  EXPECT_EQ(own_me.status, 200) << own_me.body;
  EXPECT_NE(own_me.field("principal_type"), "external");
}

TEST_F(JwksProviderTest, AnUnreachableProviderDegradesReadinessAndFailsItsTokensClosed) {
  auto idp = startIdp();
  ASSERT_TRUE(idp->started());
  const std::string token = idpToken(idp->port());
  ASSERT_FALSE(token.empty());
  const std::uint16_t gone = idp->port();
  idp->signal(SIGTERM);
  ASSERT_EQ(idp->waitExit(), 0);

  auto rp =
      startRelyingParty("https://localhost:" + std::to_string(gone) + "/.well-known/jwks.json");
  ASSERT_TRUE(rp->started()) << "an unreachable provider does not stop the start";
  EXPECT_NE(rp->log().find("jwks provider has no key set yet"), std::string::npos) << rp->log();
  AuthClient client(rp->port());

  Reply ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_NE(ready.body.find(R"("status":"DEGRADED")"), std::string::npos) << ready.body;
  EXPECT_NE(ready.body.find(R"({"name":"jwks:idp-a","status":"DEGRADED"})"), std::string::npos)
      << ready.body;

  Reply me = client.get("/auth/me", AuthClient::bearer(token));
  EXPECT_EQ(me.status, 503) << me.body;
  EXPECT_EQ(me.header("Retry-After"), "30");
  EXPECT_NE(me.body.find("auth/jwks-fetch-failed"), std::string::npos) << me.body;
  // Details never carry the URL (cap.md §10.5).
  EXPECT_EQ(me.body.find("jwks.json"), std::string::npos) << me.body;
}

TEST(JwksProviderConfigTest, AnUnusableCaBundleStopsTheStartNamingTheField) {
  TempDir dir;
  const std::string bad_ca = dir.write("bad-ca.crt", "not a certificate");
  const std::string config =
      dir.write("rp.yaml", std::string("auth:\n  jwks_providers:\n") + "    - name: idp-a\n" +
                               "      issuer: https://idp-a.test/\n" + "      audience: x\n" +
                               "      jwks_url: https://127.0.0.1:1/j\n" +
                               "      ca_bundle: " + bad_ca + "\n");
  RunResult r =
      runTars({"serve", "--port", "0", "--data-dir", dir.path() + "/data", "--config", config}, {},
              std::chrono::seconds(20));
  EXPECT_NE(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("auth.jwks_providers[0].ca_bundle"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tars::test
