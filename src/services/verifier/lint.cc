#include "services/verifier/lint.h"

#include <unordered_set>

#include "core/ascii.h"
#include "services/verifier/ir.h"

namespace tars::verifier {
namespace {}  // namespace

std::optional<LintMode> lintModeFromName(std::string_view name) {
  if (ascii::equalsIgnoreCase(name, "strict"))
    return LintMode::kStrict;
  if (ascii::equalsIgnoreCase(name, "relaxed"))
    return LintMode::kRelaxed;
  return std::nullopt;
}

std::string_view lintLevelName(LintLevel level) {
  return level == LintLevel::kError ? "error" : "warning";
}

std::vector<Diagnostic> lintPolicy(const PolicyV2& policy, LintMode mode) {
  std::vector<Diagnostic> out;

  // 1. E1002: the message is exactly: missing, space, back-tick, legal_basis, back-tick.
  if (policy.legal_basis.empty()) {
    out.push_back({"E1002", mode == LintMode::kStrict ? LintLevel::kError : LintLevel::kWarning,
                   "missing `legal_basis`", std::nullopt});
  }

  // 2. W1002: whitespace is not empty.
  if (policy.description.empty())
    out.push_back({"W1002", LintLevel::kWarning, "description missing", std::nullopt});

  // 3. E1003: one diagnostic for every occurrence after the first.
  std::unordered_set<std::string_view> seen;
  for (const PolicyRule& rule : policy.rules) {
    if (!seen.insert(rule.id).second) {
      out.push_back({"E1003", LintLevel::kError, "duplicate rule ID '" + rule.id + "'", rule.id});
    }
  }

  // 4. E2001.
  for (const PolicyRule& rule : policy.rules) {
    if (!ruleOpFromName(rule.op)) {
      out.push_back(
          {"E2001", LintLevel::kError,
           "invalid op '" + rule.op + "' (allowed: " + std::string(allowedRuleOpsText()) + ")",
           rule.id});
    }
  }

  // 5. E1001: activations in order, names in order. (`seen` holds every rule id.)
  if (policy.adaptivity) {
    for (const Activation& activation : policy.adaptivity->activations) {
      for (const std::string& name : activation.rules) {
        if (!seen.contains(name)) {
          out.push_back({"E1001", LintLevel::kError,
                         "unknown rule id '" + name + "' in activation '" + activation.when + "'",
                         std::nullopt});
        }
      }
    }
  }
  return out;
}

bool hasErrors(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.level == LintLevel::kError)
      return true;
  }
  return false;
}

void writeDiagnostic(json::CanonicalWriter& writer, const Diagnostic& diagnostic) {
  writer.beginObject();
  writer.key("code").string(diagnostic.code);
  writer.key("level").string(lintLevelName(diagnostic.level));
  writer.key("message").string(diagnostic.message);
  writer.key("rule_id");
  if (diagnostic.rule_id)
    writer.string(*diagnostic.rule_id);
  else
    writer.null();
  writer.endObject();
}

void writeDiagnostics(json::CanonicalWriter& writer, const std::vector<Diagnostic>& diagnostics) {
  writer.beginArray();
  for (const Diagnostic& d : diagnostics)
    writeDiagnostic(writer, d);
  writer.endArray();
}

}  // namespace tars::verifier
