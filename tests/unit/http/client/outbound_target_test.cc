// What the outbound client accepts as a URL and a request before it opens a socket.

#include "http/client/outbound_target.h"

#include <gtest/gtest.h>

#include "http/client/outbound_client.h"

namespace tars::http::client {
namespace {

TEST(OutboundTargetTest, HttpsUrlWithPortPathAndQuery) {
  auto t = parseOutboundTarget("https://idp.example.com:8443/keys/jwks.json?v=2#frag", false);
  ASSERT_TRUE(t.isOk()) << t.status().toString();
  EXPECT_TRUE(t->tls);
  EXPECT_EQ(t->host, "idp.example.com");
  EXPECT_EQ(t->port, "8443");
  EXPECT_EQ(t->host_header, "idp.example.com:8443");
  EXPECT_EQ(t->target, "/keys/jwks.json?v=2");  // the fragment never leaves the client
  EXPECT_EQ(t->endpoint, "idp.example.com:8443");
}

TEST(OutboundTargetTest, DefaultPortsAndAnEmptyPath) {
  auto https = parseOutboundTarget("HTTPS://Example.com", false);
  ASSERT_TRUE(https.isOk());
  EXPECT_EQ(https->port, "443");
  EXPECT_EQ(https->host_header, "Example.com");
  EXPECT_EQ(https->target, "/");
  auto http = parseOutboundTarget("http://127.0.0.1?x=1", true);
  ASSERT_TRUE(http.isOk());
  EXPECT_FALSE(http->tls);
  EXPECT_EQ(http->port, "80");
  EXPECT_EQ(http->target, "/?x=1");
}

TEST(OutboundTargetTest, Ipv6LiteralKeepsItsBracketsInHostAndEndpoint) {
  auto t = parseOutboundTarget("https://[::1]:9443/x", false);
  ASSERT_TRUE(t.isOk());
  EXPECT_EQ(t->host, "::1");
  EXPECT_EQ(t->host_header, "[::1]:9443");
  EXPECT_EQ(t->endpoint, "[::1]:9443");
}

TEST(OutboundTargetTest, RefusalsNeverRepeatThePathOrQuery) {
  const char* kRefused[] = {
      "ftp://host/secret-path",
      "https://user:pw@host/secret-path",
      "https:///secret-path",
      "https://host:0/secret-path",
      "https://host:65536/secret-path",
      "https://host:12ab/secret-path",
      "https://host/secret path",
      "https://host/secret\r\npath",
      "host/secret-path",
  };
  for (const char* url : kRefused) {
    auto t = parseOutboundTarget(url, true);
    ASSERT_FALSE(t.isOk()) << url;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(t.status().message().find("secret"), std::string::npos) << t.status().message();
  }
}

TEST(OutboundTargetTest, PlainHttpOnlyWhenAllowed) {
  auto refused = parseOutboundTarget("http://idp.example.com/jwks", false);
  ASSERT_FALSE(refused.isOk());
  EXPECT_NE(refused.status().message().find("https"), std::string::npos);
  EXPECT_TRUE(parseOutboundTarget("http://idp.example.com/jwks", true).isOk());
}

TEST(OutboundTargetTest, OverlongUrlIsRefused) {
  EXPECT_FALSE(parseOutboundTarget("https://h/" + std::string(9000, 'a'), false).isOk());
}

TEST(OutboundRequestCheckTest, MethodsAndHeadersMustBeSafeToWrite) {
  OutboundRequest ok;
  ok.method = "POST";
  ok.headers = {{"X-API-Key", "tars_abc"}, {"Accept", "application/json"}};
  EXPECT_TRUE(checkOutboundRequest(ok).isOk());

  OutboundRequest bad_method;
  bad_method.method = "GET /x HTTP/1.1\r\n";
  EXPECT_FALSE(checkOutboundRequest(bad_method).isOk());

  for (const char* own : {"Host", "content-length", "Transfer-Encoding", "CONNECTION"}) {
    OutboundRequest r;
    r.headers = {{own, "x"}};
    EXPECT_FALSE(checkOutboundRequest(r).isOk()) << own;
  }
  OutboundRequest bad_name;
  bad_name.headers = {{"X Bad", "v"}};
  EXPECT_FALSE(checkOutboundRequest(bad_name).isOk());

  OutboundRequest split;
  split.headers = {{"X-Api-Key", "secret-value\r\nX-Injected: 1"}};
  Status st = checkOutboundRequest(split);
  ASSERT_FALSE(st.isOk());
  EXPECT_EQ(st.message().find("secret-value"), std::string::npos) << "values are never quoted";
  OutboundRequest nul;
  nul.headers = {{"X-A", std::string("a\0b", 3)}};
  EXPECT_FALSE(checkOutboundRequest(nul).isOk());
}

}  // namespace
}  // namespace tars::http::client
