#include "services/verifier/offline_check.h"

#include <boost/json/object.hpp>

#include "core/canonical_json.h"
#include "core/strict_json.h"
#include "services/verifier/hash_notation.h"
#include "services/verifier/json_fields.h"
#include "services/verifier/manifest_signer.h"

namespace tars::verifier {
namespace {

std::string stringMember(const boost::json::object& o, std::string_view name) {
  const boost::json::value* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(view(v->get_string())) : std::string();
}

bool ruleResultsAgree(const boost::json::value* manifest_rules, const boost::json::value* rules) {
  if (manifest_rules == nullptr || rules == nullptr || !manifest_rules->is_array() ||
      !rules->is_array())
    return false;
  const boost::json::array& m = manifest_rules->get_array();
  const boost::json::array& r = rules->get_array();
  if (m.size() != r.size())
    return false;
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (!m[i].is_object() || !r[i].is_object())
      return false;
    const std::string id = stringMember(m[i].get_object(), "id");
    const std::string status = stringMember(m[i].get_object(), "status");
    if (id.empty() || status.empty() || id != stringMember(r[i].get_object(), "id") ||
        status != stringMember(r[i].get_object(), "status"))
      return false;
  }
  return true;
}

}  // namespace

StatusOr<OfflineCheckResult> checkSavedResponse(
    std::string_view response_json, const std::optional<std::vector<TrustedKey>>& trusted) {
  TARS_ASSIGN_OR_RETURN(boost::json::value parsed, json::parseStrict(response_json));
  const boost::json::object* response = parsed.if_object();
  if (response == nullptr)
    return invalidArgument("the saved response is not a JSON object");
  OfflineCheckResult result;
  auto& problems = result.problems;

  const boost::json::value* manifest = response->if_contains("manifest");
  std::string m;
  if (manifest == nullptr || !manifest->is_object()) {
    problems.push_back("manifest: missing or not an object");
  } else {
    StatusOr<std::string> bytes = json::canonicalize(*manifest);
    if (!bytes.isOk()) {
      problems.push_back("manifest: " + bytes.status().message());
    } else {
      m = std::move(bytes).value();
      StatusOr<std::string> hash = sha3HashString(m);
      if (!hash.isOk())
        return hash.status();
      if (*hash != stringMember(*response, "manifest_hash"))
        problems.push_back("manifest_hash does not match the manifest (computed " + *hash + ")");
    }
  }

  ManifestSignature signature;
  const boost::json::value* sig = response->if_contains("signature");
  if (sig == nullptr || !sig->is_object()) {
    problems.push_back("signature: missing or not an object");
  } else {
    signature.alg = stringMember(sig->get_object(), "alg");
    signature.kid = stringMember(sig->get_object(), "kid");
    signature.pubkey_hex = stringMember(sig->get_object(), "pubkey_hex");
    signature.sig_hex = stringMember(sig->get_object(), "sig_hex");
    if (!m.empty() && !verifyManifestSignature(signature, m))
      problems.push_back("signature does not verify over the manifest");
  }

  if (trusted) {
    bool pinned = false;
    for (const TrustedKey& key : *trusted) {
      pinned = pinned || (key.pubkey_hex == signature.pubkey_hex &&
                          (key.kid.empty() || key.kid == signature.kid));
    }
    if (!pinned)
      problems.push_back("the signing key " + signature.kid + " is not a trusted key");
  }

  if (manifest != nullptr && manifest->is_object()) {
    if (stringMember(manifest->get_object(), "verdict") != stringMember(*response, "result") ||
        stringMember(*response, "result").empty())
      problems.push_back("manifest.verdict does not equal result");
    if (!ruleResultsAgree(manifest->get_object().if_contains("rule_results"),
                          response->if_contains("rules")))
      problems.push_back("manifest.rule_results do not agree with rules[]");
  }

  if (!problems.empty())
    result.outcome = OfflineOutcome::kMismatch;
  else
    result.outcome = trusted ? OfflineOutcome::kValid : OfflineOutcome::kValidUnpinned;
  return result;
}

}  // namespace tars::verifier
