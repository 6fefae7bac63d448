#pragma once
// Reading a registered list's CSV body (spec/cap.md §6.2–§6.3) into the entry hashes and root of
// §2.4. The CSV rules and error shapes are csv_table.h's; the kind rules added here: no cell
// contains '|'; sanctions `name` non-empty; jurisdictions `iso_code` ^[A-Z]{2}$ and `risk_level`
// HIGH, MEDIUM or LOW.
//
// Thread safety: pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/verifier/cap_error.h"
#include "services/verifier/csv_table.h"

namespace tars::verifier {

enum class ListKind { kSanctions, kJurisdictions };

// "sanctions", "jurisdictions".
std::string_view listKindName(ListKind kind);
// The kind named exactly `name`, or nullopt.
std::optional<ListKind> listKindFromName(std::string_view name);

// verifier.lists.max_rows and verifier.lists.max_bytes (100000, 8388608) are the defaults.
using ListLimits = CsvLimits;

struct ParsedList {
  ListKind kind = ListKind::kSanctions;
  std::vector<std::string> entry_hashes;  // CSV row order, duplicates kept
  std::string root;                       // §2.4
  std::size_t count = 0;                  // data rows
};

// Failure: csv_table.h's errors (cap/invalid-csv, cap/list-too-large, payload-too-large).
CapOr<ParsedList> readListCsv(ListKind kind, std::string_view body, const ListLimits& limits = {});

}  // namespace tars::verifier
