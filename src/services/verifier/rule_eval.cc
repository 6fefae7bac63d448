#include "services/verifier/rule_eval.h"

#include <boost/json/object.hpp>

#include <vector>

#include "core/json_number.h"
#include "services/verifier/hash_notation.h"
#include "services/verifier/json_fields.h"

namespace tars::verifier {
namespace {

bool isInteger(const boost::json::value& v) {
  return v.is_int64() || v.is_uint64();
}

double asDouble(const boost::json::value& v) {
  if (v.is_int64())
    return static_cast<double>(v.get_int64());
  if (v.is_uint64())
    return static_cast<double>(v.get_uint64());
  return v.get_double();
}

// <0, 0, >0 as a is less than, equal to or greater than b. REQUIRES: both numbers.
int compareNumbers(const boost::json::value& a, const boost::json::value& b) {
  if (isInteger(a) && isInteger(b)) {
    // Negative int64s are below every uint64; otherwise both fit one of the two types.
    if (a.is_int64() && b.is_int64())
      return a.get_int64() < b.get_int64() ? -1 : (a.get_int64() > b.get_int64() ? 1 : 0);
    if (a.is_int64() && a.get_int64() < 0)
      return -1;
    if (b.is_int64() && b.get_int64() < 0)
      return 1;
    const std::uint64_t x =
        a.is_int64() ? static_cast<std::uint64_t>(a.get_int64()) : a.get_uint64();
    const std::uint64_t y =
        b.is_int64() ? static_cast<std::uint64_t>(b.get_int64()) : b.get_uint64();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  const double x = asDouble(a);
  const double y = asDouble(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

RuleResult outcome(const IrRule& rule, RuleStatus status, std::string reason = {}) {
  return RuleResult{rule.id, rule.op, status, std::move(reason)};
}

// The operand's name in reasons: the variable, or "lhs"/"rhs" for a literal.
std::string operandName(const Operand& operand, std::string_view side) {
  return operand.isReference() ? operand.name() : std::string(side);
}

const boost::json::value* resolveOperand(const Operand& operand, const VerifyContext& context) {
  if (operand.isReference())
    return resolveName(context, operand.name());
  return operand.literalValue().is_null() ? nullptr : &operand.literalValue();
}

// A side of a set op, once resolved: the elements of an array, or the set of a registered list.
struct SetSide {
  const boost::json::array* array = nullptr;
  HashSetConstSharedPtr list;
};

// Elements that are not hash strings (checked when the other side is a list).
bool allHashStrings(const boost::json::array& a) {
  for (const boost::json::value& v : a) {
    const boost::json::string* s = v.if_string();
    if (s == nullptr || !isHashString(view(*s)))
      return false;
  }
  return true;
}

bool containsEqual(const boost::json::array& haystack, const boost::json::value& needle) {
  for (const boost::json::value& v : haystack) {
    if (jsonEqual(v, needle))
      return true;
  }
  return false;
}

StatusOr<RuleResult> evaluateSetOp(const IrRule& rule, const boost::json::value& lhs,
                                   const boost::json::value& rhs, const ListSource& lists) {
  const bool membership = rule.op == RuleOp::kNonMembership;
  // lhs: non_membership takes a string (one element) or an array; non_intersection an array or a
  // list root.
  boost::json::array single;
  SetSide left;
  std::string left_root;
  if (const boost::json::array* a = lhs.if_array()) {
    left.array = a;
  } else if (const boost::json::string* s = lhs.if_string()) {
    if (membership) {
      single.emplace_back(*s);
      left.array = &single;
    } else if (isHashString(view(*s))) {
      left_root = std::string(view(*s));
    } else {
      return outcome(rule, RuleStatus::kFail, "type mismatch: lhs must be a list root or an array");
    }
  } else {
    return outcome(rule, RuleStatus::kFail,
                   membership ? "type mismatch: lhs must be a string or an array"
                              : "type mismatch: lhs must be a list root or an array");
  }
  SetSide right;
  std::string right_root;
  if (const boost::json::array* a = rhs.if_array()) {
    right.array = a;
  } else if (const boost::json::string* s = rhs.if_string(); s && isHashString(view(*s))) {
    right_root = std::string(view(*s));
  } else {
    return outcome(rule, RuleStatus::kFail, "type mismatch: rhs must be a list root or an array");
  }
  // Element shape against a list side: a malformed element could never match.
  if (!right_root.empty() && left.array != nullptr && !allHashStrings(*left.array))
    return outcome(rule, RuleStatus::kFail, "type mismatch: lhs elements must be hash strings");
  if (!left_root.empty() && right.array != nullptr && !allHashStrings(*right.array))
    return outcome(rule, RuleStatus::kFail, "type mismatch: rhs elements must be hash strings");
  if (left.array != nullptr && left.array->empty())
    return outcome(rule, RuleStatus::kOk);
  for (auto [root, side] : {std::pair{&left_root, &left}, std::pair{&right_root, &right}}) {
    if (root->empty())
      continue;
    TARS_ASSIGN_OR_RETURN(side->list, lists.find(*root));
    if (side->list == nullptr)
      return outcome(rule, RuleStatus::kSkipped, "list not registered: " + *root);
  }
  std::size_t found = 0;
  if (left.array != nullptr) {
    for (const boost::json::value& element : *left.array) {
      if (right.list != nullptr) {
        found += right.list->contains(std::string(view(element.get_string()))) ? 1 : 0;
      } else {
        found += containsEqual(*right.array, element) ? 1 : 0;
      }
    }
  } else {
    for (const std::string& element : *left.list) {
      if (right.list != nullptr) {
        found += right.list->contains(element) ? 1 : 0;
      } else {
        found += containsEqual(*right.array, boost::json::value(element)) ? 1 : 0;
      }
    }
  }
  if (found == 0)
    return outcome(rule, RuleStatus::kOk);
  return outcome(rule, RuleStatus::kFail,
                 std::to_string(found) + " element(s) of lhs found in rhs");
}

RuleResult evaluateComparison(const IrRule& rule, const boost::json::value& lhs,
                              const boost::json::value& rhs) {
  if (!lhs.is_number())
    return outcome(rule, RuleStatus::kFail, "type mismatch: lhs must be a number");
  if (!rhs.is_number())
    return outcome(rule, RuleStatus::kFail, "type mismatch: rhs must be a number");
  const int c = compareNumbers(lhs, rhs);
  bool ok = false;
  std::string_view fail_sign;
  switch (rule.op) {
    case RuleOp::kRangeMin:
      ok = c >= 0;
      fail_sign = " < ";
      break;
    case RuleOp::kRangeMax:
      ok = c <= 0;
      fail_sign = " > ";
      break;
    case RuleOp::kLt:
      ok = c < 0;
      fail_sign = " >= ";
      break;
    default:  // kGt
      ok = c > 0;
      fail_sign = " <= ";
      break;
  }
  if (ok)
    return outcome(rule, RuleStatus::kOk);
  return outcome(rule, RuleStatus::kFail,
                 numberText(lhs) + std::string(fail_sign) + numberText(rhs));
}

RuleResult evaluateThreshold(const IrRule& rule, const boost::json::value& lhs,
                             const boost::json::value& rhs) {
  const boost::json::array* values = lhs.if_array();
  if (values == nullptr)
    return outcome(rule, RuleStatus::kFail, "type mismatch: lhs must be an array of booleans");
  for (const boost::json::value& v : *values) {
    if (!v.is_bool())
      return outcome(rule, RuleStatus::kFail, "type mismatch: lhs must be an array of booleans");
  }
  if (!rhs.is_number() || asDouble(rhs) < 0.0 || asDouble(rhs) > 1.0)
    return outcome(rule, RuleStatus::kFail, "type mismatch: rhs must be a number in [0, 1]");
  if (values->empty())
    return outcome(rule, RuleStatus::kSkipped, "empty input: " + operandName(rule.lhs, "lhs"));
  std::size_t trues = 0;
  for (const boost::json::value& v : *values)
    trues += v.get_bool() ? 1 : 0;
  const double fraction = static_cast<double>(trues) / static_cast<double>(values->size());
  if (fraction >= asDouble(rhs))
    return outcome(rule, RuleStatus::kOk);
  return outcome(rule, RuleStatus::kFail,
                 "fraction " + numberText(boost::json::value(fraction)) + " < " + numberText(rhs));
}

}  // namespace

std::string_view ruleStatusName(RuleStatus status) {
  switch (status) {
    case RuleStatus::kOk:
      return "ok";
    case RuleStatus::kFail:
      return "fail";
    case RuleStatus::kSkipped:
      return "skipped";
  }
  return "";
}

bool jsonEqual(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_number() && b.is_number())
    return compareNumbers(a, b) == 0;
  if (a.kind() != b.kind())
    return false;
  switch (a.kind()) {
    case boost::json::kind::null:
      return true;
    case boost::json::kind::bool_:
      return a.get_bool() == b.get_bool();
    case boost::json::kind::string:
      return a.get_string() == b.get_string();
    case boost::json::kind::array: {
      const boost::json::array& x = a.get_array();
      const boost::json::array& y = b.get_array();
      if (x.size() != y.size())
        return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!jsonEqual(x[i], y[i]))
          return false;
      }
      return true;
    }
    case boost::json::kind::object: {
      const boost::json::object& x = a.get_object();
      const boost::json::object& y = b.get_object();
      if (x.size() != y.size())
        return false;
      for (const auto& member : x) {
        const boost::json::value* other = y.if_contains(member.key());
        if (other == nullptr || !jsonEqual(member.value(), *other))
          return false;
      }
      return true;
    }
    default:
      return false;
  }
}

std::string numberText(const boost::json::value& number) {
  std::string out;
  if (number.is_int64()) {
    json::appendInteger(out, number.get_int64());
  } else if (number.is_uint64()) {
    json::appendInteger(out, number.get_uint64());
  } else if (number.is_double()) {
    if (!json::appendFloat(out, number.get_double()))
      out = "NaN";  // parsed values are finite; only a value built in code can get here
  }
  return out;
}

StatusOr<RuleResult> evaluateRule(const IrRule& rule, const VerifyContext& context,
                                  const ListSource& lists) {
  const boost::json::value* lhs = resolveOperand(rule.lhs, context);
  if (lhs == nullptr)
    return outcome(rule, RuleStatus::kSkipped, "missing input: " + operandName(rule.lhs, "lhs"));
  const boost::json::value* rhs = resolveOperand(rule.rhs, context);
  if (rhs == nullptr)
    return outcome(rule, RuleStatus::kSkipped, "missing input: " + operandName(rule.rhs, "rhs"));
  switch (rule.op) {
    case RuleOp::kEq:
      return jsonEqual(*lhs, *rhs) ? outcome(rule, RuleStatus::kOk)
                                   : outcome(rule, RuleStatus::kFail, "values differ");
    case RuleOp::kRangeMin:
    case RuleOp::kRangeMax:
    case RuleOp::kLt:
    case RuleOp::kGt:
      return evaluateComparison(rule, *lhs, *rhs);
    case RuleOp::kNonMembership:
    case RuleOp::kNonIntersection:
      return evaluateSetOp(rule, *lhs, *rhs, lists);
    case RuleOp::kThreshold:
      return evaluateThreshold(rule, *lhs, *rhs);
  }
  return internalError("unknown rule op");
}

}  // namespace tars::verifier
