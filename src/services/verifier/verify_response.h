#pragma once
// The 200 body of POST /verify (spec/cap.md §7.7–§7.11): derived values, manifest, signature
// (self-verified), report, and the response members in the §7.10 order: result, manifest_hash,
// proof_hash, trace, report, rules, manifest, signature, cache.
//
// The body is kept without its final `cache` member so that a cached answer is returned unchanged
// except for `cache: "hit"` (§9): responseBody() appends it.
//
// Thread safety: pure functions (a ManifestSigner may be shared).

#include <chrono>
#include <optional>
#include <string>

#include "services/verifier/cap_error.h"
#include "services/verifier/evaluation.h"
#include "services/verifier/manifest.h"
#include "services/verifier/manifest_signer.h"
#include "services/verifier/verify_request.h"

namespace tars::verifier {

struct VerifyResponse {
  Verdict verdict = Verdict::kWarn;
  std::string manifest_hash;
  std::string body_without_cache;  // "{…,"signature":{…}" (no closing brace)
  // False when a rule was skipped for an unregistered list (§9: such answers are not stored).
  bool cacheable = true;
};

enum class CacheState { kHit, kMiss, kOff };

// "hit", "miss", "off".
std::string_view cacheStateName(CacheState state);

// The complete body: body_without_cache + ,"cache":"<state>"}.
std::string responseBody(const VerifyResponse& response, CacheState state);

// What the report's registry check found (§7.11): nullopt when options.check_registry is false;
// else whether ir_hash equals the ir_hash of a stored PolicyV2 (always true in Mode A).
using RegistryMatch = std::optional<bool>;

// Builds and signs the answer for an evaluated request. Failure: cap/invalid-context naming
// context.company_commitment_root when no company root can be derived (§2.6); kInternal when
// hashing or signing fails or the signature does not verify (§7.9: a 500).
CapOr<VerifyResponse> buildVerifyResponse(const VerifyRequest& request, const ResolvedIr& resolved,
                                          const Evaluation& evaluation,
                                          RegistryMatch registry_match,
                                          std::chrono::system_clock::time_point now,
                                          const ManifestSigner& signer);

}  // namespace tars::verifier
