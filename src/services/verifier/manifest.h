#pragma once
// The signed statement of /verify (spec/cap.md §7.7–§7.8): the manifest, its canonical bytes `M`
// and hash, and the proof hash.
//
// The manifest is a free-form value, so its canonical form has keys sorted at every level:
// company_commitment_root, created_at, ir_hash, jurisdiction_root, policy{hash,name,version},
// proof{status,type}, rule_results[{id,status}], sanctions_root, verdict, version.
//
// Thread safety: values and pure functions.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/canonical_json.h"
#include "core/status.h"
#include "services/verifier/evaluation.h"

namespace tars::verifier {

inline constexpr std::string_view kManifestVersion = "manifest.v1.0";

struct ManifestRuleResult {
  std::string id;
  std::string status;  // "ok" | "fail" | "skipped"
  bool operator==(const ManifestRuleResult&) const = default;
};

struct Manifest {
  std::string created_at;  // RFC 3339 UTC, whole seconds, "Z"
  std::string company_commitment_root;
  std::string policy_name;                    // the IR's policy_id
  std::optional<std::string> policy_version;  // PolicyV2 version in Mode A; null in Mode B
  std::string policy_hash;                    // the IR's policy_hash
  std::string ir_hash;
  std::optional<std::string> sanctions_root;
  std::optional<std::string> jurisdiction_root;
  std::vector<ManifestRuleResult> rule_results;
  Verdict verdict = Verdict::kWarn;
};

// "2025-11-20T10:15:00Z": whole seconds (sub-second parts are dropped), UTC.
std::string manifestTimestamp(std::chrono::system_clock::time_point t);

// `rule_results` from evaluated rules, in order.
std::vector<ManifestRuleResult> manifestRuleResults(const std::vector<RuleResult>& rules);

// Writes the manifest with sorted keys (§7.8), inside a larger document or alone.
void writeManifest(json::CanonicalWriter& writer, const Manifest& manifest);

// `M`: the compact canonical bytes of the manifest.
StatusOr<std::string> manifestBytes(const Manifest& manifest);

// "0x" + S3(M).
StatusOr<std::string> manifestHash(std::string_view manifest_bytes);

// §7.7: "0x" + S3 of {"proof_data":{"mock":true,"verified":true},"statement":{
// "company_commitment_root","jurisdiction_root"?,"policy_hash","sanctions_root"?},"type":"mock",
// "version":"proof.mock.v0"} with null roots omitted.
StatusOr<std::string> proofHash(std::string_view company_commitment_root,
                                std::string_view policy_hash,
                                const std::optional<std::string>& sanctions_root,
                                const std::optional<std::string>& jurisdiction_root);

}  // namespace tars::verifier
