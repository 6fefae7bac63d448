// PolicyV2 → IR v1 (spec/cap.md §5.4–§5.5) and the §5.9 golden vector (lksg.v1), read from the
// spec itself and checked byte for byte: both preimages, both hashes, the ETag and the response.

#include "services/verifier/compiler.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/strict_json.h"
#include "crypto/hash.h"
#include "services/verifier/policy_request.h"
#include "services/verifier/policy_v2_hash.h"
#include "services/verifier/policy_yaml.h"
#include "spec_text.h"

namespace tars::verifier {
namespace {

std::string stripTrailingNewline(std::string s) {
  while (!s.empty() && s.back() == '\n')
    s.pop_back();
  return s;
}

// The same bytes the base64 of the spec's request would carry.
std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6)
      out.push_back(kAlphabet[(n >> k) & 63]);
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size())
      n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

struct GoldenVector {
  std::string yaml;
  std::string policy_preimage;
  std::string ir_preimage;
  std::string response;  // compact: the spec shows it over several lines
  std::string policy_hash;
  std::string ir_hash;
  std::string etag;
};

GoldenVector loadGolden() {
  GoldenVector g;
  const std::string section =
      test::specSection(test::readCapSpec(), "### 5.9 Compile golden vector");
  const std::vector<std::string> blocks = test::fencedBlocks(section);
  if (blocks.size() != 4)
    return g;
  g.yaml = blocks[0];
  g.policy_preimage = stripTrailingNewline(blocks[1]);
  g.ir_preimage = stripTrailingNewline(blocks[2]);
  // The spec breaks the response between members and indents the next line by one space; no
  // string in it holds a line break, so dropping each break and its indent restores the bytes.
  const std::string& shown = blocks[3];
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (shown[i] != '\n') {
      g.response.push_back(shown[i]);
      continue;
    }
    while (i + 1 < shown.size() && shown[i + 1] == ' ')
      ++i;
  }
  g.policy_hash = test::backtickedAfter(section, "`policy_hash` = `");
  g.ir_hash = test::backtickedAfter(section, "`ir_hash` = `");
  g.etag = test::backtickedAfter(section, "ETag header value\n`");
  return g;
}

class GoldenVectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    golden_ = loadGolden();
    ASSERT_FALSE(golden_.yaml.empty()) << "cap.md §5.9 not found (run through ctest)";
    // The vector as the spec states it, before we use it.
    ASSERT_EQ(golden_.policy_preimage.size(), 306u);
    ASSERT_EQ(golden_.policy_hash,
              "sha3-256:b98c3db55f874476dc749ea32b70bdf5369a0d7bc5364f236e034f1ddcd94638");
    ASSERT_EQ(golden_.ir_hash,
              "sha3-256:df3a3eeb7c72f6204131397e4b0a4b16235f1e20cc66102153ad6d4ee78f892c");
  }

  void expectGolden(const CompileOutcome& outcome) {
    EXPECT_TRUE(outcome.diagnostics.empty());
    ASSERT_TRUE(outcome.compiled.has_value());
    const CompiledPolicy& c = *outcome.compiled;
    EXPECT_EQ(c.policy_json, golden_.policy_preimage);
    EXPECT_EQ(c.policy_hash, golden_.policy_hash);
    EXPECT_EQ("sha3-256:" + crypto::toHex(crypto::sha3_256(golden_.policy_preimage)),
              golden_.policy_hash);  // the spec's preimage and hash agree
    IrV1 unhashed = c.ir;
    unhashed.ir_hash = "";
    auto preimage = irCanonicalJson(unhashed);
    ASSERT_TRUE(preimage.isOk());
    EXPECT_EQ(*preimage, golden_.ir_preimage);
    EXPECT_EQ(c.ir.ir_hash, golden_.ir_hash);
    EXPECT_EQ(c.etag, golden_.etag);
    EXPECT_EQ(c.etag, "\"ir:" + golden_.ir_hash + "\"");
    auto response = compileResponseJson(c, /*stored=*/true);
    ASSERT_TRUE(response.isOk());
    EXPECT_EQ(*response, golden_.response);
  }

  GoldenVector golden_;
};

TEST_F(GoldenVectorTest, FromYamlStrictAndRelaxed) {
  auto document = readPolicyYaml(golden_.yaml);
  ASSERT_TRUE(document.isOk()) << document.status().toString();
  for (LintMode mode : {LintMode::kStrict, LintMode::kRelaxed}) {
    auto outcome = compilePolicyDocument(*document, mode);
    ASSERT_TRUE(outcome.isOk()) << outcome.status().toString();
    expectGolden(*outcome);
  }
}

TEST_F(GoldenVectorTest, FromTheRequestBodyWithBase64Yaml) {
  const std::string body =
      R"({"policy_yaml":")" + base64(golden_.yaml) + R"(","lint_mode":"strict","persist":true})";
  auto parsed = json::parseStrict(body);
  ASSERT_TRUE(parsed.isOk());
  auto request = readCompileRequest(parsed->as_object());
  ASSERT_TRUE(request.isOk()) << request.status().toString();
  EXPECT_TRUE(request->from_yaml);
  EXPECT_TRUE(request->persist);
  auto outcome = compilePolicyDocument(request->document, request->lint_mode);
  ASSERT_TRUE(outcome.isOk());
  expectGolden(*outcome);
}

TEST_F(GoldenVectorTest, FromTheEquivalentJsonInAnyMemberOrder) {
  const std::string body = R"({"persist":true,"policy":{
      "rules":[{"rhs":"sanctions_root","lhs":"supplier_hashes","op":"non_membership",
                "id":"no_sanctions"}],
      "inputs":{"supplier_hashes":{"items":"hex","type":"array"},"sanctions_root":{"type":"hex"}},
      "description":"Minimal LkSG supplier check","legal_basis":[{"directive":"LkSG"}],
      "version":"1.0","id":"lksg.v1","unknown_member":{"ignored":[1,2,3]}}})";
  auto parsed = json::parseStrict(body);
  ASSERT_TRUE(parsed.isOk());
  auto request = readCompileRequest(parsed->as_object());
  ASSERT_TRUE(request.isOk());
  EXPECT_FALSE(request->from_yaml);
  auto outcome = compilePolicyDocument(request->document, request->lint_mode);
  ASSERT_TRUE(outcome.isOk());
  expectGolden(*outcome);
}

boost::json::value doc(std::string_view text) {
  return boost::json::parse(text);
}

TEST(CompilerTest, RulesSortedByIdBytesAndOperandsConverted) {
  auto outcome = compilePolicyDocument(doc(R"({"id":"p","version":"1","legal_basis":[{}],
      "description":"d","inputs":{},"rules":[
        {"id":"b","op":"eq","lhs":"x","rhs":"active"},
        {"id":"B","op":"range_min","lhs":{"var":"age"},"rhs":18},
        {"id":"a","op":"threshold","lhs":["s",true,{"var":"v"}],"rhs":0.5},
        {"id":"é","op":"gt","lhs":null,"rhs":{"k":"v","a":1}}]})"),
                                       LintMode::kStrict);
  ASSERT_TRUE(outcome.isOk()) << outcome.status().toString();
  ASSERT_TRUE(outcome->compiled.has_value());
  const IrV1& ir = outcome->compiled->ir;
  ASSERT_EQ(ir.rules.size(), 4u);
  EXPECT_EQ(ir.rules[0].id, "B");
  EXPECT_EQ(ir.rules[1].id, "a");
  EXPECT_EQ(ir.rules[2].id, "b");
  EXPECT_EQ(ir.rules[3].id, "é");
  EXPECT_EQ(outcome->compiled->ir_json,
            R"({"ir_version":"1.0","policy_id":"p","policy_hash":")" + ir.policy_hash +
                R"(","rules":[)"
                R"({"id":"B","op":"range_min","lhs":{"var":"age"},"rhs":18},)"
                R"({"id":"a","op":"threshold","lhs":["s",true,{"var":"v"}],"rhs":0.5},)"
                R"({"id":"b","op":"eq","lhs":{"var":"x"},"rhs":{"var":"active"}},)"
                R"({"id":"é","op":"gt","lhs":null,"rhs":{"a":1,"k":"v"}}],"ir_hash":")" +
                ir.ir_hash + R"("})");
  // The policy hash keeps source order and the operands as written.
  EXPECT_NE(outcome->compiled->policy_json.find(
                R"("rules":[{"id":"b","op":"eq","lhs":"x","rhs":"active"},)"),
            std::string::npos);
}

TEST(CompilerTest, AdaptivityCopiedInSourceOrder) {
  auto outcome = compilePolicyDocument(doc(R"({"id":"p","version":"1","legal_basis":[{}],
      "description":"d","inputs":{},"rules":[{"id":"r2","op":"eq","lhs":1,"rhs":1},
                                             {"id":"r1","op":"eq","lhs":1,"rhs":1}],
      "adaptivity":{"predicates":[{"id":"z","expr":{"func":"lt","args":["age",18]}},
                                  {"id":"a","expr":true}],
                    "activations":[{"when":"z","rules":["r2","r1"]}]}})"),
                                       LintMode::kStrict);
  ASSERT_TRUE(outcome.isOk());
  ASSERT_TRUE(outcome->compiled.has_value());
  const std::string& ir = outcome->compiled->ir_json;
  EXPECT_NE(ir.find(R"("adaptivity":{"predicates":[{"id":"z","expr":{"args":["age",18],)"
                    R"("func":"lt"}},{"id":"a","expr":true}],"activations":[{"when":"z",)"
                    R"("rules":["r2","r1"]}]},"ir_hash":")"),
            std::string::npos)
      << ir;
}

TEST(CompilerTest, AdaptivityWithoutListsWritesEmptyLists) {
  auto outcome = compilePolicyDocument(doc(R"({"id":"p","version":"1","legal_basis":[{}],
      "description":"d","inputs":{},"rules":[],"adaptivity":{}})"),
                                       LintMode::kStrict);
  ASSERT_TRUE(outcome.isOk());
  ASSERT_TRUE(outcome->compiled.has_value());
  EXPECT_NE(outcome->compiled->policy_json.find(
                R"("rules":[],"adaptivity":{"predicates":[],"activations":[]}})"),
            std::string::npos);
}

TEST(CompilerTest, HashesChangeWithContentNotWithMemberOrder) {
  const char* a = R"({"id":"p","version":"1","legal_basis":[{}],"description":"d","inputs":{},
                      "rules":[{"id":"r","op":"eq","lhs":{"b":1,"a":2},"rhs":1}]})";
  const char* b = R"({"rules":[{"rhs":1,"lhs":{"a":2,"b":1},"op":"eq","id":"r"}],"inputs":{},
                      "description":"d","legal_basis":[{}],"version":"1","id":"p"})";
  const char* c = R"({"id":"p","version":"1","legal_basis":[{}],"description":"d","inputs":{},
                      "rules":[{"id":"r","op":"eq","lhs":{"b":1,"a":2},"rhs":1.0}]})";
  auto ha = compilePolicyDocument(doc(a), LintMode::kStrict);
  auto hb = compilePolicyDocument(doc(b), LintMode::kStrict);
  auto hc = compilePolicyDocument(doc(c), LintMode::kStrict);
  ASSERT_TRUE(ha.isOk() && hb.isOk() && hc.isOk());
  EXPECT_EQ(ha->compiled->policy_hash, hb->compiled->policy_hash);
  EXPECT_EQ(ha->compiled->ir.ir_hash, hb->compiled->ir.ir_hash);
  EXPECT_NE(ha->compiled->policy_hash, hc->compiled->policy_hash);  // 1 and 1.0 differ
  EXPECT_NE(ha->compiled->ir.ir_hash, hc->compiled->ir.ir_hash);
}

TEST(CompilerTest, LintFailureIsAnOutcomeWithEveryDiagnostic) {
  auto outcome = compilePolicyDocument(doc(R"({"id":"p","version":"1","legal_basis":[],
      "inputs":{},"rules":[{"id":"r","op":"nope","lhs":1,"rhs":1}]})"),
                                       LintMode::kRelaxed);
  ASSERT_TRUE(outcome.isOk());
  EXPECT_FALSE(outcome->compiled.has_value());
  ASSERT_EQ(outcome->diagnostics.size(), 3u);
  EXPECT_EQ(outcome->diagnostics[0].code, "E1002");
  EXPECT_EQ(outcome->diagnostics[1].code, "W1002");
  EXPECT_EQ(outcome->diagnostics[2].code, "E2001");
}

TEST(CompilerTest, RelaxedCompilesWhatStrictRefuses) {
  const auto policy = doc(R"({"id":"p","version":"1","legal_basis":[],"inputs":{},"rules":[]})");
  auto strict = compilePolicyDocument(policy, LintMode::kStrict);
  auto relaxed = compilePolicyDocument(policy, LintMode::kRelaxed);
  ASSERT_TRUE(strict.isOk() && relaxed.isOk());
  EXPECT_FALSE(strict->compiled.has_value());
  ASSERT_TRUE(relaxed->compiled.has_value());
  ASSERT_EQ(relaxed->compiled->warnings.size(), 2u);
  auto response = compileResponseJson(*relaxed->compiled, false);
  ASSERT_TRUE(response.isOk());
  EXPECT_NE(response->find(
                R"("lints":[{"code":"E1002","level":"warning","message":"missing `legal_basis`",)"
                R"("rule_id":null},{"code":"W1002","level":"warning",)"
                R"("message":"description missing","rule_id":null}],"stored":false,"etag":")"),
            std::string::npos)
      << *response;
}

TEST(CompilerTest, StructuralErrorsPassThrough) {
  auto outcome = compilePolicyDocument(doc(R"({"id":"p"})"), LintMode::kStrict);
  ASSERT_FALSE(outcome.isOk());
  EXPECT_EQ(outcome.error().problem, CapProblem::kInvalidPolicy);
  EXPECT_EQ(outcome.error().status.code(), StatusCode::kValidation);
}

TEST(CompilerTest, PlaceholderIrOfALintFailure) {
  auto text = irCanonicalJson(placeholderIr("lksg.v1"));
  ASSERT_TRUE(text.isOk());
  EXPECT_EQ(
      *text,
      R"({"ir_version":"1.0","policy_id":"lksg.v1","policy_hash":"","rules":[],"ir_hash":""})");
}

TEST(CompilerTest, ThousandRulesCompile) {
  std::string rules;
  for (int i = 0; i < 1000; ++i)
    rules += std::string(i ? "," : "") + R"({"id":"r)" + std::to_string(i) +
             R"(","op":"eq","lhs":"x","rhs":1})";
  auto outcome = compilePolicyDocument(
      doc(R"({"id":"p","version":"1","legal_basis":[{}],"description":"d","inputs":{},"rules":[)" +
          rules + "]}"),
      LintMode::kStrict);
  ASSERT_TRUE(outcome.isOk());
  ASSERT_TRUE(outcome->compiled.has_value());
  EXPECT_EQ(outcome->compiled->ir.rules.size(), 1000u);
  EXPECT_EQ(outcome->compiled->ir.rules[1].id, "r1");
  EXPECT_EQ(outcome->compiled->ir.rules[2].id, "r10");  // bytewise, not numeric
}

}  // namespace
}  // namespace tars::verifier
