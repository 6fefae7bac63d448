#include "services/verifier/cap_error.h"

namespace tars::verifier {

std::string_view capProblemSlug(CapProblem problem) {
  switch (problem) {
    case CapProblem::kGeneric:
      return "";
    case CapProblem::kMissingPolicy:
      return "cap/missing-policy";
    case CapProblem::kInvalidPolicy:
      return "cap/invalid-policy";
    case CapProblem::kTooDeep:
      return "cap/too-deep";
    case CapProblem::kTooManyRules:
      return "cap/too-many-rules";
    case CapProblem::kLintFailed:
      return "cap/policy-lint-failed";
    case CapProblem::kVerifyMode:
      return "cap/verify-mode";
    case CapProblem::kInvalidContext:
      return "cap/invalid-context";
    case CapProblem::kInvalidIr:
      return "cap/invalid-ir";
    case CapProblem::kIrHashMismatch:
      return "cap/ir-hash-mismatch";
    case CapProblem::kPolicyNotFound:
      return "cap/policy-not-found";
    case CapProblem::kEmbeddedIrDisabled:
      return "cap/embedded-ir-disabled";
    case CapProblem::kAdaptiveSelectionFailed:
      return "cap/adaptive-selection-failed";
    case CapProblem::kInvalidCsv:
      return "cap/invalid-csv";
    case CapProblem::kListTooLarge:
      return "cap/list-too-large";
  }
  return "";
}

}  // namespace tars::verifier
