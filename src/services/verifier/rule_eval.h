#pragma once
// One IR rule against a context and the registered lists (spec/cap.md §7.4–§7.5).
//
// Every rule yields ok, fail or skipped; `reason` is set exactly when the status is not ok, with
// the texts of §7.5 ("missing input: <name>", "values differ", "3 < 18", "1 element(s) of lhs
// found in rhs", "list not registered: 0x…", "type mismatch: …", "fraction 0.5 < 0.8",
// "empty input: <name>"). Bad operands are a rule outcome, never an error; only a ListSource
// backend failure is.
//
// Thread safety: pure functions (the ListSource must allow concurrent calls).

#include <boost/json/value.hpp>

#include <optional>
#include <string>

#include "core/status.h"
#include "services/verifier/ir.h"
#include "services/verifier/list_source.h"
#include "services/verifier/verify_context.h"

namespace tars::verifier {

enum class RuleStatus { kOk, kFail, kSkipped };

// "ok", "fail", "skipped".
std::string_view ruleStatusName(RuleStatus status);

struct RuleResult {
  std::string id;
  RuleOp op = RuleOp::kEq;
  RuleStatus status = RuleStatus::kOk;
  std::string reason;  // empty iff status is kOk

  bool operator==(const RuleResult&) const = default;
};

// §7.5 JSON equality: numbers by value (1 = 1.0; two integers exactly), strings by bytes, arrays
// element-wise, objects with equal key sets and equal values.
bool jsonEqual(const boost::json::value& a, const boost::json::value& b);

// A number in §3.4 form (integers plain, floats with ".0" or an exponent), for reasons.
std::string numberText(const boost::json::value& number);

// §7.5 for `rule`. Failure only when `lists` fails.
StatusOr<RuleResult> evaluateRule(const IrRule& rule, const VerifyContext& context,
                                  const ListSource& lists);

}  // namespace tars::verifier
