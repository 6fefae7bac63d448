#include "http/filters/https_redirect/https_redirect_filter.h"

#include <gtest/gtest.h>

#include "request_fixture.h"

namespace tars::http::filters {
namespace {

using boost::beast::http::verb;

class HttpsRedirectFilterTest : public ::testing::Test {
 protected:
  FilterResult answer(verb method, std::string target,
                      std::vector<std::pair<std::string, std::string>> headers) {
    fx_.make(method, std::move(target), std::move(headers));
    RequestContext ctx;
    return filter_.onRequestHeaders(*fx_.req, ctx);
  }

  std::shared_ptr<std::atomic<std::uint16_t>> port_ =
      std::make_shared<std::atomic<std::uint16_t>>(8443);
  HttpsRedirectFilter filter_{port_};
  test::RequestFixture fx_;
};

TEST_F(HttpsRedirectFilterTest, RedirectsPathAndQueryWith308ToTheTlsPort) {
  auto r = answer(verb::get, "/api/v1/x?a=1&b=%20", {{"Host", "tars.example.com:8080"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 308);
  ASSERT_NE(r->findHeader("Location"), nullptr);
  EXPECT_EQ(*r->findHeader("Location"), "https://tars.example.com:8443/api/v1/x?a=1&b=%20");
  EXPECT_TRUE(r->body.empty());
}

TEST_F(HttpsRedirectFilterTest, PostStaysAPostAndPortIsReadPerRequest) {
  port_->store(443);
  auto r = answer(verb::post, "/auth/login", {{"Host", "tars.example.com"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 308);  // 308, unlike 301/302, forbids turning the POST into a GET
  EXPECT_EQ(*r->findHeader("Location"), "https://tars.example.com/auth/login");
}

TEST_F(HttpsRedirectFilterTest, IpLiteralsKeepTheirForm) {
  auto v4 = answer(verb::get, "/", {{"Host", "127.0.0.1:80"}});
  ASSERT_TRUE(v4);
  EXPECT_EQ(*v4->findHeader("Location"), "https://127.0.0.1:8443/");
  auto v6 = answer(verb::get, "/h", {{"Host", "[::1]:80"}});
  ASSERT_TRUE(v6);
  EXPECT_EQ(*v6->findHeader("Location"), "https://[::1]:8443/h");
}

TEST_F(HttpsRedirectFilterTest, MissingOrUnusableHostIs400) {
  auto missing = answer(verb::get, "/", {});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(missing->content_type, "application/problem+json");
  for (const char* host : {"evil.com/path", "user@evil.com", "a b", "evil.com:80x", "[zz]:1",
                           "[::1", ".evil.com", "evil.com:123456", ""}) {
    auto r = answer(verb::get, "/", {{"Host", host}});
    ASSERT_TRUE(r) << host;
    EXPECT_EQ(r->status, 400) << host;
    EXPECT_EQ(r->findHeader("Location"), nullptr) << host;
  }
}

TEST(RedirectHostTest, AcceptsNamesAndLiteralsOnly) {
  EXPECT_EQ(redirectHost("Tars.Example.com"), "Tars.Example.com");
  EXPECT_EQ(redirectHost("tars:8080"), "tars");
  EXPECT_EQ(redirectHost("[2001:db8::1]"), "[2001:db8::1]");
  EXPECT_EQ(redirectHost("[2001:db8::1]:443"), "[2001:db8::1]");
  EXPECT_FALSE(redirectHost("tars:"));
  EXPECT_FALSE(redirectHost("[2001:db8::1]x"));
  EXPECT_FALSE(redirectHost(std::string(300, 'a')));
}

}  // namespace
}  // namespace tars::http::filters
