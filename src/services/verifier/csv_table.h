#pragma once
// The strict CSV subset of spec/cap.md §6.2, shared by the list bodies (§6.3) and the supplier and
// UBO files of `tars cap prepare` (§1.2, §2.7): comma separator; a field may be double-quoted with
// "" for one "; LF or CRLF line ends, the last one optional; a leading UTF-8 BOM is skipped;
// completely empty lines are skipped; the header must equal the expected one exactly; every row has
// the header's number of fields; cells are verbatim and must be valid UTF-8 without U+0000–U+001F
// or U+007F (so a quoted line break is refused).
//
// Errors never crash and never echo cell contents: cap/invalid-csv (kValidation) with at most
// `max_errors` errors[] entries {field: "line <n>", message} (detail "invalid CSV: line <n>:
// <message>"); cap/list-too-large (kPayloadTooLarge, "list exceeds <max_rows> rows"); a body over
// max_bytes is the generic kPayloadTooLarge ("request body exceeds <max_bytes> bytes").
//
// Thread safety: pure function.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "services/verifier/cap_error.h"

namespace tars::verifier {

struct CsvLimits {
  std::size_t max_rows = 100000;    // data rows
  std::size_t max_bytes = 8388608;  // whole body
  std::size_t max_errors = 20;      // errors[] entries reported at most
};

struct CsvRow {
  std::size_t line = 0;  // 1-based physical line
  std::vector<std::string> cells;
};

// Checks the cells of one row (their count and UTF-8/control-character rules already hold):
// returns "" when fine, else a message naming the column ("name: must not be empty").
using CsvRowCheck = std::function<std::string(const std::vector<std::string>& cells)>;

// The data rows of `body` whose header is `header` (the columns joined by ','). Zero data rows is
// an error ("no data rows").
CapOr<std::vector<CsvRow>> readCsvTable(std::string_view body,
                                        const std::vector<std::string_view>& header,
                                        const CsvRowCheck& check, const CsvLimits& limits);

}  // namespace tars::verifier
