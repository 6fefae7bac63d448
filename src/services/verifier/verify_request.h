#pragma once
// The /verify request (spec/cap.md §7.1) and the resolution of its IR (§7.2): Mode A names a
// persisted PolicyV2 (looked up through the caller's PolicySource), Mode B embeds an IR v1 that is
// validated here and re-hashed.
//
// Thread safety: values and pure functions; a PolicySource is called from the caller's thread.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>

#include "services/verifier/cap_error.h"
#include "services/verifier/ir.h"
#include "services/verifier/verify_context.h"

namespace tars::verifier {

struct VerifyOptions {
  bool adaptive = false;        // §8.5
  bool check_timestamp = true;  // §7.11
  bool check_registry = true;   // §7.11
};

enum class VerifyMode { kPolicyId, kEmbeddedIr };

// "policy_id" / "embedded_ir" (trace.mode, §7.10).
std::string_view verifyModeName(VerifyMode mode);

struct VerifyLimits {
  std::size_t max_depth = 32;    // nesting of the body (§3.5; the parser enforces it too)
  std::size_t max_rules = 1000;  // verifier.limits.max_rules
  ContextLimits context;
};

struct VerifyRequest {
  VerifyMode mode = VerifyMode::kPolicyId;
  std::string policy_id;         // Mode A
  boost::json::value ir;         // Mode B: the embedded IR as submitted
  std::string backend = "mock";  // only "mock" is accepted
  VerifyOptions options;         // defaults applied (absent, {} or partial alike)
  VerifyContext context;
};

// §7.1 + §7.3 over a parsed body. Failure (all kValidation): cap/too-deep when the body (as the
// outermost value) nests deeper than max_depth; cap/verify-mode for both or neither of
// policy_id/ir (errors[] names both); cap/invalid-context for the context; the generic slug for a
// wrong `backend`, `policy_id` or `options.*` type, naming the field.
CapOr<VerifyRequest> readVerifyRequest(const boost::json::object& body,
                                       const VerifyLimits& limits = {});

// §7.2 Mode B: `value` must be an IR v1 (ir_version "1.0", string policy_id, policy_hash
// "sha3-256:<64 hex>" or a hash string, at most max_rules rules {id, op, lhs, rhs} with non-empty
// unique ids and supported ops, adaptivity shaped as §5.1). Operands are read with
// Operand::fromIr. The ir_hash is recomputed over the IR as submitted and set on the result.
// Failure: cap/invalid-ir (op errors have detail `ir.rules[<i>].op: unknown op '<op>' (allowed:
// …)`), cap/too-many-rules, cap/ir-hash-mismatch when a non-empty submitted ir_hash differs.
CapOr<IrV1> readEmbeddedIr(const boost::json::value& value, std::size_t max_rules = 1000);

// What Mode A needs from the store.
struct StoredPolicy {
  IrV1 ir;              // ir_hash set
  std::string version;  // the PolicyV2 `version` (manifest.policy.version)
};

// The caller's view of persisted PolicyV2s.
class PolicySource {
 public:
  virtual ~PolicySource() = default;
  // The policy stored under `policy_id`, or nullopt. A backend error is a non-OK Status.
  virtual StatusOr<std::optional<StoredPolicy>> findPolicy(std::string_view policy_id) const = 0;
  // True when a stored PolicyV2 has this ir_hash (§7.11 registry check).
  virtual StatusOr<bool> hasIrHash(std::string_view ir_hash) const = 0;
};

struct ResolvedIr {
  IrV1 ir;
  std::optional<std::string> policy_version;  // Mode A only
};

// §7.2. Failure: cap/policy-not-found (kNotFound), cap/embedded-ir-disabled (kPermissionDenied),
// readEmbeddedIr's errors, or the source's own Status (generic).
CapOr<ResolvedIr> resolveIr(const VerifyRequest& request, const PolicySource& policies,
                            bool allow_embedded_ir, std::size_t max_rules = 1000);

}  // namespace tars::verifier
