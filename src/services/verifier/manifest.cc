#include "services/verifier/manifest.h"

#include "core/time_format.h"
#include "services/verifier/hash_notation.h"

namespace tars::verifier {
namespace {

void optionalString(json::CanonicalWriter& writer, const std::optional<std::string>& s) {
  if (s)
    writer.string(*s);
  else
    writer.null();
}

}  // namespace

std::string manifestTimestamp(std::chrono::system_clock::time_point t) {
  std::string text = formatRfc3339Millis(std::chrono::floor<std::chrono::seconds>(t));
  // "YYYY-MM-DDTHH:MM:SS.mmmZ" → drop ".mmm".
  const std::size_t dot = text.find('.');
  if (dot != std::string::npos)
    text.erase(dot, text.size() - dot - 1);
  return text;
}

std::vector<ManifestRuleResult> manifestRuleResults(const std::vector<RuleResult>& rules) {
  std::vector<ManifestRuleResult> out;
  out.reserve(rules.size());
  for (const RuleResult& r : rules)
    out.push_back({r.id, std::string(ruleStatusName(r.status))});
  return out;
}

void writeManifest(json::CanonicalWriter& writer, const Manifest& manifest) {
  writer.beginObject();
  writer.key("company_commitment_root").string(manifest.company_commitment_root);
  writer.key("created_at").string(manifest.created_at);
  writer.key("ir_hash").string(manifest.ir_hash);
  writer.key("jurisdiction_root");
  optionalString(writer, manifest.jurisdiction_root);
  writer.key("policy").beginObject();
  writer.key("hash").string(manifest.policy_hash);
  writer.key("name").string(manifest.policy_name);
  writer.key("version");
  optionalString(writer, manifest.policy_version);
  writer.endObject();
  writer.key("proof").beginObject();
  writer.key("status").string(verdictLowerName(manifest.verdict));
  writer.key("type").string("mock");
  writer.endObject();
  writer.key("rule_results").beginArray();
  for (const ManifestRuleResult& r : manifest.rule_results) {
    writer.beginObject().key("id").string(r.id).key("status").string(r.status).endObject();
  }
  writer.endArray();
  writer.key("sanctions_root");
  optionalString(writer, manifest.sanctions_root);
  writer.key("verdict").string(verdictName(manifest.verdict));
  writer.key("version").string(kManifestVersion);
  writer.endObject();
}

StatusOr<std::string> manifestBytes(const Manifest& manifest) {
  json::CanonicalWriter writer(512 + 64 * manifest.rule_results.size());
  writeManifest(writer, manifest);
  return std::move(writer).finish();
}

StatusOr<std::string> manifestHash(std::string_view manifest_bytes) {
  return sha3HashString(manifest_bytes);
}

StatusOr<std::string> proofHash(std::string_view company_commitment_root,
                                std::string_view policy_hash,
                                const std::optional<std::string>& sanctions_root,
                                const std::optional<std::string>& jurisdiction_root) {
  json::CanonicalWriter writer(512);
  writer.beginObject();
  writer.key("proof_data").beginObject();
  writer.key("mock").boolean(true).key("verified").boolean(true);
  writer.endObject();
  writer.key("statement").beginObject();
  writer.key("company_commitment_root").string(company_commitment_root);
  if (jurisdiction_root)
    writer.key("jurisdiction_root").string(*jurisdiction_root);
  writer.key("policy_hash").string(policy_hash);
  if (sanctions_root)
    writer.key("sanctions_root").string(*sanctions_root);
  writer.endObject();
  writer.key("type").string("mock");
  writer.key("version").string("proof.mock.v0");
  writer.endObject();
  TARS_ASSIGN_OR_RETURN(std::string preimage, std::move(writer).finish());
  return sha3HashString(preimage);
}

}  // namespace tars::verifier
