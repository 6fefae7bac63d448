#include "services/verifier/compiler.h"

#include <algorithm>

#include "services/verifier/hash_notation.h"
#include "services/verifier/policy_v2_hash.h"

namespace tars::verifier {
namespace {

// §5.4 step 2: by id, comparing UTF-8 bytes (std::string's order); stable, so the source order of
// equal ids (a lint error, but compile may be asked without lints) is kept.
void sortRulesById(std::vector<IrRule>& rules) {
  std::stable_sort(rules.begin(), rules.end(),
                   [](const IrRule& a, const IrRule& b) { return a.id < b.id; });
}

}  // namespace

StatusOr<CompiledPolicy> buildCompiledPolicy(PolicyV2 policy, std::vector<Diagnostic> warnings) {
  CompiledPolicy out;
  TARS_ASSIGN_OR_RETURN(out.policy_json, policyV2CanonicalJson(policy));
  TARS_ASSIGN_OR_RETURN(out.policy_hash, sha3Tagged(out.policy_json));

  IrV1& ir = out.ir;
  ir.policy_id = policy.id;
  ir.policy_hash = out.policy_hash;
  ir.rules.reserve(policy.rules.size());
  for (const PolicyRule& rule : policy.rules) {
    const std::optional<RuleOp> op = ruleOpFromName(rule.op);
    if (!op)
      return invalidArgument("rule '" + rule.id + "': invalid op '" + rule.op + "'");
    ir.rules.push_back(
        {rule.id, *op, Operand::fromPolicy(rule.lhs), Operand::fromPolicy(rule.rhs)});
  }
  sortRulesById(ir.rules);
  ir.adaptivity = policy.adaptivity;
  TARS_ASSIGN_OR_RETURN(ir.ir_hash, computeIrHash(ir));
  TARS_ASSIGN_OR_RETURN(out.ir_json, irCanonicalJson(ir));
  out.etag = irEtag(ir.ir_hash);
  out.warnings = std::move(warnings);
  out.policy = std::move(policy);
  return out;
}

StatusOr<CompileOutcome> compilePolicy(PolicyV2 policy, LintMode mode) {
  CompileOutcome outcome;
  outcome.diagnostics = lintPolicy(policy, mode);
  if (hasErrors(outcome.diagnostics))
    return outcome;
  // No errors: every diagnostic is a warning.
  TARS_ASSIGN_OR_RETURN(CompiledPolicy compiled,
                        buildCompiledPolicy(std::move(policy), outcome.diagnostics));
  outcome.compiled = std::move(compiled);
  return outcome;
}

CapOr<CompileOutcome> compilePolicyDocument(const boost::json::value& document, LintMode mode,
                                            const PolicyLimits& limits) {
  CapOr<PolicyV2> policy = readPolicyV2(document, limits);
  if (!policy.isOk())
    return policy.error();
  StatusOr<CompileOutcome> outcome = compilePolicy(std::move(*policy), mode);
  if (!outcome.isOk())
    return CapError{CapProblem::kGeneric, outcome.status()};
  return std::move(*outcome);
}

IrV1 placeholderIr(std::string policy_id) {
  IrV1 ir;
  ir.policy_id = std::move(policy_id);
  return ir;
}

StatusOr<std::string> compileResponseJson(const CompiledPolicy& compiled, bool stored) {
  json::CanonicalWriter writer(compiled.ir_json.size() * 2 + 512);
  writer.beginObject();
  writer.key("policy_id").string(compiled.ir.policy_id);
  writer.key("policy_hash").string(compiled.policy_hash);
  writer.key("ir");
  writeIr(writer, compiled.ir);
  writer.key("ir_hash").string(compiled.ir.ir_hash);
  writer.key("lints");
  writeDiagnostics(writer, compiled.warnings);
  writer.key("stored").boolean(stored);
  writer.key("etag").string(compiled.etag);
  writer.endObject();
  return std::move(writer).finish();
}

}  // namespace tars::verifier
