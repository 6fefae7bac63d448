#include "http/filter/problem.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace tars::http {
namespace {

boost::json::object parse(const std::string& s) {
  return boost::json::parse(s).as_object();
}

TEST(ProblemTest, BodyHasEveryMember) {
  auto r = problemResponse(404, "not-found", "no resource at /x", "/x", "req_1");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto o = parse(r.body);
  EXPECT_EQ(o.at("type").as_string(), "urn:tars:problem:not-found");
  EXPECT_EQ(o.at("title").as_string(), "Not Found");
  EXPECT_EQ(o.at("status").as_int64(), 404);
  EXPECT_EQ(o.at("detail").as_string(), "no resource at /x");
  EXPECT_EQ(o.at("instance").as_string(), "/x");
  EXPECT_EQ(o.at("request_id").as_string(), "req_1");
  EXPECT_FALSE(o.contains("errors"));
}

TEST(ProblemTest, FieldErrorsBecomeErrorsArray) {
  Status st =
      validationError("invalid body", {{"username", "expected string"}, {"password", "required"}});
  auto r = problemResponse(problemFromStatus(st), "/auth/login", "req_2");
  EXPECT_EQ(r.status, 422);
  auto o = parse(r.body);
  EXPECT_EQ(o.at("type").as_string(), "urn:tars:problem:validation-error");
  auto& errs = o.at("errors").as_array();
  ASSERT_EQ(errs.size(), 2u);
  EXPECT_EQ(errs[0].as_object().at("field").as_string(), "username");
  EXPECT_EQ(errs[1].as_object().at("message").as_string(), "required");
}

TEST(ProblemTest, StatusCodesMapOnce) {
  struct Case {
    Status st;
    int status;
    const char* slug;
  } cases[] = {
      {invalidArgument("x"), 400, "urn:tars:problem:bad-request"},
      {notFound("x"), 404, "urn:tars:problem:not-found"},
      {alreadyExists("x"), 409, "urn:tars:problem:conflict"},
      {failedPrecondition("x"), 409, "urn:tars:problem:conflict"},
      {Status(StatusCode::kPayloadTooLarge, "x"), 413, "urn:tars:problem:payload-too-large"},
      {Status(StatusCode::kUnsupportedMediaType, "x"), 415,
       "urn:tars:problem:unsupported-media-type"},
      {Status(StatusCode::kResourceExhausted, "x"), 429, "urn:tars:problem:rate-limited"},
      {unavailable("x"), 503, "urn:tars:problem:service-unavailable"},
      {Status(StatusCode::kDeadlineExceeded, "x"), 504, "urn:tars:problem:upstream-timeout"},
  };
  for (const auto& c : cases) {
    auto r = problemResponse(problemFromStatus(c.st), "/p", "id");
    EXPECT_EQ(r.status, c.status) << c.slug;
    EXPECT_EQ(parse(r.body).at("type").as_string(), c.slug);
  }
}

TEST(ProblemTest, InternalErrorsLeakNothing) {
  auto r = problemResponse(
      problemFromStatus(internalError("sqlite: table users is locked at 0x7f")), "/p", "id");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("sqlite"), std::string::npos);
  EXPECT_EQ(parse(r.body).at("detail").as_string(), "internal error");
}

TEST(ProblemTest, HostileTextIsEscaped) {
  auto r = problemResponse(404, "not-found", "no resource at /\"}\n\x01", "/\"}", "id");
  auto o = parse(r.body);  // throws if the JSON is broken
  EXPECT_EQ(o.at("instance").as_string(), "/\"}");
}

}  // namespace
}  // namespace tars::http
