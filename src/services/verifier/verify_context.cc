#include "services/verifier/verify_context.h"

#include "services/verifier/commitments.h"
#include "services/verifier/hash_notation.h"
#include "services/verifier/json_fields.h"

namespace tars::verifier {
namespace {

constexpr std::string_view kBadHash = "expected 0x followed by 64 lower-case hex digits";

void readHashArray(const boost::json::object& context, std::string_view name,
                   const ContextLimits& limits, JsonFieldReader& reader,
                   std::vector<std::string>& out) {
  const std::string path = memberPath("context", name);
  const boost::json::value* v = context.if_contains(name);
  if (v == nullptr || v->is_null())
    return;
  const boost::json::array* a = reader.asArray(*v, path);
  if (a == nullptr)
    return;
  if (a->size() > limits.max_array_elements) {
    reader.fail(path, "at most " + std::to_string(limits.max_array_elements) + " elements");
    return;
  }
  out.reserve(a->size());
  for (std::size_t i = 0; i < a->size(); ++i) {
    const boost::json::string* s = (*a)[i].if_string();
    if (s == nullptr || !isHashString(view(*s))) {
      reader.fail(indexPath(path, i), std::string(kBadHash));
      continue;
    }
    out.emplace_back(view(*s));
  }
}

std::optional<std::string> readRoot(const boost::json::object& context, std::string_view name,
                                    JsonFieldReader& reader) {
  const boost::json::value* v = context.if_contains(name);
  if (v == nullptr || v->is_null())
    return std::nullopt;
  const boost::json::string* s = v->if_string();
  if (s == nullptr || !isHashString(view(*s))) {
    reader.fail(memberPath("context", name), std::string(kBadHash));
    return std::nullopt;
  }
  return std::string(view(*s));
}

}  // namespace

CapOr<VerifyContext> readVerifyContext(const boost::json::value* value,
                                       const ContextLimits& limits) {
  JsonFieldReader reader;
  if (value == nullptr || value->is_null()) {
    reader.fail("context", "is required");
    return CapError{CapProblem::kInvalidContext,
                    std::move(reader).toStatus(StatusCode::kValidation)};
  }
  const boost::json::object* o = reader.asObject(*value, "context");
  if (o == nullptr)
    return CapError{CapProblem::kInvalidContext,
                    std::move(reader).toStatus(StatusCode::kValidation)};
  VerifyContext context;
  readHashArray(*o, "supplier_hashes", limits, reader, context.supplier_hashes);
  readHashArray(*o, "ubo_hashes", limits, reader, context.ubo_hashes);
  context.company_commitment_root = readRoot(*o, "company_commitment_root", reader);
  context.sanctions_root = readRoot(*o, "sanctions_root", reader);
  context.jurisdiction_root = readRoot(*o, "jurisdiction_root", reader);
  if (const boost::json::value* vars = o->if_contains("variables"); vars && !vars->is_null()) {
    if (const boost::json::object* vo = reader.asObject(*vars, "context.variables"))
      context.variables = *vo;
  }
  if (!reader.ok())
    return CapError{CapProblem::kInvalidContext,
                    std::move(reader).toStatus(StatusCode::kValidation)};
  context.raw = *o;
  return context;
}

const boost::json::value* resolveName(const VerifyContext& context, std::string_view name) {
  if (const boost::json::value* v = context.variables.if_contains(name); v && !v->is_null())
    return v;
  if (name == "variables")
    return nullptr;
  if (const boost::json::value* v = context.raw.if_contains(name); v && !v->is_null())
    return v;
  return nullptr;
}

std::optional<std::string> companyRootFor(const VerifyContext& context) {
  if (context.company_commitment_root)
    return context.company_commitment_root;
  if (context.supplier_hashes.empty() && context.ubo_hashes.empty())
    return std::nullopt;
  return derivedCompanyRoot(context.supplier_hashes, context.ubo_hashes);
}

}  // namespace tars::verifier
