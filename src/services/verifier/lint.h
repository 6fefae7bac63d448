#pragma once
// The lints of spec/cap.md §5.6 — exactly five checks, run in this order over the whole policy,
// one diagnostic per occurrence (spec/README.md correction 8; the other codes are reserved):
//   1 E1002 `legal_basis` is empty            strict: error, relaxed: warning   rule_id null
//   2 W1002 description absent or ""          warning                           rule_id null
//   3 E1003 a rule id used by an earlier rule error (2nd, 3rd, … occurrence)    the id
//   4 E2001 a rule op not in the supported list  error                          the rule's id
//   5 E1001 an activation names an unknown rule  error                          null
//
// Thread safety: pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/canonical_json.h"
#include "services/verifier/policy_v2.h"

namespace tars::verifier {

enum class LintMode { kStrict, kRelaxed };
enum class LintLevel { kError, kWarning };

// §5.5 step 2: "strict" or "relaxed", compared case-insensitively; nullopt for anything else.
std::optional<LintMode> lintModeFromName(std::string_view name);

// "error" / "warning".
std::string_view lintLevelName(LintLevel level);

// The typed record {code, level, message, rule_id} (rule_id always written, null when absent).
struct Diagnostic {
  std::string code;
  LintLevel level = LintLevel::kError;
  std::string message;
  std::optional<std::string> rule_id;

  bool operator==(const Diagnostic&) const = default;
};

std::vector<Diagnostic> lintPolicy(const PolicyV2& policy, LintMode mode);

bool hasErrors(const std::vector<Diagnostic>& diagnostics);

void writeDiagnostic(json::CanonicalWriter& writer, const Diagnostic& diagnostic);
// A JSON array of diagnostics in the order given.
void writeDiagnostics(json::CanonicalWriter& writer, const std::vector<Diagnostic>& diagnostics);

}  // namespace tars::verifier
