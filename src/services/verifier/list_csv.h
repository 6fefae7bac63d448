#pragma once
// Reading a registered list's CSV body (spec/cap.md §6.2–§6.3) into the entry hashes and root of
// §2.4.
//
// CSV rules: comma separator; a field may be double-quoted with "" for one "; LF or CRLF line
// ends, the last one optional; a leading UTF-8 BOM is skipped; completely empty lines are skipped;
// the header must equal the kind's header exactly; every row has the header's number of fields;
// cells are used verbatim; cells must be valid UTF-8 without U+0000–U+001F or U+007F (so a quoted
// line break is refused) and without '|'. Kind rules: sanctions `name` non-empty; jurisdictions
// `iso_code` ^[A-Z]{2}$ and `risk_level` HIGH, MEDIUM or LOW.
//
// Errors never crash and never echo cell contents: cap/invalid-csv (kValidation) with at most
// `max_errors` errors[] entries {field: "line <n>", message}; cap/list-too-large
// (kPayloadTooLarge, "list exceeds <max_rows> rows"); a body over max_bytes is the generic
// kPayloadTooLarge ("request body exceeds <max_bytes> bytes").
//
// Thread safety: pure functions.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/verifier/cap_error.h"

namespace tars::verifier {

enum class ListKind { kSanctions, kJurisdictions };

// "sanctions", "jurisdictions".
std::string_view listKindName(ListKind kind);
// The kind named exactly `name`, or nullopt.
std::optional<ListKind> listKindFromName(std::string_view name);

struct ListLimits {
  std::size_t max_rows = 100000;    // verifier.lists.max_rows (data rows)
  std::size_t max_bytes = 8388608;  // verifier.lists.max_bytes
  std::size_t max_errors = 20;      // errors[] entries reported at most
};

struct ParsedList {
  ListKind kind = ListKind::kSanctions;
  std::vector<std::string> entry_hashes;  // CSV row order, duplicates kept
  std::string root;                       // §2.4
  std::size_t count = 0;                  // data rows
};

CapOr<ParsedList> readListCsv(ListKind kind, std::string_view body, const ListLimits& limits = {});

}  // namespace tars::verifier
