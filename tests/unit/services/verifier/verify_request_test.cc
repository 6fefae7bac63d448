// The /verify request (spec/cap.md §7.1) and IR resolution (§7.2): modes, defaults, the embedded
// IR's validation and re-hash, and a PolicySource for Mode A.

#include "services/verifier/verify_request.h"

#include <gtest/gtest.h>

#include <map>

#include "spec_text.h"
#include "verify_test_util.h"

namespace tars::verifier {
namespace {

using test::parseJson;

CapOr<VerifyRequest> read(std::string_view text) {
  return readVerifyRequest(parseJson(text).as_object());
}

TEST(VerifyRequestTest, DefaultsAreTheSameWhateverOptionsLookLike) {
  for (std::string_view options :
       {"", R"(,"options":{})", R"(,"options":{"adaptive":false})", R"(,"options":null)"}) {
    CapOr<VerifyRequest> r =
        read(R"({"policy_id":"lksg.v1","context":{})" + std::string(options) + "}");
    ASSERT_TRUE(r.isOk()) << options << " " << r.status().toString();
    EXPECT_EQ(r->mode, VerifyMode::kPolicyId);
    EXPECT_EQ(r->policy_id, "lksg.v1");
    EXPECT_EQ(r->backend, "mock");
    EXPECT_FALSE(r->options.adaptive);
    EXPECT_TRUE(r->options.check_timestamp);
    EXPECT_TRUE(r->options.check_registry);
  }
  CapOr<VerifyRequest> partial = read(
      R"({"ir":{},"context":{},"backend":"mock","options":{"adaptive":true,"check_registry":false}})");
  ASSERT_TRUE(partial.isOk());
  EXPECT_EQ(partial->mode, VerifyMode::kEmbeddedIr);
  EXPECT_TRUE(partial->options.adaptive);
  EXPECT_TRUE(partial->options.check_timestamp);
  EXPECT_FALSE(partial->options.check_registry);
  EXPECT_EQ(verifyModeName(VerifyMode::kPolicyId), "policy_id");
  EXPECT_EQ(verifyModeName(VerifyMode::kEmbeddedIr), "embedded_ir");
}

TEST(VerifyRequestTest, ExactlyOneMode) {
  for (std::string_view body : {R"({"context":{}})", R"({"policy_id":"a","ir":{},"context":{}})"}) {
    CapOr<VerifyRequest> r = read(body);
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.error().problem, CapProblem::kVerifyMode);
    EXPECT_EQ(r.error().status.code(), StatusCode::kValidation);
    EXPECT_EQ(r.error().status.message(), "exactly one of policy_id and ir is required");
    ASSERT_EQ(r.error().status.fieldErrors().size(), 2u);
    EXPECT_EQ(r.error().status.fieldErrors()[0].field, "policy_id");
    EXPECT_EQ(r.error().status.fieldErrors()[1].field, "ir");
  }
}

TEST(VerifyRequestTest, BadMembersNamed) {
  struct Case {
    std::string_view body;
    CapProblem problem;
    std::string_view field;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"policy_id":"a","context":{},"backend":"groth16"})", CapProblem::kGeneric,
            "backend"},
           {R"({"policy_id":"a","context":{},"backend":1})", CapProblem::kGeneric, "backend"},
           {R"({"policy_id":1,"context":{}})", CapProblem::kGeneric, "policy_id"},
           {R"({"policy_id":"a","context":{},"options":{"adaptive":"yes"}})", CapProblem::kGeneric,
            "options.adaptive"},
           {R"({"policy_id":"a","context":{},"options":[]})", CapProblem::kGeneric, "options"},
           {R"({"policy_id":"a"})", CapProblem::kInvalidContext, "context"},
           {R"({"policy_id":"a","context":"x"})", CapProblem::kInvalidContext, "context"},
           {R"({"policy_id":"a","context":{"supplier_hashes":["0xABC"]}})",
            CapProblem::kInvalidContext, "context.supplier_hashes[0]"},
       }) {
    CapOr<VerifyRequest> r = read(c.body);
    ASSERT_FALSE(r.isOk()) << c.body;
    EXPECT_EQ(r.error().problem, c.problem) << c.body;
    EXPECT_EQ(r.error().status.code(), StatusCode::kValidation) << c.body;
    ASSERT_FALSE(r.error().status.fieldErrors().empty()) << c.body;
    EXPECT_EQ(r.error().status.fieldErrors()[0].field, c.field) << c.body;
  }
}

// Depth counted as §3.5 does: the body is 1, {"context":{"variables":{"v": …}}} adds 3.
std::string nested(int depth) {
  std::string open, close;
  for (int i = 0; i < depth; ++i) {
    open += "[";
    close += "]";
  }
  return open + close;
}

TEST(VerifyRequestTest, DepthLimit) {
  // body 1 + context 2 + variables 3 + arrays: 29 arrays → 32 levels, accepted.
  std::string ok = R"({"policy_id":"a","context":{"variables":{"v":)" + nested(29) + "}}}";
  EXPECT_TRUE(readVerifyRequest(json::parseStrict(ok, {.max_depth = 64})->as_object()).isOk());
  std::string deep = R"({"policy_id":"a","context":{"variables":{"v":)" + nested(37) + "}}}";
  CapOr<VerifyRequest> r =
      readVerifyRequest(json::parseStrict(deep, {.max_depth = 64})->as_object());
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.error().problem, CapProblem::kTooDeep);
  EXPECT_EQ(r.error().status.message(), "nesting depth exceeds 32");
  std::string just_over = R"({"policy_id":"a","context":{"variables":{"v":)" + nested(30) + "}}}";
  EXPECT_FALSE(
      readVerifyRequest(json::parseStrict(just_over, {.max_depth = 64})->as_object()).isOk());
}

// The §5.9 IR, as compile produces it.
std::string goldenIr(std::string_view ir_hash_member) {
  return R"({"ir_version":"1.0","policy_id":"lksg.v1","policy_hash":"sha3-256:b98c3db55f874476dc749ea32b70bdf5369a0d7bc5364f236e034f1ddcd94638","rules":[{"id":"no_sanctions","op":"non_membership","lhs":{"var":"supplier_hashes"},"rhs":{"var":"sanctions_root"}}],"ir_hash":)" +
         std::string(ir_hash_member) + "}";
}

constexpr std::string_view kGoldenIrHash =
    "sha3-256:df3a3eeb7c72f6204131397e4b0a4b16235f1e20cc66102153ad6d4ee78f892c";

TEST(EmbeddedIrTest, GoldenIrRehashes) {
  const std::string spec = test::readCapSpec();
  ASSERT_FALSE(spec.empty()) << "spec/cap.md not found (run through ctest)";
  const std::string section = test::specSection(spec, "### 5.9");
  EXPECT_EQ(test::backtickedAfter(section, "`ir_hash` = `"), kGoldenIrHash);
  for (std::string_view hash :
       {R"("")",
        R"("sha3-256:df3a3eeb7c72f6204131397e4b0a4b16235f1e20cc66102153ad6d4ee78f892c")"}) {
    CapOr<IrV1> ir = readEmbeddedIr(parseJson(goldenIr(hash)));
    ASSERT_TRUE(ir.isOk()) << ir.status().toString();
    EXPECT_EQ(ir->ir_hash, kGoldenIrHash);
    ASSERT_EQ(ir->rules.size(), 1u);
    EXPECT_TRUE(ir->rules[0].lhs.isReference());
    EXPECT_EQ(ir->rules[0].lhs.name(), "supplier_hashes");
  }
  // ir_hash absent is recomputed too.
  std::string no_hash = goldenIr(R"("")");
  no_hash.replace(no_hash.find(R"(,"ir_hash":"")"), 13, "");
  CapOr<IrV1> ir = readEmbeddedIr(parseJson(no_hash));
  ASSERT_TRUE(ir.isOk()) << ir.status().toString();
  EXPECT_EQ(ir->ir_hash, kGoldenIrHash);
}

TEST(EmbeddedIrTest, AlteredHashIsMismatch) {
  CapOr<IrV1> ir = readEmbeddedIr(parseJson(
      goldenIr(R"("sha3-256:0f3a3eeb7c72f6204131397e4b0a4b16235f1e20cc66102153ad6d4ee78f892c")")));
  ASSERT_FALSE(ir.isOk());
  EXPECT_EQ(ir.error().problem, CapProblem::kIrHashMismatch);
  EXPECT_EQ(ir.error().status.code(), StatusCode::kValidation);
}

TEST(EmbeddedIrTest, StringOperandsAreLiterals) {
  CapOr<IrV1> ir = readEmbeddedIr(
      parseJson(R"({"ir_version":"1.0","policy_id":"p","policy_hash":"0x)" + std::string(64, 'a') +
                R"(","rules":[{"id":"r","op":"eq","lhs":"active","rhs":{"var":"status"}}]})"));
  ASSERT_TRUE(ir.isOk()) << ir.status().toString();
  EXPECT_FALSE(ir->rules[0].lhs.isReference());
  EXPECT_EQ(ir->rules[0].lhs.literalValue(), boost::json::value("active"));
  EXPECT_TRUE(ir->rules[0].rhs.isReference());
}

TEST(EmbeddedIrTest, UnknownOpDetail) {
  CapOr<IrV1> ir = readEmbeddedIr(parseJson(
      R"({"ir_version":"1.0","policy_id":"p","policy_hash":"0x)" + std::string(64, 'a') +
      R"(","rules":[{"id":"a","op":"eq","lhs":1,"rhs":1},{"id":"b","op":"contains","lhs":1,"rhs":1}]})"));
  ASSERT_FALSE(ir.isOk());
  EXPECT_EQ(ir.error().problem, CapProblem::kInvalidIr);
  EXPECT_EQ(ir.error().status.message(),
            "ir.rules[1].op: unknown op 'contains' (allowed: non_membership, eq, range_min, "
            "range_max, lt, gt, non_intersection, threshold)");
}

TEST(EmbeddedIrTest, StructuralErrorsNamed) {
  const std::string hash = "\"0x" + std::string(64, 'a') + "\"";
  struct Case {
    std::string body;
    std::string_view field;
  };
  for (
      const Case& c : std::vector<Case>{
          {"[]", "ir"},
          {R"({"ir_version":"2.0","policy_id":"p","policy_hash":)" + hash + R"(,"rules":[]})",
           "ir.ir_version"},
          {R"({"ir_version":"1.0","policy_hash":)" + hash + R"(,"rules":[]})", "ir.policy_id"},
          {R"({"ir_version":"1.0","policy_id":"p","policy_hash":"sha3-256:ABC","rules":[]})",
           "ir.policy_hash"},
          {R"({"ir_version":"1.0","policy_id":"p","policy_hash":)" + hash + "}", "ir.rules"},
          {R"({"ir_version":"1.0","policy_id":"p","policy_hash":)" + hash +
               R"(,"rules":[{"id":"","op":"eq","lhs":1,"rhs":1}]})",
           "ir.rules[0].id"},
          {R"({"ir_version":"1.0","policy_id":"p","policy_hash":)" + hash +
               R"(,"rules":[{"id":"a","op":"eq","lhs":1,"rhs":1},{"id":"a","op":"eq","lhs":1,"rhs":1}]})",
           "ir.rules[1].id"},
          {R"({"ir_version":"1.0","policy_id":"p","policy_hash":)" + hash +
               R"(,"rules":[{"id":"a","op":"eq","lhs":1}]})",
           "ir.rules[0].rhs"},
          {R"({"ir_version":"1.0","policy_id":"p","policy_hash":)" + hash +
               R"(,"rules":[],"adaptivity":{"predicates":5}})",
           "ir.adaptivity.predicates"},
      }) {
    CapOr<IrV1> ir = readEmbeddedIr(parseJson(c.body));
    ASSERT_FALSE(ir.isOk()) << c.body;
    EXPECT_EQ(ir.error().problem, CapProblem::kInvalidIr) << c.body;
    ASSERT_FALSE(ir.error().status.fieldErrors().empty()) << c.body;
    EXPECT_EQ(ir.error().status.fieldErrors()[0].field, c.field) << c.body;
  }
}

TEST(EmbeddedIrTest, TooManyRules) {
  std::string rules;
  for (int i = 0; i < 3; ++i)
    rules += std::string(i ? "," : "") + R"({"id":"r)" + std::to_string(i) +
             R"(","op":"eq","lhs":1,"rhs":1})";
  const std::string body = R"({"ir_version":"1.0","policy_id":"p","policy_hash":"0x)" +
                           std::string(64, 'a') + R"(","rules":[)" + rules + "]}";
  CapOr<IrV1> ir = readEmbeddedIr(parseJson(body), 2);
  ASSERT_FALSE(ir.isOk());
  EXPECT_EQ(ir.error().problem, CapProblem::kTooManyRules);
  EXPECT_EQ(ir.error().status.message(), "policy has 3 rules; the limit is 2");
  EXPECT_TRUE(readEmbeddedIr(parseJson(body), 3).isOk());
}

class MapPolicySource final : public PolicySource {
 public:
  std::map<std::string, StoredPolicy, std::less<>> policies;
  StatusOr<std::optional<StoredPolicy>> findPolicy(std::string_view id) const override {
    auto it = policies.find(id);
    if (it == policies.end())
      return std::optional<StoredPolicy>();
    return std::optional<StoredPolicy>(it->second);
  }
  StatusOr<bool> hasIrHash(std::string_view ir_hash) const override {
    for (const auto& [id, p] : policies) {
      if (p.ir.ir_hash == ir_hash)
        return true;
    }
    return false;
  }
};

TEST(ResolveIrTest, Modes) {
  MapPolicySource source;
  StoredPolicy stored{*readEmbeddedIr(parseJson(goldenIr(R"("")"))), "1.0"};
  source.policies.emplace("lksg.v1", stored);

  CapOr<VerifyRequest> a = read(R"({"policy_id":"lksg.v1","context":{}})");
  CapOr<ResolvedIr> resolved = resolveIr(*a, source, true);
  ASSERT_TRUE(resolved.isOk());
  EXPECT_EQ(resolved->ir.ir_hash, kGoldenIrHash);
  EXPECT_EQ(resolved->policy_version, "1.0");

  CapOr<VerifyRequest> missing = read(R"({"policy_id":"nope","context":{}})");
  CapOr<ResolvedIr> not_found = resolveIr(*missing, source, true);
  ASSERT_FALSE(not_found.isOk());
  EXPECT_EQ(not_found.error().problem, CapProblem::kPolicyNotFound);
  EXPECT_EQ(not_found.error().status.code(), StatusCode::kNotFound);

  CapOr<VerifyRequest> b = read(R"({"ir":)" + goldenIr(R"("")") + R"(,"context":{}})");
  CapOr<ResolvedIr> embedded = resolveIr(*b, source, true);
  ASSERT_TRUE(embedded.isOk()) << embedded.status().toString();
  EXPECT_FALSE(embedded->policy_version.has_value());
  EXPECT_EQ(embedded->ir.ir_hash, kGoldenIrHash);

  CapOr<ResolvedIr> disabled = resolveIr(*b, source, false);
  ASSERT_FALSE(disabled.isOk());
  EXPECT_EQ(disabled.error().problem, CapProblem::kEmbeddedIrDisabled);
  EXPECT_EQ(disabled.error().status.code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace tars::verifier
