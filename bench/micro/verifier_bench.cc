// Cost of compiling a PolicyV2 to IR v1 (cap §5.5 steps 1–5: parse, validate, lint, both hashes),
// for a 100-rule policy sent as JSON and as base64 YAML; target < 1 ms per compile. Also the
// BLAKE3 commitment root over many record hashes.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/strict_json.h"
#include "crypto/blake3.h"
#include "services/verifier/commitments.h"
#include "services/verifier/compiler.h"
#include "services/verifier/policy_request.h"

namespace tars::verifier {
namespace {

const char* const kOps[] = {"non_membership",   "eq",       "range_min", "range_max", "lt", "gt",
                            "non_intersection", "threshold"};

// A policy of `n` rules over every op, with array, number and object operands and an adaptivity
// block, as JSON text.
std::string policyJson(int n) {
  std::string rules;
  for (int i = 0; i < n; ++i) {
    const std::string id = "rule_" + std::to_string((i * 37) % n);  // unsorted source order
    rules += (i ? "," : "") + std::string(R"({"id":")") + id + "_" + std::to_string(i) +
             R"(","op":")" + kOps[i % 8] + R"(","lhs":"input_)" + std::to_string(i) +
             R"(","rhs":)" +
             (i % 3 == 0   ? std::string(R"(["a","b",{"z":1,"a":[1.5,2]}])")
              : i % 3 == 1 ? std::to_string(i) + ".25"
                           : std::string(R"("sanctions_root")")) +
             "}";
  }
  return R"({"id":"bench.policy","version":"1.0","legal_basis":[{"directive":"LkSG",)"
         R"("article":"§3"}],"description":"benchmark policy","inputs":{"supplier_hashes":)"
         R"({"type":"array","items":"hex"},"sanctions_root":{"type":"hex"}},"rules":[)" +
         rules +
         R"(],"adaptivity":{"predicates":[{"id":"high_risk","expr":{"func":"gt","args":)"
         R"(["risk",5]}}],"activations":[{"when":"high_risk","rules":["rule_0_0"]}]}})";
}

// The same kind of policy as YAML.
std::string policyYaml(int n) {
  std::string out =
      "id: bench.policy\nversion: \"1.0\"\nlegal_basis:\n  - directive: LkSG\n    article: "
      "\"§3\"\ndescription: benchmark policy\ninputs:\n  supplier_hashes: {type: array, items: "
      "hex}\n  sanctions_root: {type: hex}\nrules:\n";
  for (int i = 0; i < n; ++i) {
    out += "  - id: rule_" + std::to_string((i * 37) % n) + "_" + std::to_string(i) +
           "\n    op: " + kOps[i % 8] + "\n    lhs: input_" + std::to_string(i) + "\n    rhs: " +
           (i % 3 == 0   ? std::string("[a, b, {z: 1, a: [1.5, 2]}]")
            : i % 3 == 1 ? std::to_string(i) + ".25"
                         : std::string("sanctions_root")) +
           "\n";
  }
  out +=
      "adaptivity:\n  predicates:\n    - id: high_risk\n      expr: {func: gt, args: [risk, 5]}\n"
      "  activations:\n    - when: high_risk\n      rules: [rule_0_0]\n";
  return out;
}

std::string base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6)
      out.push_back(kAlphabet[(v >> k) & 63]);
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size())
      v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    if (i + 1 < bytes.size())
      out.push_back(kAlphabet[(v >> 6) & 63]);
  }
  return out;
}

// The whole library path of one request: body text → IR with hashes.
void compileBody(benchmark::State& state, const std::string& body) {
  for (auto _ : state) {
    auto parsed = json::parseStrict(body);
    auto request = readCompileRequest(parsed->as_object());
    auto outcome = compilePolicyDocument(request->document, request->lint_mode);
    if (!outcome.isOk() || !outcome->compiled) {
      state.SkipWithError("compile failed");
      return;
    }
    benchmark::DoNotOptimize(outcome->compiled->ir.ir_hash);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}

void BM_CompilePolicyV2_Json(benchmark::State& state) {
  compileBody(state, R"({"lint_mode":"strict","policy":)" +
                         policyJson(static_cast<int>(state.range(0))) + "}");
}
BENCHMARK(BM_CompilePolicyV2_Json)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_CompilePolicyV2_Yaml(benchmark::State& state) {
  compileBody(state, R"({"lint_mode":"strict","policy_yaml":")" +
                         base64(policyYaml(static_cast<int>(state.range(0)))) + "\"}");
}
BENCHMARK(BM_CompilePolicyV2_Yaml)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

// Steps 4–5 alone (lint, IR, hashes) on an already read policy.
void BM_CompilePolicyV2_Validated(benchmark::State& state) {
  const auto document = json::parseStrict(policyJson(static_cast<int>(state.range(0))));
  const PolicyV2 policy = *readPolicyV2(*document);
  for (auto _ : state) {
    auto outcome = compilePolicy(policy, LintMode::kStrict);
    benchmark::DoNotOptimize(outcome);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CompilePolicyV2_Validated)->Arg(100)->Unit(benchmark::kMicrosecond);

// A supplier root over n record hashes (cap §2.3), as `tars cap prepare` computes it.
void BM_Blake3SupplierRoot(benchmark::State& state) {
  std::vector<std::string> hashes;
  for (int i = 0; i < state.range(0); ++i)
    hashes.push_back(supplierRecordHash({"Supplier " + std::to_string(i), "DE", 1}));
  for (auto _ : state)
    benchmark::DoNotOptimize(hashListRoot(hashes));
  state.SetBytesProcessed(state.iterations() * state.range(0) * 66);
}
BENCHMARK(BM_Blake3SupplierRoot)->Arg(10000);

}  // namespace
}  // namespace tars::verifier
