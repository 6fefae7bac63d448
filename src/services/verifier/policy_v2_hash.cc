#include "services/verifier/policy_v2_hash.h"

#include "services/verifier/hash_notation.h"

namespace tars::verifier {

void writePolicyV2(json::CanonicalWriter& writer, const PolicyV2& policy) {
  writer.beginObject();
  writer.key("id").string(policy.id);
  writer.key("version").string(policy.version);
  writer.key("legal_basis").beginArray();
  for (const LegalBasis& basis : policy.legal_basis) {
    writer.beginObject();
    if (basis.directive)
      writer.key("directive").string(*basis.directive);
    if (basis.article)
      writer.key("article").string(*basis.article);
    writer.endObject();
  }
  writer.endArray();
  writer.key("description").string(policy.description);
  writer.key("inputs").beginObject();
  for (const auto& [name, input] : policy.inputs) {
    writer.key(name).beginObject();
    writer.key("type").string(input.type);
    if (input.items)
      writer.key("items").string(*input.items);
    writer.endObject();
  }
  writer.endObject();
  writer.key("rules").beginArray();
  for (const PolicyRule& rule : policy.rules) {
    writer.beginObject();
    writer.key("id").string(rule.id);
    writer.key("op").string(rule.op);
    writer.key("lhs").value(rule.lhs);
    writer.key("rhs").value(rule.rhs);
    writer.endObject();
  }
  writer.endArray();
  if (policy.adaptivity) {
    writer.key("adaptivity");
    writeAdaptivity(writer, *policy.adaptivity);
  }
  writer.endObject();
}

StatusOr<std::string> policyV2CanonicalJson(const PolicyV2& policy) {
  json::CanonicalWriter writer(512 + 128 * policy.rules.size());
  writePolicyV2(writer, policy);
  return std::move(writer).finish();
}

StatusOr<std::string> policyV2Hash(const PolicyV2& policy) {
  TARS_ASSIGN_OR_RETURN(std::string preimage, policyV2CanonicalJson(policy));
  return sha3Tagged(preimage);
}

}  // namespace tars::verifier
