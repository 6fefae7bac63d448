#include "services/verifier/evaluation.h"

#include <algorithm>

namespace tars::verifier {

std::string_view verdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOk:
      return "OK";
    case Verdict::kWarn:
      return "WARN";
    case Verdict::kFail:
      return "FAIL";
  }
  return "";
}

std::string_view verdictLowerName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOk:
      return "ok";
    case Verdict::kWarn:
      return "warn";
    case Verdict::kFail:
      return "fail";
  }
  return "";
}

Verdict verdictOf(const std::vector<RuleResult>& rules) {
  bool skipped = rules.empty();
  for (const RuleResult& r : rules) {
    if (r.status == RuleStatus::kFail)
      return Verdict::kFail;
    skipped = skipped || r.status == RuleStatus::kSkipped;
  }
  return skipped ? Verdict::kWarn : Verdict::kOk;
}

namespace {

bool isListMissing(const RuleResult& r) {
  return r.status == RuleStatus::kSkipped && r.reason.starts_with("list not registered: ");
}

}  // namespace

CapOr<Evaluation> evaluateIr(const IrV1& ir, const VerifyContext& context, bool adaptive,
                             const ListSource& lists) {
  Evaluation evaluation;
  if (!adaptive) {
    for (const IrRule& rule : ir.rules) {
      StatusOr<RuleResult> r = evaluateRule(rule, context, lists);
      if (!r.isOk())
        return CapError{CapProblem::kGeneric, r.status()};
      evaluation.list_missing = evaluation.list_missing || isListMissing(*r);
      evaluation.rules.push_back(std::move(r).value());
    }
  } else {
    StatusOr<Plan> plan = orchestrate(ir, context);
    if (!plan.isOk()) {
      return CapError{CapProblem::kAdaptiveSelectionFailed,
                      validationError(plan.status().message())};
    }
    bool failed = false;
    for (const PlanStep& step : plan->steps) {
      // planRules() found every step's rule in this IR.
      const IrRule& rule = *std::find_if(ir.rules.begin(), ir.rules.end(),
                                         [&](const IrRule& r) { return r.id == step.rule_id; });
      if (failed) {
        evaluation.rules.push_back(
            RuleResult{rule.id, rule.op, RuleStatus::kSkipped, std::string(kFailFastReason)});
        continue;
      }
      StatusOr<RuleResult> r = evaluateRule(rule, context, lists);
      if (!r.isOk())
        return CapError{CapProblem::kGeneric, r.status()};
      failed = r->status == RuleStatus::kFail;
      evaluation.list_missing = evaluation.list_missing || isListMissing(*r);
      evaluation.rules.push_back(std::move(r).value());
    }
    evaluation.plan = std::move(plan).value();
  }
  evaluation.verdict = verdictOf(evaluation.rules);
  return evaluation;
}

}  // namespace tars::verifier
