// The compile request members (spec/cap.md §5.2, §5.5 steps 1–2).

#include "services/verifier/policy_request.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace tars::verifier {
namespace {

CapOr<CompileRequest> readBody(std::string_view text) {
  return readCompileRequest(boost::json::parse(text).as_object());
}

TEST(PolicyRequestTest, Base64Lenient) {
  EXPECT_EQ(decodeBase64Lenient("aWQ6IHg="), "id: x");
  EXPECT_EQ(decodeBase64Lenient("aWQ6IHg"), "id: x");           // padding optional
  EXPECT_EQ(decodeBase64Lenient(" aWQ6\n IHg=\r\n"), "id: x");  // whitespace ignored
  EXPECT_EQ(decodeBase64Lenient("+/+/"), "\xfb\xff\xbf");       // standard alphabet
  EXPECT_EQ(decodeBase64Lenient(""), "");
  EXPECT_FALSE(decodeBase64Lenient("-_-_").has_value());       // URL alphabet
  EXPECT_FALSE(decodeBase64Lenient("aWQ6I").has_value());      // impossible length
  EXPECT_FALSE(decodeBase64Lenient("aW=Q").has_value());       // data after padding
  EXPECT_FALSE(decodeBase64Lenient("aWQ6IHg==").has_value());  // wrong padding
  EXPECT_FALSE(decodeBase64Lenient("aWQ6IH*=").has_value());
}

TEST(PolicyRequestTest, MissingPolicy) {
  for (const char* body : {"{}", R"({"policy":null,"policy_yaml":null,"lint_mode":"strict"})"}) {
    auto r = readBody(body);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.error().problem, CapProblem::kMissingPolicy);
    EXPECT_EQ(r.error().status.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.error().status.message(), "Missing policy_yaml or policy");
  }
}

TEST(PolicyRequestTest, YamlWinsOverJson) {
  auto r = readBody(R"({"policy":{"id":"json"},"policy_yaml":"aWQ6IHlhbWw="})");  // id: yaml
  ASSERT_TRUE(r.isOk());
  EXPECT_TRUE(r->from_yaml);
  EXPECT_EQ(r->document.at("id").as_string(), "yaml");
}

TEST(PolicyRequestTest, PolicyJsonPassedThrough) {
  auto r = readBody(R"({"policy":[1]})");
  ASSERT_TRUE(r.isOk());  // readPolicyV2 judges the shape
  EXPECT_FALSE(r->from_yaml);
  EXPECT_TRUE(r->document.is_array());
}

TEST(PolicyRequestTest, BadYamlInputs) {
  auto bad64 = readBody(R"({"policy_yaml":"not base64!"})");
  ASSERT_FALSE(bad64.isOk());
  EXPECT_EQ(bad64.error().status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad64.error().status.message(), "policy_yaml is not valid base64");

  auto not_string = readBody(R"({"policy_yaml":5})");
  ASSERT_FALSE(not_string.isOk());
  EXPECT_EQ(not_string.error().status.code(), StatusCode::kValidation);
  EXPECT_EQ(not_string.error().status.fieldErrors()[0].field, "policy_yaml");

  auto not_utf8 = readBody(R"({"policy_yaml":"/w=="})");  // 0xFF
  ASSERT_FALSE(not_utf8.isOk());
  EXPECT_EQ(not_utf8.error().status.message(), "YAML is not valid UTF-8");

  auto syntax = readBody(R"({"policy_yaml":"YTogWw=="})");  // "a: ["
  ASSERT_FALSE(syntax.isOk());
  EXPECT_EQ(syntax.error().status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(syntax.error().status.message().rfind("YAML parse error: ", 0), 0u);

  auto alias = readBody(R"({"policy_yaml":"YTogJngKYjogKngK"})");  // "a: &x\nb: *x\n"
  ASSERT_FALSE(alias.isOk());
  EXPECT_EQ(alias.error().problem, CapProblem::kInvalidPolicy);
}

TEST(PolicyRequestTest, LintModeAndPersist) {
  auto defaults = readBody(R"({"policy":{}})");
  ASSERT_TRUE(defaults.isOk());
  EXPECT_EQ(defaults->lint_mode, LintMode::kStrict);
  EXPECT_FALSE(defaults->persist);

  auto relaxed = readBody(R"({"policy":{},"lint_mode":"RELAXED","persist":true})");
  ASSERT_TRUE(relaxed.isOk());
  EXPECT_EQ(relaxed->lint_mode, LintMode::kRelaxed);
  EXPECT_TRUE(relaxed->persist);

  for (const char* body :
       {R"({"policy":{},"lint_mode":"lenient"})", R"({"policy":{},"lint_mode":1})"}) {
    auto r = readBody(body);
    ASSERT_FALSE(r.isOk()) << body;
    EXPECT_EQ(r.error().problem, CapProblem::kGeneric);
    EXPECT_EQ(r.error().status.code(), StatusCode::kValidation);
    EXPECT_EQ(r.error().status.fieldErrors()[0].field, "lint_mode");
  }
  auto persist = readBody(R"({"policy":{},"persist":"yes"})");
  ASSERT_FALSE(persist.isOk());
  EXPECT_EQ(persist.error().status.fieldErrors()[0].field, "persist");
}

}  // namespace
}  // namespace tars::verifier
