#pragma once
// PolicyV2 → IR v1, compile steps 3–5 of spec/cap.md §5.5: structural validation (policy_v2.h),
// the lints (lint.h), then policy_hash, the IR with its rules sorted by id and operands converted,
// ir_hash and the ETag. Storage (step 6) and HTTP are the caller's.
//
// Thread safety: pure functions.

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/canonical_json.h"
#include "core/status.h"
#include "services/verifier/cap_error.h"
#include "services/verifier/ir.h"
#include "services/verifier/lint.h"
#include "services/verifier/policy_v2.h"

namespace tars::verifier {

// A compiled policy: everything a 200 answer, the store (table cap_policies_v2) and /verify need.
struct CompiledPolicy {
  PolicyV2 policy;
  std::string policy_hash;           // "sha3-256:…" (§5.3)
  std::string policy_json;           // the canonical policy, the preimage of policy_hash
  IrV1 ir;                           // ir.ir_hash set
  std::string ir_json;               // the canonical IR, ir_hash included
  std::string etag;                  // "\"ir:sha3-256:…\"" (§5.4)
  std::vector<Diagnostic> warnings;  // the `lints` of a 200: warning-level diagnostics
};

struct CompileOutcome {
  // Every diagnostic, errors and warnings, in §5.6 order (the `lints` of a 422 lint failure).
  std::vector<Diagnostic> diagnostics;
  // Present exactly when no diagnostic is an error.
  std::optional<CompiledPolicy> compiled;
};

// §5.4 steps 1–5 for a policy that passed the lints. Failure: kInvalidArgument when a rule's op
// is not supported (the lints refuse such a policy first) or a value cannot be written canonically;
// kInternal when SHA3 is unavailable.
StatusOr<CompiledPolicy> buildCompiledPolicy(PolicyV2 policy, std::vector<Diagnostic> warnings);

// Lints `policy` in `mode` and, when no lint is an error, compiles it.
StatusOr<CompileOutcome> compilePolicy(PolicyV2 policy, LintMode mode);

// Steps 3–5 from a parsed document: readPolicyV2's errors (cap/too-deep, cap/too-many-rules,
// cap/invalid-policy), else the outcome above. A lint failure is an outcome, not an error: the
// 422 body of §5.5 carries the diagnostics.
CapOr<CompileOutcome> compilePolicyDocument(const boost::json::value& document, LintMode mode,
                                            const PolicyLimits& limits = {});

// The IR shown in a lint-failure body (§5.5): {"ir_version":"1.0","policy_id":<id>,
// "policy_hash":"","rules":[],"ir_hash":""}.
IrV1 placeholderIr(std::string policy_id);

// The 200 body of POST /policy/v2/compile (§5.5 step 7), compact:
// {"policy_id","policy_hash","ir","ir_hash","lints","stored","etag"}.
StatusOr<std::string> compileResponseJson(const CompiledPolicy& compiled, bool stored);

}  // namespace tars::verifier
