#include "services/verifier/record_csv.h"

#include <cstdint>
#include <optional>

namespace tars::verifier {
namespace {

std::optional<std::uint32_t> parseTier(std::string_view s) {
  if (s.empty() || s.size() > 10)
    return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9')
      return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > 4294967295u)
    return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

}  // namespace

CapOr<std::vector<SupplierRecord>> readSupplierCsv(std::string_view body, const CsvLimits& limits) {
  static const std::vector<std::string_view> kHeader = {"name", "jurisdiction", "tier"};
  CapOr<std::vector<CsvRow>> rows = readCsvTable(
      body, kHeader,
      [](const std::vector<std::string>& cells) -> std::string {
        return parseTier(cells[2]) ? "" : "tier: expected an unsigned integer 0…4294967295";
      },
      limits);
  if (!rows.isOk())
    return rows.error();
  std::vector<SupplierRecord> out;
  out.reserve(rows->size());
  for (CsvRow& row : *rows)
    out.push_back({std::move(row.cells[0]), std::move(row.cells[1]), *parseTier(row.cells[2])});
  return out;
}

CapOr<std::vector<UboRecord>> readUboCsv(std::string_view body, const CsvLimits& limits) {
  static const std::vector<std::string_view> kHeader = {"name", "birthdate", "citizenship"};
  CapOr<std::vector<CsvRow>> rows = readCsvTable(
      body, kHeader, [](const std::vector<std::string>&) { return std::string(); }, limits);
  if (!rows.isOk())
    return rows.error();
  std::vector<UboRecord> out;
  out.reserve(rows->size());
  for (CsvRow& row : *rows)
    out.push_back({std::move(row.cells[0]), std::move(row.cells[1]), std::move(row.cells[2])});
  return out;
}

}  // namespace tars::verifier
