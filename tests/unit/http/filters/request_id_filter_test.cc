#include "http/filters/request_id/request_id_filter.h"

#include <gtest/gtest.h>

#include "test_util/fake_clock.h"

namespace tars::http::filters {
namespace {

TEST(TraceparentTest, AcceptsValidVersion00) {
  EXPECT_EQ(traceIdFromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            "4bf92f3577b34da6a3ce929d0e0e4736");
}

TEST(TraceparentTest, IgnoresMalformed) {
  EXPECT_EQ(traceIdFromTraceparent(""), "");
  EXPECT_EQ(traceIdFromTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), "");
  EXPECT_EQ(traceIdFromTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"), "");
  EXPECT_EQ(traceIdFromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"), "");
  EXPECT_EQ(traceIdFromTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"), "");
  EXPECT_EQ(traceIdFromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x"), "");
}

TEST(RequestIdFilterTest, GeneratesWhenAbsentAndEchoes) {
  test::FakeClock clock;
  IdGenerator ids(clock);
  RequestIdFilter f(ids);
  Request req(nullptr, Method::kGet, "GET", "/x");
  RequestContext ctx;
  EXPECT_FALSE(f.onRequestHeaders(req, ctx).has_value());
  ASSERT_EQ(ctx.request_id.size(), 4u + 26u);
  EXPECT_EQ(ctx.request_id.rfind("req_", 0), 0u);
  Response r;
  f.onResponse(req, ctx, r);
  ASSERT_NE(r.findHeader("X-Request-Id"), nullptr);
  EXPECT_EQ(*r.findHeader("x-request-id"), ctx.request_id);
}

}  // namespace
}  // namespace tars::http::filters
