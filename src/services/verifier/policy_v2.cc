#include "services/verifier/policy_v2.h"

#include "core/strict_json.h"
#include "core/utf8.h"
#include "services/verifier/json_fields.h"

namespace tars::verifier {
namespace {

constexpr std::string_view kRoot = "policy";

// §5.1 (our decision: the id is a URL segment): ^[a-z0-9._-]{1,max}$.
bool isPolicyId(std::string_view id, std::size_t max_length) {
  if (id.empty() || id.size() > max_length)
    return false;
  for (char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok)
      return false;
  }
  return true;
}

void readLegalBasis(const boost::json::object& root, JsonFieldReader& reader, PolicyV2& policy) {
  const std::string path = memberPath(kRoot, "legal_basis");
  const boost::json::array* items = reader.array(root, "legal_basis", path, Presence::kRequired);
  if (items == nullptr)
    return;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string item_path = indexPath(path, i);
    const boost::json::object* item = reader.asObject((*items)[i], item_path);
    if (item == nullptr)
      continue;
    LegalBasis basis;
    basis.directive =
        reader.string(*item, "directive", memberPath(item_path, "directive"), Presence::kOptional);
    basis.article =
        reader.string(*item, "article", memberPath(item_path, "article"), Presence::kOptional);
    policy.legal_basis.push_back(std::move(basis));
  }
}

void readInputs(const boost::json::object& root, JsonFieldReader& reader, PolicyV2& policy) {
  const std::string path = memberPath(kRoot, "inputs");
  const boost::json::object* inputs = reader.object(root, "inputs", path, Presence::kRequired);
  if (inputs == nullptr)
    return;
  for (const auto& member : *inputs) {
    const std::string name(view(member.key()));
    const std::string input_path = memberPath(path, name);
    const boost::json::object* decl = reader.asObject(member.value(), input_path);
    if (decl == nullptr)
      continue;
    InputDecl input;
    input.type = reader.string(*decl, "type", memberPath(input_path, "type"), Presence::kRequired)
                     .value_or("");
    input.items =
        reader.string(*decl, "items", memberPath(input_path, "items"), Presence::kOptional);
    policy.inputs.emplace(name, std::move(input));
  }
}

void readRules(const boost::json::array& rules, const PolicyLimits& limits, JsonFieldReader& reader,
               PolicyV2& policy) {
  const std::string path = memberPath(kRoot, "rules");
  policy.rules.reserve(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const std::string rule_path = indexPath(path, i);
    const boost::json::object* rule = reader.asObject(rules[i], rule_path);
    if (rule == nullptr)
      continue;
    PolicyRule out;
    const std::string id_path = memberPath(rule_path, "id");
    if (auto id = reader.string(*rule, "id", id_path, Presence::kRequired)) {
      const std::size_t n = utf8::length(*id);
      if (n < 1 || n > limits.max_id_length)
        reader.fail(id_path,
                    "must be 1 to " + std::to_string(limits.max_id_length) + " characters long");
      out.id = std::move(*id);
    }
    out.op =
        reader.string(*rule, "op", memberPath(rule_path, "op"), Presence::kRequired).value_or("");
    // lhs and rhs must be present; null is a value here (our decision, §5.1).
    for (const char* side : {"lhs", "rhs"}) {
      const boost::json::value* v = rule->if_contains(side);
      if (v == nullptr)
        reader.fail(memberPath(rule_path, side), "is required");
      else
        (std::string_view(side) == "lhs" ? out.lhs : out.rhs) = *v;
    }
    policy.rules.push_back(std::move(out));
  }
}

}  // namespace

CapOr<PolicyV2> readPolicyV2(const boost::json::value& document, const PolicyLimits& limits) {
  if (jsonDepth(document, limits.max_depth) > limits.max_depth)
    return CapError{CapProblem::kTooDeep, validationError(json::tooDeepMessage(limits.max_depth))};

  JsonFieldReader reader;
  const boost::json::object* root = reader.asObject(document, std::string(kRoot));
  if (root == nullptr)
    return CapError{CapProblem::kInvalidPolicy,
                    std::move(reader).toStatus(StatusCode::kValidation)};

  // The rule count first: a document far over the limit is refused before any rule is read.
  const boost::json::value* rules_value = root->if_contains("rules");
  if (rules_value != nullptr && rules_value->is_array() &&
      rules_value->get_array().size() > limits.max_rules) {
    return CapError{
        CapProblem::kTooManyRules,
        validationError("policy has " + std::to_string(rules_value->get_array().size()) +
                        " rules; the limit is " + std::to_string(limits.max_rules))};
  }

  PolicyV2 policy;
  const std::string id_path = memberPath(kRoot, "id");
  if (auto id = reader.string(*root, "id", id_path, Presence::kRequired)) {
    if (!isPolicyId(*id, limits.max_id_length))
      reader.fail(id_path,
                  "must match ^[a-z0-9._-]{1," + std::to_string(limits.max_id_length) + "}$");
    policy.id = std::move(*id);
  }
  policy.version =
      reader.string(*root, "version", memberPath(kRoot, "version"), Presence::kRequired)
          .value_or("");
  readLegalBasis(*root, reader, policy);
  policy.description =
      reader.string(*root, "description", memberPath(kRoot, "description"), Presence::kOptional)
          .value_or("");
  readInputs(*root, reader, policy);
  if (const boost::json::array* rules =
          reader.array(*root, "rules", memberPath(kRoot, "rules"), Presence::kRequired)) {
    readRules(*rules, limits, reader, policy);
  }
  const std::string adaptivity_path = memberPath(kRoot, "adaptivity");
  if (const boost::json::value* adaptivity =
          reader.member(*root, "adaptivity", adaptivity_path, Presence::kOptional)) {
    policy.adaptivity = readAdaptivity(*adaptivity, adaptivity_path, reader);
  }

  if (!reader.ok())
    return CapError{CapProblem::kInvalidPolicy,
                    std::move(reader).toStatus(StatusCode::kValidation)};
  return policy;
}

}  // namespace tars::verifier
