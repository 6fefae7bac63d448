#include "services/verifier/verify_request.h"

#include <set>

#include "core/strict_json.h"
#include "services/verifier/adaptivity.h"
#include "services/verifier/hash_notation.h"
#include "services/verifier/json_fields.h"

namespace tars::verifier {
namespace {

CapError generic(JsonFieldReader& reader) {
  return CapError{CapProblem::kGeneric, std::move(reader).toStatus(StatusCode::kValidation)};
}

bool isSha3Tagged(std::string_view s) {
  constexpr std::string_view kPrefix = "sha3-256:";
  if (!s.starts_with(kPrefix) || s.size() != kPrefix.size() + 64)
    return false;
  for (char c : s.substr(kPrefix.size())) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  }
  return true;
}

}  // namespace

std::string_view verifyModeName(VerifyMode mode) {
  return mode == VerifyMode::kPolicyId ? "policy_id" : "embedded_ir";
}

CapOr<VerifyRequest> readVerifyRequest(const boost::json::object& body,
                                       const VerifyLimits& limits) {
  // The body is depth 1; each member may add max_depth - 1 levels. A body built in code (not by the
  // strict parser) gets the same bound here.
  for (const auto& member : body) {
    if (limits.max_depth == 0 || jsonDepth(member.value(), limits.max_depth) >= limits.max_depth)
      return CapError{CapProblem::kTooDeep,
                      validationError(json::tooDeepMessage(limits.max_depth))};
  }
  VerifyRequest request;
  const boost::json::value* policy_id = body.if_contains("policy_id");
  const boost::json::value* ir = body.if_contains("ir");
  if ((policy_id != nullptr) == (ir != nullptr)) {
    const char* message = policy_id != nullptr ? "must not be given together with ir"
                                               : "one of policy_id and ir is required";
    return CapError{CapProblem::kVerifyMode,
                    validationError("exactly one of policy_id and ir is required",
                                    {{"policy_id", message}, {"ir", message}})};
  }
  JsonFieldReader reader;
  if (policy_id != nullptr) {
    request.mode = VerifyMode::kPolicyId;
    if (std::optional<std::string> id = reader.asString(*policy_id, "policy_id"))
      request.policy_id = std::move(*id);
  } else {
    request.mode = VerifyMode::kEmbeddedIr;
    request.ir = *ir;
  }
  if (std::optional<std::string> backend =
          reader.string(body, "backend", "backend", Presence::kOptional)) {
    if (*backend != "mock")
      reader.fail("backend", "only \"mock\" is supported");
    else
      request.backend = std::move(*backend);
  }
  if (const boost::json::object* options =
          reader.object(body, "options", "options", Presence::kOptional)) {
    if (auto v = reader.boolean(*options, "adaptive", "options.adaptive", Presence::kOptional))
      request.options.adaptive = *v;
    if (auto v = reader.boolean(*options, "check_timestamp", "options.check_timestamp",
                                Presence::kOptional))
      request.options.check_timestamp = *v;
    if (auto v = reader.boolean(*options, "check_registry", "options.check_registry",
                                Presence::kOptional))
      request.options.check_registry = *v;
  }
  if (!reader.ok())
    return generic(reader);
  CapOr<VerifyContext> context = readVerifyContext(body.if_contains("context"), limits.context);
  if (!context.isOk())
    return context.error();
  request.context = std::move(context).value();
  return request;
}

CapOr<IrV1> readEmbeddedIr(const boost::json::value& value, std::size_t max_rules) {
  JsonFieldReader reader;
  const boost::json::object* o = reader.asObject(value, "ir");
  if (o == nullptr)
    return CapError{CapProblem::kInvalidIr, std::move(reader).toStatus(StatusCode::kValidation)};
  IrV1 ir;
  if (auto version = reader.string(*o, "ir_version", "ir.ir_version", Presence::kRequired)) {
    if (*version != kIrVersion)
      reader.fail("ir.ir_version", "expected \"1.0\"");
  }
  if (auto id = reader.string(*o, "policy_id", "ir.policy_id", Presence::kRequired))
    ir.policy_id = std::move(*id);
  if (auto hash = reader.string(*o, "policy_hash", "ir.policy_hash", Presence::kRequired)) {
    if (!isSha3Tagged(*hash) && !isHashString(*hash))
      reader.fail("ir.policy_hash", "expected sha3-256: followed by 64 lower-case hex digits");
    ir.policy_hash = std::move(*hash);
  }
  std::string submitted_hash;
  if (auto hash = reader.string(*o, "ir_hash", "ir.ir_hash", Presence::kOptional))
    submitted_hash = std::move(*hash);
  const boost::json::array* rules = reader.array(*o, "rules", "ir.rules", Presence::kRequired);
  if (rules != nullptr && rules->size() > max_rules) {
    return CapError{
        CapProblem::kTooManyRules,
        validationError("policy has " + std::to_string(rules->size()) + " rules; the limit is " +
                            std::to_string(max_rules),
                        {{"ir.rules", "at most " + std::to_string(max_rules) + " rules"}})};
  }
  if (rules != nullptr) {
    std::set<std::string, std::less<>> ids;
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const std::string path = indexPath("ir.rules", i);
      const boost::json::object* r = reader.asObject((*rules)[i], path);
      if (r == nullptr)
        continue;
      IrRule rule;
      if (auto id = reader.string(*r, "id", memberPath(path, "id"), Presence::kRequired)) {
        if (id->empty())
          reader.fail(memberPath(path, "id"), "must not be empty");
        else if (!ids.insert(*id).second)
          reader.fail(memberPath(path, "id"), "duplicate rule id '" + *id + "'");
        rule.id = std::move(*id);
      }
      if (auto op = reader.string(*r, "op", memberPath(path, "op"), Presence::kRequired)) {
        if (std::optional<RuleOp> known = ruleOpFromName(*op)) {
          rule.op = *known;
        } else {
          reader.fail(memberPath(path, "op"), "unknown op '" + *op + "' (allowed: " +
                                                  std::string(allowedRuleOpsText()) + ")");
        }
      }
      for (std::string_view side : {"lhs", "rhs"}) {
        const boost::json::value* operand = r->if_contains(side);
        if (operand == nullptr) {
          reader.fail(memberPath(path, side), "is required");
          continue;
        }
        (side == "lhs" ? rule.lhs : rule.rhs) = Operand::fromIr(*operand);
      }
      ir.rules.push_back(std::move(rule));
    }
  }
  if (const boost::json::value* adaptivity = o->if_contains("adaptivity");
      adaptivity != nullptr && !adaptivity->is_null()) {
    ir.adaptivity = readAdaptivity(*adaptivity, "ir.adaptivity", reader);
  }
  if (!reader.ok())
    return CapError{CapProblem::kInvalidIr, std::move(reader).toStatus(StatusCode::kValidation)};
  StatusOr<std::string> hash = computeIrHash(ir);
  if (!hash.isOk())
    return CapError{CapProblem::kInvalidIr, hash.status()};
  if (!submitted_hash.empty() && submitted_hash != *hash) {
    return CapError{
        CapProblem::kIrHashMismatch,
        validationError("ir_hash does not match the submitted IR (computed " + *hash + ")",
                        {{"ir.ir_hash", "does not match the submitted IR"}})};
  }
  ir.ir_hash = std::move(hash).value();
  return ir;
}

CapOr<ResolvedIr> resolveIr(const VerifyRequest& request, const PolicySource& policies,
                            bool allow_embedded_ir, std::size_t max_rules) {
  if (request.mode == VerifyMode::kPolicyId) {
    StatusOr<std::optional<StoredPolicy>> found = policies.findPolicy(request.policy_id);
    if (!found.isOk())
      return CapError{CapProblem::kGeneric, found.status()};
    if (!found->has_value()) {
      return CapError{CapProblem::kPolicyNotFound,
                      notFound("policy '" + request.policy_id + "' not found")};
    }
    StoredPolicy stored = std::move(**found);
    return ResolvedIr{std::move(stored.ir), std::move(stored.version)};
  }
  if (!allow_embedded_ir) {
    return CapError{CapProblem::kEmbeddedIrDisabled,
                    permissionDenied("embedded IR is disabled on this verifier")};
  }
  CapOr<IrV1> ir = readEmbeddedIr(request.ir, max_rules);
  if (!ir.isOk())
    return ir.error();
  return ResolvedIr{std::move(ir).value(), std::nullopt};
}

}  // namespace tars::verifier
