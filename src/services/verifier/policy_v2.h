#pragma once
// PolicyV2 (spec/cap.md §5.1): the source format compiled to IR v1. readPolicyV2() turns the
// parsed document (JSON, or YAML read by policy_yaml.h) into this typed form, checking structure
// and types only; the lints of §5.6 (lint.h) judge the content.
//
// Thread safety: values and pure functions.

#include <boost/json/value.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/verifier/adaptivity.h"
#include "services/verifier/cap_error.h"

namespace tars::verifier {

struct LegalBasis {
  std::optional<std::string> directive;
  std::optional<std::string> article;
};

struct InputDecl {
  std::string type;  // informational, not checked (§5.1)
  std::optional<std::string> items;
};

struct PolicyRule {
  std::string id;
  std::string op;          // as written; lint E2001 judges it
  boost::json::value lhs;  // as written (null allowed); the IR converts it (§5.4 step 3)
  boost::json::value rhs;
};

struct PolicyV2 {
  std::string id;
  std::string version;
  std::vector<LegalBasis> legal_basis;
  std::string description;                  // "" when absent (§5.3 writes it either way)
  std::map<std::string, InputDecl> inputs;  // std::less<std::string> is bytewise: §5.3's order
  std::vector<PolicyRule> rules;            // source order
  std::optional<Adaptivity> adaptivity;
};

// Limits on a policy document (§5.7, §13; verifier.limits.* in the config).
struct PolicyLimits {
  std::size_t max_rules = 1000;     // more → cap/too-many-rules
  std::size_t max_depth = 32;       // nesting of the policy document → cap/too-deep
  std::size_t max_id_length = 128;  // policy id (a URL segment) and rule ids, in characters
};

// Reads and checks the structure of a PolicyV2 document. Unknown members are ignored.
// Failure (all kValidation, 422):
// - kTooDeep "nesting depth exceeds <max_depth>" when the document nests deeper than allowed;
// - kTooManyRules "policy has <n> rules; the limit is <max_rules>";
// - kInvalidPolicy with one errors[] entry per problem, named by its path from "policy"
//   (`policy.rules[2].op: expected string`, `policy.id: is required`).
CapOr<PolicyV2> readPolicyV2(const boost::json::value& document, const PolicyLimits& limits = {});

}  // namespace tars::verifier
