#include "http/filters/tls/client_san_filter.h"

#include <gtest/gtest.h>

#include "request_fixture.h"
#include "tls/peer_identity.h"

namespace tars::http::filters {
namespace {

std::shared_ptr<const tls::PeerIdentity> peer(bool with_certificate, tls::SanDecision san) {
  auto p = std::make_shared<tls::PeerIdentity>();
  if (with_certificate) {
    p->certificate.emplace();
    p->certificate->subject = "CN=tars-hypersync-client";
  }
  p->san = san;
  return p;
}

class ClientSanFilterTest : public ::testing::Test {
 protected:
  // The filter's answer for a request on `route` over a connection with `tls_peer`.
  FilterResult answer(const RouteSpec* route, std::shared_ptr<const tls::PeerIdentity> tls_peer) {
    fx_.make(boost::beast::http::verb::get, "/x", {});
    RequestContext ctx;
    ctx.route = route;
    ctx.tls_peer = std::move(tls_peer);
    return filter_.onRequestHeaders(*fx_.req, ctx);
  }

  ClientSanFilter filter_;
  test::RequestFixture fx_;
};

TEST_F(ClientSanFilterTest, OrdinaryRoutesPassWithOrWithoutACertificate) {
  RouteSpec open;
  open.access = AccessRule::of(AccessRule::Kind::kAuthenticated);
  EXPECT_FALSE(answer(&open, nullptr));
  EXPECT_FALSE(answer(&open, peer(false, tls::SanDecision::kNotChecked)));
  EXPECT_FALSE(answer(&open, peer(true, tls::SanDecision::kAllowed)));
  EXPECT_FALSE(answer(nullptr, nullptr));  // unmatched path: the router answers 404
}

TEST_F(ClientSanFilterTest, ADisallowedSanIsRefusedOnEveryRoute) {
  RouteSpec open;
  auto r = answer(&open, peer(true, tls::SanDecision::kNotAllowed));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(r->body.find("tls/client-san-not-allowed"), std::string::npos) << r->body;
}

TEST_F(ClientSanFilterTest, AnMtlsRouteNeedsAVerifiedClientCertificate) {
  RouteSpec mtls;
  mtls.access = AccessRule::role(Role::kDeveloper).withClientCertificate();
  for (const auto& without :
       {std::shared_ptr<const tls::PeerIdentity>{}, peer(false, tls::SanDecision::kNotChecked)}) {
    auto r = answer(&mtls, without);  // plain HTTP, or TLS without a client certificate
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    EXPECT_NE(r->body.find("tls/client-certificate-required"), std::string::npos) << r->body;
  }
  EXPECT_FALSE(answer(&mtls, peer(true, tls::SanDecision::kNotChecked)));
  EXPECT_FALSE(answer(&mtls, peer(true, tls::SanDecision::kAllowed)));
  auto refused = answer(&mtls, peer(true, tls::SanDecision::kNotAllowed));
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->body.find("tls/client-san-not-allowed"), std::string::npos);
}

TEST(AccessRuleTest, DescribeNamesTheMtlsRequirement) {
  EXPECT_EQ(AccessRule::role(Role::kDeveloper).describe(), "developer+");
  EXPECT_EQ(AccessRule::role(Role::kDeveloper).withClientCertificate().describe(),
            "developer+ + mtls");
  EXPECT_EQ(AccessRule::scopesAll({"verify:run"}).withClientCertificate().describe(),
            "scope:verify:run + mtls");
}

}  // namespace
}  // namespace tars::http::filters
