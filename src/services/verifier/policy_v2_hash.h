#pragma once
// The policy hash of spec/cap.md §5.3: "sha3-256:" + S3 of the compact canonical JSON of the typed
// record
//   {id, version, legal_basis:[{directive?, article?}], description, inputs:{<name>:{type,
//   items?}},
//    rules:[{id, op, lhs, rhs}], adaptivity?:{predicates:[{id, expr}], activations:[{when,
//    rules}]}}
// with inputs sorted by name (bytes), rules in SOURCE order, lhs/rhs/expr free-form as written.
//
// Thread safety: pure functions. Failure: kInvalidArgument when a free-form value cannot be
// written (a non-finite number or a value nested deeper than the writer allows, possible only for
// a PolicyV2 built in code), kInternal when SHA3 is unavailable.

#include <string>

#include "core/canonical_json.h"
#include "core/status.h"
#include "services/verifier/policy_v2.h"

namespace tars::verifier {

void writePolicyV2(json::CanonicalWriter& writer, const PolicyV2& policy);

// The hash preimage: the canonical text of the typed record (also what the store keeps).
StatusOr<std::string> policyV2CanonicalJson(const PolicyV2& policy);

// "sha3-256:<64 hex>".
StatusOr<std::string> policyV2Hash(const PolicyV2& policy);

}  // namespace tars::verifier
