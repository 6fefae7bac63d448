#pragma once
// The request members of POST /policy/v2/compile (spec/cap.md §5.2, §5.5 steps 1–2, §5.7), read
// from the already parsed body: which input form carries the policy, the lint mode, persist.
//
// - `policy_yaml` (when present and not null it wins over `policy`): base64 with the standard
//   alphabet, padding optional, ASCII whitespace ignored, of a UTF-8 YAML document
//   (policy_yaml.h reads it);
// - `policy`: the PolicyV2 document itself;
// - `lint_mode`: absent or null → strict; "strict"/"relaxed" in any letter case; else 422;
// - `persist`: absent or null → false; a boolean; else 422.
//
// Failure: 400 cap/missing-policy "Missing policy_yaml or policy"; 400 bad-request
// "policy_yaml is not valid base64" and the YAML errors of policy_yaml.h; 422 (validation-error)
// naming `policy_yaml`, `lint_mode` or `persist` when of the wrong type or value.
//
// Thread safety: pure function.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "services/verifier/cap_error.h"
#include "services/verifier/lint.h"
#include "services/verifier/policy_v2.h"

namespace tars::verifier {

struct CompileRequest {
  boost::json::value document;  // the PolicyV2 document, from either form
  bool from_yaml = false;
  LintMode lint_mode = LintMode::kStrict;
  bool persist = false;
};

CapOr<CompileRequest> readCompileRequest(const boost::json::object& body,
                                         const PolicyLimits& limits = {});

// RFC 4648 standard-alphabet base64 with optional padding; ASCII whitespace anywhere is ignored.
// nullopt for any other character, misplaced padding or an impossible length.
std::optional<std::string> decodeBase64Lenient(std::string_view text);

}  // namespace tars::verifier
