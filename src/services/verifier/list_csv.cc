#include "services/verifier/list_csv.h"

#include "services/verifier/commitments.h"

namespace tars::verifier {
namespace {

const std::vector<std::string_view>& headerOf(ListKind kind) {
  static const std::vector<std::string_view> kSanctions = {"name", "birthdate", "nationality"};
  static const std::vector<std::string_view> kJurisdictions = {"iso_code", "risk_level"};
  return kind == ListKind::kSanctions ? kSanctions : kJurisdictions;
}

bool isIsoCode(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

// §6.3 for one row; "" when fine.
std::string checkRow(ListKind kind, const std::vector<std::string>& cells) {
  const std::vector<std::string_view>& columns = headerOf(kind);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    // No '|': a preimage must split back into its cells (§2.4).
    if (cells[c].find('|') != std::string::npos)
      return std::string(columns[c]) + ": '|' is not allowed";
  }
  if (kind == ListKind::kSanctions)
    return cells[0].empty() ? "name: must not be empty" : "";
  if (!isIsoCode(cells[0]))
    return "iso_code: must match ^[A-Z]{2}$";
  if (cells[1] != "HIGH" && cells[1] != "MEDIUM" && cells[1] != "LOW")
    return "risk_level: must be HIGH, MEDIUM or LOW";
  return "";
}

}  // namespace

std::string_view listKindName(ListKind kind) {
  return kind == ListKind::kSanctions ? "sanctions" : "jurisdictions";
}

std::optional<ListKind> listKindFromName(std::string_view name) {
  if (name == "sanctions")
    return ListKind::kSanctions;
  if (name == "jurisdictions")
    return ListKind::kJurisdictions;
  return std::nullopt;
}

CapOr<ParsedList> readListCsv(ListKind kind, std::string_view body, const ListLimits& limits) {
  CapOr<std::vector<CsvRow>> rows = readCsvTable(
      body, headerOf(kind),
      [kind](const std::vector<std::string>& cells) { return checkRow(kind, cells); }, limits);
  if (!rows.isOk())
    return rows.error();
  ParsedList list;
  list.kind = kind;
  list.count = rows->size();
  list.entry_hashes.reserve(rows->size());
  for (const CsvRow& row : *rows) {
    const std::vector<std::string>& c = row.cells;
    list.entry_hashes.push_back(kind == ListKind::kSanctions
                                    ? sanctionsEntryHash(SanctionsEntry{c[0], c[1], c[2]})
                                    : jurisdictionEntryHash(JurisdictionEntry{c[0], c[1]}));
  }
  list.root = hashListRoot(list.entry_hashes);
  return list;
}

}  // namespace tars::verifier
