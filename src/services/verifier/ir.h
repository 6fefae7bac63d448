#pragma once
// IR v1 (spec/cap.md §5.4): the compiled, hashed form of a PolicyV2 that /verify evaluates (§7)
// and the adaptive orchestrator plans over (§8).
//
// Shape for its consumers:
// - rules carry a RuleOp (every IR rule has a supported op: compile refuses others through lint
//   E2001, an embedded IR through cap/invalid-ir), so the evaluator switches over an enum;
//   ruleOpName() gives the wire name the planner's cost table (§8.3) and the reports use;
// - operands are either a variable reference (resolved against the context, §7.4) or a literal
//   JSON value used as is; the two ways of reading a raw operand (§5.4 step 3 for PolicyV2, §7.2
//   for an embedded IR) are the two Operand factories;
// - adaptivity is kept as written (adaptivity.h), predicates and activations in source order.
//
// Thread safety: values and pure functions.

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/canonical_json.h"
#include "core/status.h"
#include "services/verifier/adaptivity.h"

namespace tars::verifier {

inline constexpr std::string_view kIrVersion = "1.0";

// The supported ops, in the order lint E2001 lists them (§5.6).
enum class RuleOp {
  kNonMembership,
  kEq,
  kRangeMin,
  kRangeMax,
  kLt,
  kGt,
  kNonIntersection,
  kThreshold,
};

// "non_membership", …
std::string_view ruleOpName(RuleOp op);
// The op named exactly `name` (case-sensitive), or nullopt.
std::optional<RuleOp> ruleOpFromName(std::string_view name);
// "non_membership, eq, range_min, range_max, lt, gt, non_intersection, threshold" (§5.6, §7.2).
std::string_view allowedRuleOpsText();

class Operand {
 public:
  // A reference to the variable `name` (§7.4 resolves it).
  static Operand reference(std::string name);
  // A literal value, used as is. A literal of exactly the form {"var": <string>} cannot be told
  // from a reference on the wire, so it becomes one (§5.4 step 3, §7.2).
  static Operand literal(boost::json::value value);
  // §5.4 step 3, a PolicyV2 operand: a string names a variable; anything else is a literal.
  static Operand fromPolicy(const boost::json::value& value);
  // §7.2, an embedded IR operand: only {"var": <string>} is a reference; strings are literals.
  static Operand fromIr(const boost::json::value& value);

  bool isReference() const { return is_reference_; }
  // REQUIRES: isReference().
  const std::string& name() const { return name_; }
  // REQUIRES: !isReference().
  const boost::json::value& literalValue() const { return literal_; }

  // The IR wire form: {"var":"<name>"} or the literal written free-form.
  void write(json::CanonicalWriter& writer) const;

  bool operator==(const Operand& other) const;

 private:
  Operand() = default;

  bool is_reference_ = false;
  std::string name_;
  boost::json::value literal_;
};

struct IrRule {
  std::string id;
  RuleOp op = RuleOp::kEq;
  Operand lhs = Operand::literal(nullptr);
  Operand rhs = Operand::literal(nullptr);
};

struct IrV1 {
  std::string ir_version{kIrVersion};
  std::string policy_id;
  std::string policy_hash;  // "sha3-256:<hex>" (§5.3)
  std::vector<IrRule> rules;
  std::optional<Adaptivity> adaptivity;
  std::string ir_hash;  // "sha3-256:<hex>" over the IR with this member "" (§5.4 step 5)
};

// The §5.4 typed record: {ir_version, policy_id, policy_hash, rules, adaptivity?, ir_hash} with
// rules in the order held (compile sorts them; an embedded IR keeps the submitted order).
void writeIr(json::CanonicalWriter& writer, const IrV1& ir);

// The compact canonical text of `ir` as it stands (ir_hash included as held).
StatusOr<std::string> irCanonicalJson(const IrV1& ir);

// §5.4 step 5: "sha3-256:" + S3 of the canonical IR with "ir_hash":"" (whatever `ir` holds there).
StatusOr<std::string> computeIrHash(const IrV1& ir);

// The ETag value of an IR: "ir:<ir_hash>" inside double quotes, the quotes included (§5.4).
std::string irEtag(std::string_view ir_hash);

}  // namespace tars::verifier
