// The /verify context (spec/cap.md §7.3, §13) and the company root (§2.6).

#include "services/verifier/verify_context.h"

#include <gtest/gtest.h>

#include "crypto/blake3.h"
#include "services/verifier/commitments.h"
#include "verify_test_util.h"

namespace tars::verifier {
namespace {

using test::parseJson;

const std::string kH1 = "0x281d3eac17c8697ae5cac4255c605730d1d9db2a75cd4a2fe6fc367d8b1a31a2";
const std::string kH2 = "0xe835adb2a5dee76c2bede526f002e956fb875d87f6eb7770207fc91f4e4a6c0a";
constexpr std::string_view kBadHash = "expected 0x followed by 64 lower-case hex digits";

CapError errorOf(std::string_view text, const ContextLimits& limits = {}) {
  boost::json::value v = parseJson(text);
  CapOr<VerifyContext> c = readVerifyContext(&v, limits);
  EXPECT_FALSE(c.isOk());
  return c.isOk() ? CapError{} : c.error();
}

TEST(VerifyContextTest, ReadsTypedMembersAndKeepsRaw) {
  boost::json::value v = parseJson(R"({"supplier_hashes":[")" + kH1 + R"("],"ubo_hashes":[")" +
                                   kH2 + R"("],"sanctions_root":")" + kH1 +
                                   R"(","jurisdiction_root":null,"variables":{"age":3},"x":[1]})");
  CapOr<VerifyContext> c = readVerifyContext(&v);
  ASSERT_TRUE(c.isOk()) << c.status().toString();
  EXPECT_EQ(c->supplier_hashes, std::vector<std::string>{kH1});
  EXPECT_EQ(c->ubo_hashes, std::vector<std::string>{kH2});
  EXPECT_EQ(c->sanctions_root, kH1);
  EXPECT_FALSE(c->jurisdiction_root.has_value());
  EXPECT_FALSE(c->company_commitment_root.has_value());
  EXPECT_EQ(c->variables.at("age").as_int64(), 3);
  EXPECT_EQ(c->raw, v.as_object());
  EXPECT_EQ(*resolveName(*c, "x"), parseJson("[1]"));
  EXPECT_EQ(*resolveName(*c, "age"), parseJson("3"));
  EXPECT_EQ(resolveName(*c, "jurisdiction_root"), nullptr);
}

TEST(VerifyContextTest, MissingOrNotObject) {
  CapOr<VerifyContext> absent = readVerifyContext(nullptr);
  ASSERT_FALSE(absent.isOk());
  EXPECT_EQ(absent.error().problem, CapProblem::kInvalidContext);
  EXPECT_EQ(absent.error().status.fieldErrors(),
            (std::vector<FieldError>{{"context", "is required"}}));
  CapError e = errorOf("[1]");
  EXPECT_EQ(e.problem, CapProblem::kInvalidContext);
  EXPECT_EQ(e.status.code(), StatusCode::kValidation);
  EXPECT_EQ(e.status.fieldErrors(), (std::vector<FieldError>{{"context", "expected object"}}));
}

TEST(VerifyContextTest, MalformedHashesNamedByPath) {
  CapError e = errorOf(R"({"supplier_hashes":["0xABC"]})");
  EXPECT_EQ(e.problem, CapProblem::kInvalidContext);
  EXPECT_EQ(e.status.fieldErrors(),
            (std::vector<FieldError>{{"context.supplier_hashes[0]", std::string(kBadHash)}}));
  // Upper-case hex is refused, never normalised.
  std::string upper = kH1;
  upper[5] = 'D';
  e = errorOf(R"({"ubo_hashes":[")" + kH1 + R"(",")" + kH1 + R"(",1,")" + upper + R"("]})");
  EXPECT_EQ(e.status.fieldErrors(),
            (std::vector<FieldError>{{"context.ubo_hashes[2]", std::string(kBadHash)},
                                     {"context.ubo_hashes[3]", std::string(kBadHash)}}));
  e = errorOf(R"({"sanctions_root":"abc","company_commitment_root":5,"jurisdiction_root":")" + kH1 +
              R"("})");
  EXPECT_EQ(e.status.fieldErrors(),
            (std::vector<FieldError>{{"context.company_commitment_root", std::string(kBadHash)},
                                     {"context.sanctions_root", std::string(kBadHash)}}));
}

TEST(VerifyContextTest, WrongTypes) {
  CapError e = errorOf(R"({"supplier_hashes":"x","variables":[]})");
  EXPECT_EQ(e.status.fieldErrors(),
            (std::vector<FieldError>{{"context.supplier_hashes", "expected array"},
                                     {"context.variables", "expected object"}}));
}

TEST(VerifyContextTest, ArrayLimit) {
  ContextLimits limits;
  limits.max_array_elements = 2;
  std::string three = "[\"" + kH1 + "\",\"" + kH1 + "\",\"" + kH1 + "\"]";
  CapError e = errorOf(R"({"supplier_hashes":)" + three + "}", limits);
  EXPECT_EQ(e.problem, CapProblem::kInvalidContext);
  EXPECT_EQ(e.status.message(), "context.supplier_hashes: at most 2 elements");
  boost::json::value ok = parseJson(R"({"ubo_hashes":[")" + kH1 + "\",\"" + kH1 + "\"]}");
  EXPECT_TRUE(readVerifyContext(&ok, limits).isOk());
}

TEST(VerifyContextTest, DefaultArrayLimitIs50000) {
  boost::json::array hashes;
  for (int i = 0; i < 50001; ++i)
    hashes.emplace_back(kH1);
  boost::json::object o;
  o["supplier_hashes"] = std::move(hashes);
  boost::json::value v(std::move(o));
  CapOr<VerifyContext> c = readVerifyContext(&v);
  ASSERT_FALSE(c.isOk());
  EXPECT_EQ(c.error().status.message(), "context.supplier_hashes: at most 50000 elements");
  v.as_object()["supplier_hashes"].as_array().pop_back();
  EXPECT_TRUE(readVerifyContext(&v).isOk());
}

TEST(VerifyContextTest, CompanyRoot) {
  boost::json::value given = parseJson(R"({"company_commitment_root":")" + kH2 +
                                       R"(","supplier_hashes":[")" + kH1 + R"("]})");
  EXPECT_EQ(companyRootFor(*readVerifyContext(&given)), kH2);
  boost::json::value derived =
      parseJson(R"({"supplier_hashes":[")" + kH1 + R"("],"ubo_hashes":[")" + kH2 + R"("]})");
  const std::vector<std::string> s{kH1}, u{kH2};
  EXPECT_EQ(companyRootFor(*readVerifyContext(&derived)), derivedCompanyRoot(s, u));
  EXPECT_EQ(*companyRootFor(*readVerifyContext(&derived)), crypto::blake3Hex(kH1 + kH2));
  boost::json::value none = parseJson(R"({"company_commitment_root":null})");
  EXPECT_FALSE(companyRootFor(*readVerifyContext(&none)).has_value());
}

}  // namespace
}  // namespace tars::verifier
