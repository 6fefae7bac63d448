#pragma once
// Evaluating a resolved IR against a context (spec/cap.md §7.6, §8.5): every rule in IR order, or
// with `adaptive` the orchestrator's plan, fail-fast; then the verdict.
//
// Thread safety: pure functions (the ListSource must allow concurrent calls).

#include <optional>
#include <string_view>
#include <vector>

#include "services/verifier/cap_error.h"
#include "services/verifier/ir.h"
#include "services/verifier/list_source.h"
#include "services/verifier/orchestrator.h"
#include "services/verifier/rule_eval.h"
#include "services/verifier/verify_context.h"

namespace tars::verifier {

enum class Verdict { kOk, kWarn, kFail };

// "OK", "WARN", "FAIL" (`result`, `manifest.verdict`).
std::string_view verdictName(Verdict verdict);
// "ok", "warn", "fail" (`report.status`, `manifest.proof.status`).
std::string_view verdictLowerName(Verdict verdict);

// §7.6: FAIL if any rule failed; else WARN if any was skipped or there are none; else OK.
Verdict verdictOf(const std::vector<RuleResult>& rules);

struct Evaluation {
  std::vector<RuleResult> rules;  // IR order, or plan order when adaptive
  Verdict verdict = Verdict::kWarn;
  std::optional<Plan> plan;  // present exactly when adaptive
  // True when a rule was skipped because its list is not registered (such results are not
  // cached, §9).
  bool list_missing = false;
};

inline constexpr std::string_view kFailFastReason = "fail-fast";

// §7.6 / §8.5. Failure: cap/adaptive-selection-failed (kValidation, detail = the orchestrator's
// text) when adaptive selection or planning fails; the ListSource's Status when it fails.
CapOr<Evaluation> evaluateIr(const IrV1& ir, const VerifyContext& context, bool adaptive,
                             const ListSource& lists);

}  // namespace tars::verifier
