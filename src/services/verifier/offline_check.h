#pragma once
// The offline check of a saved /verify response (spec/cap.md §7.12), what
// `tars cap verify-manifest` runs: manifest_hash = "0x" + S3(canonical(manifest)), the Ed25519
// signature over those bytes, the key pinned by the caller, manifest.verdict = result, and
// manifest.rule_results agreeing with rules[]. Reading the file and fetching keys is the caller's.
//
// Thread safety: pure function.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tars::verifier {

// A key the caller trusts: from `--key HEX` (kid empty: any kid of that key) or from a
// /.well-known/cap-keys listing (kid and pubkey_hex must both match).
struct TrustedKey {
  std::string kid;
  std::string pubkey_hex;
};

enum class OfflineOutcome {
  kValid,          // everything holds and the key is pinned (exit 0)
  kMismatch,       // any check failed (exit 1)
  kValidUnpinned,  // everything holds but no key source was given (exit 3)
};

struct OfflineCheckResult {
  OfflineOutcome outcome = OfflineOutcome::kMismatch;
  std::vector<std::string> problems;  // one line per failed check, in check order
};

// `trusted` nullopt means "no key source given"; an empty list means a source that lists no key.
// Failure (usage/I-O class, exit 2): kInvalidArgument when `response_json` is not a JSON object.
StatusOr<OfflineCheckResult> checkSavedResponse(
    std::string_view response_json, const std::optional<std::vector<TrustedKey>>& trusted);

}  // namespace tars::verifier
