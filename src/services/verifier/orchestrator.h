#pragma once
// The adaptive proof orchestrator (spec/cap.md §8.1–§8.4): the predicate language, the selector
// (which rules apply to a context) and the cost-based planner (in which order to evaluate them).
//
// Errors are plain Status values of kValidation whose message is the §8.1/§8.3 detail text
// ("unknown predicate 'p'", "variable 'age' is missing", "rule 'r' not found", …); /verify turns
// them into 422 cap/adaptive-selection-failed (§8.5). Evaluation never short-circuits or caches,
// and an error ends the whole selection (fail-closed).
//
// Thread safety: pure functions.

#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/canonical_json.h"
#include "core/status.h"
#include "services/verifier/adaptivity.h"
#include "services/verifier/ir.h"
#include "services/verifier/verify_context.h"

namespace tars::verifier {

inline constexpr std::string_view kPlanStrategy = "cost_based_v1";
inline constexpr std::string_view kSelectorName = "basic";

// §8.1: the boolean value of `expr`; variables resolve as §7.4 against `context`.
StatusOr<bool> evaluatePredicate(const boost::json::value& expr, const VerifyContext& context);

// §8.2: the rule ids activated by a true predicate, de-duplicated and sorted bytewise; empty
// without adaptivity. Error: `unknown predicate '<when>'` or the predicate's error.
StatusOr<std::vector<std::string>> selectActive(const std::optional<Adaptivity>& adaptivity,
                                                const VerifyContext& context);

// §8.3: the cost of an op by its wire name (eq 1; range_min, range_max, gt, lt, gte, lte 2;
// non_membership, membership 10; non_intersection, intersection 15; threshold 20; else 100).
std::uint32_t opCost(std::string_view op);

struct PlanStep {
  std::string rule_id;
  std::string op;
  std::uint32_t cost = 0;
  std::size_t step_index = 0;
  bool operator==(const PlanStep&) const = default;
};

struct Plan {
  std::vector<PlanStep> steps;
  std::uint64_t total_cost = 0;
  std::string policy_id;
  std::size_t active_rules = 0;  // the number of ids handed to the planner
};

// §8.3: one step per active id (an id given twice is planned once), sorted by cost then id
// bytewise. Error: `rule '<id>' not found`.
StatusOr<Plan> planRules(const IrV1& ir, const std::vector<std::string>& active);

// §8.2: all rule ids in IR order without adaptivity, else selectActive(); then planRules().
StatusOr<Plan> orchestrate(const IrV1& ir, const VerifyContext& context);

// §8.4: {"steps":[{"rule_id","op","cost","step_index"}],"total_cost",
// "metadata":{"policy_id","active_rules","strategy"}}.
void writePlan(json::CanonicalWriter& writer, const Plan& plan);

}  // namespace tars::verifier
