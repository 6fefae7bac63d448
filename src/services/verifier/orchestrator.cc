#include "services/verifier/orchestrator.h"

#include <algorithm>
#include <set>

#include <boost/json/object.hpp>

#include "services/verifier/json_fields.h"
#include "services/verifier/rule_eval.h"

namespace tars::verifier {
namespace {

Status selectionError(std::string message) {
  return validationError(std::move(message));
}

StatusOr<const boost::json::value*> variable(const VerifyContext& context, std::string_view name) {
  const boost::json::value* v = resolveName(context, name);
  if (v == nullptr)
    return selectionError("variable '" + std::string(name) + "' is missing");
  return v;
}

// A lt/gt argument: a number, or a string naming a variable that holds one.
StatusOr<double> numericArg(const boost::json::value& arg, const VerifyContext& context) {
  if (arg.is_int64())
    return static_cast<double>(arg.get_int64());
  if (arg.is_uint64())
    return static_cast<double>(arg.get_uint64());
  if (arg.is_double())
    return arg.get_double();
  const boost::json::string* name = arg.if_string();
  if (name == nullptr)
    return selectionError("invalid predicate expression");
  TARS_ASSIGN_OR_RETURN(const boost::json::value* v, variable(context, view(*name)));
  if (!v->is_number())
    return selectionError("variable '" + std::string(view(*name)) + "' is not a number");
  return v->to_number<double>();
}

StatusOr<bool> evaluateFunction(const boost::json::object& expr, const VerifyContext& context) {
  const boost::json::string* func = expr.contains("func") ? expr.at("func").if_string() : nullptr;
  if (func == nullptr)
    return selectionError("invalid predicate expression");
  const std::string name(view(*func));
  if (name != "lt" && name != "gt" && name != "eq")
    return selectionError("unsupported function '" + name + "'");
  const boost::json::value* args_value = expr.if_contains("args");
  const boost::json::array* args = args_value == nullptr ? nullptr : args_value->if_array();
  if (args == nullptr || args->size() != 2)
    return selectionError("function '" + name + "' needs exactly 2 arguments");
  if (name == "eq") {
    // A string naming a present variable is replaced by its value; any other arg is literal.
    auto resolved = [&](const boost::json::value& arg) -> const boost::json::value& {
      if (const boost::json::string* s = arg.if_string()) {
        if (const boost::json::value* v = resolveName(context, view(*s)))
          return *v;
      }
      return arg;
    };
    return jsonEqual(resolved((*args)[0]), resolved((*args)[1]));
  }
  TARS_ASSIGN_OR_RETURN(double a, numericArg((*args)[0], context));
  TARS_ASSIGN_OR_RETURN(double b, numericArg((*args)[1], context));
  return name == "lt" ? a < b : a > b;
}

}  // namespace

StatusOr<bool> evaluatePredicate(const boost::json::value& expr, const VerifyContext& context) {
  if (expr.is_bool())
    return expr.get_bool();
  if (const boost::json::string* s = expr.if_string()) {
    if (*s == "true")
      return true;
    if (*s == "false")
      return false;
    TARS_ASSIGN_OR_RETURN(const boost::json::value* v, variable(context, view(*s)));
    if (!v->is_bool())
      return selectionError("variable '" + std::string(view(*s)) + "' is not a boolean");
    return v->get_bool();
  }
  if (const boost::json::object* o = expr.if_object())
    return evaluateFunction(*o, context);
  return selectionError("invalid predicate expression");
}

StatusOr<std::vector<std::string>> selectActive(const std::optional<Adaptivity>& adaptivity,
                                                const VerifyContext& context) {
  std::set<std::string> active;
  if (adaptivity) {
    for (const Activation& activation : adaptivity->activations) {
      auto predicate = std::find_if(adaptivity->predicates.begin(), adaptivity->predicates.end(),
                                    [&](const Predicate& p) { return p.id == activation.when; });
      if (predicate == adaptivity->predicates.end())
        return selectionError("unknown predicate '" + activation.when + "'");
      TARS_ASSIGN_OR_RETURN(bool on, evaluatePredicate(predicate->expr, context));
      if (on)
        active.insert(activation.rules.begin(), activation.rules.end());
    }
  }
  return std::vector<std::string>(active.begin(), active.end());
}

std::uint32_t opCost(std::string_view op) {
  if (op == "eq")
    return 1;
  if (op == "range_min" || op == "range_max" || op == "gt" || op == "lt" || op == "gte" ||
      op == "lte")
    return 2;
  if (op == "non_membership" || op == "membership")
    return 10;
  if (op == "non_intersection" || op == "intersection")
    return 15;
  if (op == "threshold")
    return 20;
  return 100;
}

StatusOr<Plan> planRules(const IrV1& ir, const std::vector<std::string>& active) {
  Plan plan;
  plan.policy_id = ir.policy_id;
  plan.active_rules = active.size();
  std::set<std::string_view> seen;
  for (const std::string& id : active) {
    if (!seen.insert(id).second)
      continue;
    auto rule =
        std::find_if(ir.rules.begin(), ir.rules.end(), [&](const IrRule& r) { return r.id == id; });
    if (rule == ir.rules.end())
      return selectionError("rule '" + id + "' not found");
    const std::string_view op = ruleOpName(rule->op);
    plan.steps.push_back(PlanStep{id, std::string(op), opCost(op), 0});
  }
  std::sort(plan.steps.begin(), plan.steps.end(), [](const PlanStep& a, const PlanStep& b) {
    return a.cost != b.cost ? a.cost < b.cost : a.rule_id < b.rule_id;
  });
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    plan.steps[i].step_index = i;
    plan.total_cost += plan.steps[i].cost;
  }
  return plan;
}

StatusOr<Plan> orchestrate(const IrV1& ir, const VerifyContext& context) {
  std::vector<std::string> active;
  if (!ir.adaptivity) {
    for (const IrRule& rule : ir.rules)
      active.push_back(rule.id);
  } else {
    TARS_ASSIGN_OR_RETURN(active, selectActive(ir.adaptivity, context));
  }
  return planRules(ir, active);
}

void writePlan(json::CanonicalWriter& writer, const Plan& plan) {
  writer.beginObject().key("steps").beginArray();
  for (const PlanStep& step : plan.steps) {
    writer.beginObject();
    writer.key("rule_id").string(step.rule_id);
    writer.key("op").string(step.op);
    writer.key("cost").uint64(step.cost);
    writer.key("step_index").uint64(step.step_index);
    writer.endObject();
  }
  writer.endArray();
  writer.key("total_cost").uint64(plan.total_cost);
  writer.key("metadata").beginObject();
  writer.key("policy_id").string(plan.policy_id);
  writer.key("active_rules").uint64(plan.active_rules);
  writer.key("strategy").string(kPlanStrategy);
  writer.endObject();
  writer.endObject();
}

}  // namespace tars::verifier
