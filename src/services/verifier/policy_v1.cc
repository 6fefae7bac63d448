#include "services/verifier/policy_v1.h"

#include "core/utf8.h"
#include "services/verifier/hash_notation.h"
#include "services/verifier/json_fields.h"

namespace tars::verifier {
namespace {

constexpr std::uint64_t kMaxCount = 4294967295u;

// Unicode White_Space (the original trimmed with Rust's str::trim, which uses this property).
bool isWhiteSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

bool isBlank(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (!isWhiteSpace(utf8::decodeNext(s, i)))
      return false;
  }
  return true;
}

void readConstraints(const boost::json::object& root, JsonFieldReader& reader,
                     PolicyV1Constraints& out) {
  const std::string path = "policy.constraints";
  const boost::json::object* c = reader.object(root, "constraints", path, Presence::kRequired);
  if (c == nullptr)
    return;
  out.require_at_least_one_ubo =
      reader
          .boolean(*c, "require_at_least_one_ubo", memberPath(path, "require_at_least_one_ubo"),
                   Presence::kRequired)
          .value_or(false);
  out.supplier_count_max = static_cast<std::uint32_t>(
      reader
          .integer(*c, "supplier_count_max", memberPath(path, "supplier_count_max"),
                   Presence::kRequired, 1, kMaxCount)
          .value_or(1));
  if (auto min = reader.integer(*c, "ubo_count_min", memberPath(path, "ubo_count_min"),
                                Presence::kOptional, 1, kMaxCount)) {
    out.ubo_count_min = static_cast<std::uint32_t>(*min);
  }
  const std::string roots_path = memberPath(path, "require_statement_roots");
  if (const boost::json::array* roots =
          reader.array(*c, "require_statement_roots", roots_path, Presence::kOptional)) {
    if (roots->empty())
      reader.fail(roots_path, "must not be empty");
    std::vector<std::string> names;
    for (std::size_t i = 0; i < roots->size(); ++i) {
      const std::string item_path = indexPath(roots_path, i);
      std::optional<std::string> name = reader.asString((*roots)[i], item_path);
      if (!name)
        continue;
      if (*name != "sanctions_root" && *name != "jurisdiction_root")
        reader.fail(item_path, "must be sanctions_root or jurisdiction_root");
      names.push_back(std::move(*name));
    }
    out.require_statement_roots = std::move(names);
  }
}

}  // namespace

CapOr<PolicyV1> readPolicyV1(const boost::json::value& policy) {
  JsonFieldReader reader;
  const boost::json::object* root = reader.asObject(policy, "policy");
  PolicyV1 out;
  if (root != nullptr) {
    if (auto version = reader.string(*root, "version", "policy.version", Presence::kRequired)) {
      if (version->rfind("lksg.v", 0) != 0)
        reader.fail("policy.version", "must start with lksg.v");
      out.version = std::move(*version);
    }
    if (auto name = reader.string(*root, "name", "policy.name", Presence::kRequired)) {
      if (isBlank(*name))
        reader.fail("policy.name", "must not be empty or only whitespace");
      out.name = std::move(*name);
    }
    if (auto created =
            reader.string(*root, "created_at", "policy.created_at", Presence::kRequired)) {
      if (created->find('T') == std::string::npos)
        reader.fail("policy.created_at", "must contain T (an RFC 3339 date-time)");
      out.created_at = std::move(*created);
    }
    readConstraints(*root, reader, out.constraints);
    out.notes = reader.string(*root, "notes", "policy.notes", Presence::kOptional).value_or("");
  }
  if (!reader.ok())
    return CapError{CapProblem::kInvalidPolicy,
                    std::move(reader).toStatus(StatusCode::kInvalidArgument)};
  return out;
}

void writePolicyV1(json::CanonicalWriter& writer, const PolicyV1& policy) {
  writer.beginObject();
  writer.key("version").string(policy.version);
  writer.key("name").string(policy.name);
  writer.key("created_at").string(policy.created_at);
  writer.key("constraints").beginObject();
  const PolicyV1Constraints& c = policy.constraints;
  writer.key("require_at_least_one_ubo").boolean(c.require_at_least_one_ubo);
  writer.key("supplier_count_max").uint64(c.supplier_count_max);
  if (c.ubo_count_min)
    writer.key("ubo_count_min").uint64(*c.ubo_count_min);
  if (c.require_statement_roots) {
    writer.key("require_statement_roots").beginArray();
    for (const std::string& root : *c.require_statement_roots)
      writer.string(root);
    writer.endArray();
  }
  writer.endObject();
  writer.key("notes").string(policy.notes);
  writer.endObject();
}

StatusOr<std::string> policyV1CanonicalJson(const PolicyV1& policy) {
  json::CanonicalWriter writer(256);
  writePolicyV1(writer, policy);
  return std::move(writer).finish();
}

StatusOr<std::string> policyV1Hash(const PolicyV1& policy) {
  TARS_ASSIGN_OR_RETURN(std::string preimage, policyV1CanonicalJson(policy));
  return sha3HashString(preimage);
}

}  // namespace tars::verifier
