#include "services/verifier/ir.h"

#include <array>

#include "services/verifier/hash_notation.h"

namespace tars::verifier {
namespace {

constexpr std::array<std::pair<RuleOp, std::string_view>, 8> kOps = {{
    {RuleOp::kNonMembership, "non_membership"},
    {RuleOp::kEq, "eq"},
    {RuleOp::kRangeMin, "range_min"},
    {RuleOp::kRangeMax, "range_max"},
    {RuleOp::kLt, "lt"},
    {RuleOp::kGt, "gt"},
    {RuleOp::kNonIntersection, "non_intersection"},
    {RuleOp::kThreshold, "threshold"},
}};

// The variable name when `value` is exactly {"var": <string>}.
const boost::json::string* varReference(const boost::json::value& value) {
  const boost::json::object* o = value.if_object();
  if (o == nullptr || o->size() != 1)
    return nullptr;
  const boost::json::value* var = o->if_contains("var");
  return var == nullptr ? nullptr : var->if_string();
}

}  // namespace

std::string_view ruleOpName(RuleOp op) {
  for (const auto& [candidate, name] : kOps) {
    if (candidate == op)
      return name;
  }
  return "";
}

std::optional<RuleOp> ruleOpFromName(std::string_view name) {
  for (const auto& [op, candidate] : kOps) {
    if (candidate == name)
      return op;
  }
  return std::nullopt;
}

std::string_view allowedRuleOpsText() {
  return "non_membership, eq, range_min, range_max, lt, gt, non_intersection, threshold";
}

Operand Operand::reference(std::string name) {
  Operand o;
  o.is_reference_ = true;
  o.name_ = std::move(name);
  return o;
}

Operand Operand::literal(boost::json::value value) {
  if (const boost::json::string* var = varReference(value))
    return reference(std::string(view(*var)));
  Operand o;
  o.literal_ = std::move(value);
  return o;
}

Operand Operand::fromPolicy(const boost::json::value& value) {
  if (const boost::json::string* s = value.if_string())
    return reference(std::string(view(*s)));
  return literal(value);
}

Operand Operand::fromIr(const boost::json::value& value) {
  return literal(value);
}

void Operand::write(json::CanonicalWriter& writer) const {
  if (is_reference_) {
    writer.beginObject().key("var").string(name_).endObject();
  } else {
    writer.value(literal_);
  }
}

bool Operand::operator==(const Operand& other) const {
  if (is_reference_ != other.is_reference_)
    return false;
  return is_reference_ ? name_ == other.name_ : literal_ == other.literal_;
}

namespace {

// The IR with `ir_hash` in place of ir.ir_hash, so the hash preimage needs no copy of the IR.
void writeIrWithHash(json::CanonicalWriter& writer, const IrV1& ir, std::string_view ir_hash) {
  writer.beginObject();
  writer.key("ir_version").string(ir.ir_version);
  writer.key("policy_id").string(ir.policy_id);
  writer.key("policy_hash").string(ir.policy_hash);
  writer.key("rules").beginArray();
  for (const IrRule& rule : ir.rules) {
    writer.beginObject();
    writer.key("id").string(rule.id);
    writer.key("op").string(ruleOpName(rule.op));
    writer.key("lhs");
    rule.lhs.write(writer);
    writer.key("rhs");
    rule.rhs.write(writer);
    writer.endObject();
  }
  writer.endArray();
  if (ir.adaptivity) {
    writer.key("adaptivity");
    writeAdaptivity(writer, *ir.adaptivity);
  }
  writer.key("ir_hash").string(ir_hash);
  writer.endObject();
}

std::size_t expectedSize(const IrV1& ir) {
  return 256 + 128 * ir.rules.size();
}

}  // namespace

void writeIr(json::CanonicalWriter& writer, const IrV1& ir) {
  writeIrWithHash(writer, ir, ir.ir_hash);
}

StatusOr<std::string> irCanonicalJson(const IrV1& ir) {
  json::CanonicalWriter writer(expectedSize(ir));
  writeIr(writer, ir);
  return std::move(writer).finish();
}

StatusOr<std::string> computeIrHash(const IrV1& ir) {
  json::CanonicalWriter writer(expectedSize(ir));
  writeIrWithHash(writer, ir, "");
  TARS_ASSIGN_OR_RETURN(std::string preimage, std::move(writer).finish());
  return sha3Tagged(preimage);
}

std::string irEtag(std::string_view ir_hash) {
  return "\"ir:" + std::string(ir_hash) + "\"";
}

}  // namespace tars::verifier
