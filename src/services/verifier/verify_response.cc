#include "services/verifier/verify_response.h"

namespace tars::verifier {
namespace {

struct Report {
  bool statement_policy_ok = false;
  bool statement_root_ok = false;
  bool signature_valid = false;
  bool check_timestamp = true;
  RegistryMatch registry_match;
};

void writeReport(json::CanonicalWriter& w, const Report& report, const Evaluation& evaluation,
                 std::string_view manifest_hash, std::string_view proof_hash) {
  std::size_t ok = 0, fail = 0, skipped = 0;
  for (const RuleResult& r : evaluation.rules) {
    ok += r.status == RuleStatus::kOk ? 1 : 0;
    fail += r.status == RuleStatus::kFail ? 1 : 0;
    skipped += r.status == RuleStatus::kSkipped ? 1 : 0;
  }
  const bool statement_ok = report.statement_policy_ok && report.statement_root_ok;
  std::size_t passed = (statement_ok ? 1 : 0) + (report.signature_valid ? 1 : 0);
  std::size_t total = 2;
  if (report.check_timestamp) {
    ++total;
    ++passed;  // the verifier's own clock; no external anchor is required (§7.11)
  }
  if (report.registry_match) {
    ++total;
    passed += *report.registry_match ? 1 : 0;
  }
  w.beginObject();
  w.key("status").string(verdictLowerName(evaluation.verdict));
  w.key("manifest_hash").string(manifest_hash);
  w.key("proof_hash").string(proof_hash);
  w.key("signature_valid").boolean(report.signature_valid);
  if (report.check_timestamp)
    w.key("timestamp_valid").boolean(true);
  if (report.registry_match)
    w.key("registry_match").boolean(*report.registry_match);
  w.key("details").beginObject();
  w.key("manifest_hash").string(manifest_hash);
  w.key("proof_hash").string(proof_hash);
  w.key("statement_validation").beginArray();
  w.beginObject().key("field").string("policy_hash");
  w.key("status").string(report.statement_policy_ok ? "ok" : "mismatch").endObject();
  w.beginObject().key("field").string("company_commitment_root");
  w.key("status").string(report.statement_root_ok ? "ok" : "mismatch").endObject();
  w.endArray();
  w.key("signature_present").boolean(true);
  w.key("signature_count").uint64(1);
  w.key("timestamp_present").boolean(false);
  if (!report.check_timestamp)
    w.key("timestamp_check").string("disabled");
  w.key("registry_check")
      .string(!report.registry_match ? "disabled"
                                     : (*report.registry_match ? "match" : "no_match"));
  w.key("rules_total").uint64(evaluation.rules.size());
  w.key("rules_ok").uint64(ok);
  w.key("rules_fail").uint64(fail);
  w.key("rules_skipped").uint64(skipped);
  w.key("checks_passed").uint64(passed);
  w.key("checks_total").uint64(total);
  w.endObject();
  w.endObject();
}

}  // namespace

std::string_view cacheStateName(CacheState state) {
  switch (state) {
    case CacheState::kHit:
      return "hit";
    case CacheState::kMiss:
      return "miss";
    case CacheState::kOff:
      return "off";
  }
  return "";
}

std::string responseBody(const VerifyResponse& response, CacheState state) {
  std::string body = response.body_without_cache;
  body += ",\"cache\":\"";
  body += cacheStateName(state);
  body += "\"}";
  return body;
}

CapOr<VerifyResponse> buildVerifyResponse(const VerifyRequest& request, const ResolvedIr& resolved,
                                          const Evaluation& evaluation,
                                          RegistryMatch registry_match,
                                          std::chrono::system_clock::time_point now,
                                          const ManifestSigner& signer) {
  const VerifyContext& context = request.context;
  std::optional<std::string> company_root = companyRootFor(context);
  if (!company_root) {
    return CapError{
        CapProblem::kInvalidContext,
        validationError("no company root: give context.company_commitment_root or hash arrays",
                        {{"context.company_commitment_root",
                          "is required when supplier_hashes and ubo_hashes are empty"}})};
  }
  const IrV1& ir = resolved.ir;
  Manifest manifest;
  manifest.created_at = manifestTimestamp(now);
  manifest.company_commitment_root = *company_root;
  manifest.policy_name = ir.policy_id;
  manifest.policy_version = resolved.policy_version;
  manifest.policy_hash = ir.policy_hash;
  manifest.ir_hash = ir.ir_hash;
  manifest.sanctions_root = context.sanctions_root;
  manifest.jurisdiction_root = context.jurisdiction_root;
  manifest.rule_results = manifestRuleResults(evaluation.rules);
  manifest.verdict = evaluation.verdict;

  auto internal = [](const Status& s) { return CapError{CapProblem::kGeneric, s}; };
  StatusOr<std::string> m = manifestBytes(manifest);
  if (!m.isOk())
    return internal(m.status());
  StatusOr<std::string> manifest_hash = manifestHash(*m);
  if (!manifest_hash.isOk())
    return internal(manifest_hash.status());
  StatusOr<std::string> proof_hash =
      proofHash(*company_root, ir.policy_hash, context.sanctions_root, context.jurisdiction_root);
  if (!proof_hash.isOk())
    return internal(proof_hash.status());
  StatusOr<ManifestSignature> signature = signer.sign(*m);
  if (!signature.isOk())
    return internal(signature.status());
  Report report;
  report.signature_valid = verifyManifestSignature(*signature, *m);
  if (!report.signature_valid)
    return internal(internalError("the manifest signature does not verify"));
  // The proof statement (§7.7) is built from the same values as the manifest.
  report.statement_policy_ok = manifest.policy_hash == ir.policy_hash;
  report.statement_root_ok = manifest.company_commitment_root == *company_root;
  report.check_timestamp = request.options.check_timestamp;
  report.registry_match = request.options.check_registry ? registry_match : std::nullopt;

  json::CanonicalWriter w(2048 + 160 * evaluation.rules.size());
  w.beginObject();
  w.key("result").string(verdictName(evaluation.verdict));
  w.key("manifest_hash").string(*manifest_hash);
  w.key("proof_hash").string(*proof_hash);
  w.key("trace").beginObject();
  w.key("adaptive").boolean(request.options.adaptive);
  w.key("backend").string(request.backend);
  w.key("mode").string(verifyModeName(request.mode));
  w.key("policy_id");
  if (request.mode == VerifyMode::kPolicyId)
    w.string(request.policy_id);
  else
    w.null();
  if (evaluation.plan) {
    w.key("plan");
    writePlan(w, *evaluation.plan);
  }
  w.endObject();
  w.key("report");
  writeReport(w, report, evaluation, *manifest_hash, *proof_hash);
  w.key("rules").beginArray();
  for (const RuleResult& r : evaluation.rules) {
    w.beginObject();
    w.key("id").string(r.id);
    w.key("op").string(ruleOpName(r.op));
    w.key("status").string(ruleStatusName(r.status));
    if (r.status != RuleStatus::kOk)
      w.key("reason").string(r.reason);
    w.endObject();
  }
  w.endArray();
  w.key("manifest");
  writeManifest(w, manifest);
  w.key("signature").beginObject();
  w.key("alg").string(signature->alg);
  w.key("kid").string(signature->kid);
  w.key("pubkey_hex").string(signature->pubkey_hex);
  w.key("sig_hex").string(signature->sig_hex);
  w.endObject();
  w.key("cache").string("");  // replaced by responseBody()
  w.endObject();
  StatusOr<std::string> body = std::move(w).finish();
  if (!body.isOk())
    return internal(body.status());
  constexpr std::string_view kCacheTail = ",\"cache\":\"\"}";
  std::string text = std::move(body).value();
  text.resize(text.size() - kCacheTail.size());

  VerifyResponse response;
  response.verdict = evaluation.verdict;
  response.manifest_hash = std::move(manifest_hash).value();
  response.body_without_cache = std::move(text);
  response.cacheable = !evaluation.list_missing;
  return response;
}

}  // namespace tars::verifier
