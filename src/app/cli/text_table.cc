#include "app/cli/text_table.h"

#include <algorithm>
#include <cstddef>

namespace tars::cli {
namespace {

void appendRow(std::string& out, const std::vector<std::string>& cells,
               const std::vector<std::size_t>& widths) {
  std::string line;
  for (std::size_t i = 0; i < widths.size(); ++i) {
    const std::string cell = i < cells.size() ? cells[i] : "";
    line += cell;
    if (i + 1 < widths.size())
      line.append(widths[i] - cell.size() + 2, ' ');
  }
  // The last column is not padded; trailing blanks of empty cells go too.
  line.erase(line.find_last_not_of(' ') + 1);
  out += line;
  out += '\n';
}

}  // namespace

std::string formatTable(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  widths.reserve(header.size());
  for (const std::string& h : header)
    widths.push_back(h.size());
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < widths.size() && i < row.size(); ++i)
      widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  appendRow(out, header, widths);
  for (const auto& row : rows)
    appendRow(out, row, widths);
  return out;
}

std::string joinComma(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty())
      out += ',';
    out += s;
  }
  return out;
}

}  // namespace tars::cli
