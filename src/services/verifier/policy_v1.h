#pragma once
// Legacy policy v1 (`lksg.v…`, spec/cap.md §4.1–§4.2): reading with validation, and the hash
// "0x" + S3 of the canonical typed record
//   {version, name, created_at,
//    constraints:{require_at_least_one_ubo, supplier_count_max, ubo_count_min?,
//                 require_statement_roots?},
//    notes}
// (notes always written, "" when absent; the optional constraints omitted when absent, never
// null; require_statement_roots in the client's order with duplicates; unknown members dropped).
//
// Thread safety: values and pure functions.

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/canonical_json.h"
#include "core/status.h"
#include "services/verifier/cap_error.h"

namespace tars::verifier {

struct PolicyV1Constraints {
  bool require_at_least_one_ubo = false;
  std::uint32_t supplier_count_max = 1;
  std::optional<std::uint32_t> ubo_count_min;
  std::optional<std::vector<std::string>> require_statement_roots;
};

struct PolicyV1 {
  std::string version;  // starts with "lksg.v"
  std::string name;
  std::string created_at;  // contains 'T' (RFC 3339 expected, not parsed further)
  PolicyV1Constraints constraints;
  std::string notes;
};

// Reads the `policy` member of POST /policy/compile. Failure: kInvalidArgument (the legacy route
// keeps the original's 400) with problem cap/invalid-policy and one errors[] entry per failing
// field, named as a JSON path (`policy.constraints.supplier_count_max`: `must be greater than 0`).
CapOr<PolicyV1> readPolicyV1(const boost::json::value& policy);

void writePolicyV1(json::CanonicalWriter& writer, const PolicyV1& policy);
StatusOr<std::string> policyV1CanonicalJson(const PolicyV1& policy);

// "0x" + S3(canonical JSON).
StatusOr<std::string> policyV1Hash(const PolicyV1& policy);

}  // namespace tars::verifier
