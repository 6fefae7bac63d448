#pragma once
// The /verify context (spec/cap.md §7.3) and operand resolution (§7.4).
//
// The context keeps the object as received (the cache key hashes it, §9, and §7.4 resolves names
// against its top level) next to the typed members §7.3 lists. readVerifyContext() validates it
// and names every field at fault: `context.supplier_hashes[3]`, `context.sanctions_root`, ….
//
// Thread safety: values and pure functions.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "services/verifier/cap_error.h"

namespace tars::verifier {

struct ContextLimits {
  std::size_t max_array_elements = 50000;  // per hash array (verifier.limits.max_array_elements)
};

struct VerifyContext {
  boost::json::object raw;                   // as received (after validation)
  std::vector<std::string> supplier_hashes;  // hash strings; empty when absent
  std::vector<std::string> ubo_hashes;
  std::optional<std::string> company_commitment_root;  // nullopt when absent or null
  std::optional<std::string> sanctions_root;
  std::optional<std::string> jurisdiction_root;
  boost::json::object variables;  // {} when absent
};

// §7.3. `value` is the request's `context` member (nullptr when absent). Failure: kValidation,
// cap/invalid-context, one errors[] entry per field ("context: is required", "context.ubo_hashes:
// at most 50000 elements", "context.supplier_hashes[0]: expected 0x followed by 64 lower-case
// hex digits").
CapOr<VerifyContext> readVerifyContext(const boost::json::value* value,
                                       const ContextLimits& limits = {});

// §7.4: the first present, non-null value of variables[name], then of the context's top-level
// member `name` (never `variables` itself); nullptr when the input is missing.
const boost::json::value* resolveName(const VerifyContext& context, std::string_view name);

// §2.6: the context's company_commitment_root, else the root derived from the two hash arrays;
// nullopt when neither is possible (no root given and both arrays empty).
std::optional<std::string> companyRootFor(const VerifyContext& context);

}  // namespace tars::verifier
