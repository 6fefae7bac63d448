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
  }
  return "";
}

}  // namespace tars::verifier
