#pragma once
// The `adaptivity` block shared by PolicyV2 (§5.1) and IR v1 (§5.4): predicates and activations
// for the adaptive orchestrator (§8). Both keep source order; `expr` stays the free-form JSON the
// author wrote, because the predicate language (§8.1) gives meaning to its exact shape (a string
// is a variable name, {"func", "args"} a comparison) and evaluation happens later.
//
// Thread safety: values and pure functions.

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/canonical_json.h"
#include "services/verifier/json_fields.h"

namespace tars::verifier {

struct Predicate {
  std::string id;
  boost::json::value expr;  // free-form; §8.1 decides what it means
};

struct Activation {
  std::string when;                // a predicate id (unchecked here: §5.6 says it is no lint)
  std::vector<std::string> rules;  // rule ids, in source order
};

struct Adaptivity {
  std::vector<Predicate> predicates;
  std::vector<Activation> activations;
};

// Reads §5.1's `adaptivity` value at `path`: an object whose `predicates` and `activations` lists
// count as [] when absent. Problems go to `reader`; nullopt when there were any.
std::optional<Adaptivity> readAdaptivity(const boost::json::value& v, const std::string& path,
                                         JsonFieldReader& reader);

// {"predicates":[{"id","expr"}],"activations":[{"when","rules"}]} with `expr` free-form (§5.3).
void writeAdaptivity(json::CanonicalWriter& writer, const Adaptivity& adaptivity);

}  // namespace tars::verifier
