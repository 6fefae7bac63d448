#pragma once
// Plain-text tables for the CLI's list commands: columns padded to their widest cell, separated
// by two spaces, header first. Cells are printed as given (callers pass only validated,
// printable values — ids, names, timestamps — never secrets).
//
// Thread safety: pure function.

#include <string>
#include <vector>

namespace tars::cli {

// One line per row (header first), each ending in "\n". Rows shorter than the header are padded
// with empty cells.
std::string formatTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows);

// "a,b,c" (a cell listing roles or scopes); "" for none.
std::string joinComma(const std::vector<std::string>& items);

}  // namespace tars::cli
