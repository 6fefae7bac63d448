#pragma once
// Reading a PolicyV2 YAML document (spec/cap.md §5.2) into the same JSON value a JSON policy
// gives, so that one reader (policy_v2.h) and one hash serve both forms.
//
// - YAML 1.2 core schema for plain scalars: null (`null`, `Null`, `NULL`, `~`, empty), booleans
//   (`true`/`True`/`TRUE`/`false`/…), integers (`[-+]?[0-9]+`, `0o…`, `0x…`; floats when beyond
//   64 bits), floats (the core float form); everything else, `yes`/`no`/`on`/`off` included, is a
//   string. Quoted and block scalars are always strings.
// - Refused (our decision, they add nothing to a policy and enable expansion attacks): anchors,
//   aliases, merge keys (`<<`), explicit tags, more than one document.
// - §3.5 applies as to JSON: duplicate keys, nesting deeper than `max_depth`; object keys must be
//   strings; `.inf` and `.nan` are refused.
//
// Failure:
// - kInvalidArgument (400, bad-request): text not UTF-8 "YAML is not valid UTF-8"; syntax
//   "YAML parse error: <message> (line L, column C)" (1-based); "duplicate key '<k>'";
// - kValidation (422) cap/invalid-policy: "YAML anchors, aliases and tags are not supported",
//   "YAML object keys must be strings", "YAML must contain one document", non-finite numbers (an
//   errors[] entry names the path, e.g. `policy.rules[0].rhs`);
// - kValidation (422) cap/too-deep: "nesting depth exceeds <max_depth>".
// An empty document reads as null (which readPolicyV2 refuses as "policy: expected object").
//
// Thread safety: pure function.

#include <boost/json/value.hpp>

#include <cstddef>
#include <string_view>

#include "services/verifier/cap_error.h"

namespace tars::verifier {

CapOr<boost::json::value> readPolicyYaml(std::string_view yaml, std::size_t max_depth = 32);

}  // namespace tars::verifier
