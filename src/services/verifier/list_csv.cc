#include "services/verifier/list_csv.h"

#include "core/utf8.h"
#include "services/verifier/commitments.h"

namespace tars::verifier {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view headerOf(ListKind kind) {
  return kind == ListKind::kSanctions ? "name,birthdate,nationality" : "iso_code,risk_level";
}

std::size_t fieldCount(ListKind kind) {
  return kind == ListKind::kSanctions ? 3 : 2;
}

// Splits one physical line (without its line end) into fields. Returns an error message, or ""
// on success.
std::string splitFields(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::size_t i = 0;
  while (true) {
    std::string field;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        field.push_back(line[i++]);
      }
      if (!closed)
        return "unterminated quoted field (line breaks inside quotes are not allowed)";
      if (i < line.size() && line[i] != ',')
        return "unexpected character after a closing quote";
    } else {
      while (i < line.size() && line[i] != ',') {
        if (line[i] == '"')
          return "quote inside an unquoted field";
        field.push_back(line[i++]);
      }
    }
    fields.push_back(std::move(field));
    if (i >= line.size())
      return "";
    ++i;  // the comma
  }
}

// Problems with one cell, or "".
std::string checkCell(std::string_view cell, std::string_view column) {
  if (!utf8::isValid(cell))
    return std::string(column) + ": not valid UTF-8";
  for (char c : cell) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
      return std::string(column) + ": control characters are not allowed";
    if (c == '|')
      return std::string(column) + ": '|' is not allowed";
  }
  return "";
}

bool isIsoCode(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

// Kind rules for a row whose cells passed checkCell(); "" when fine.
std::string checkRow(ListKind kind, const std::vector<std::string>& cells) {
  if (kind == ListKind::kSanctions)
    return cells[0].empty() ? "name: must not be empty" : "";
  if (!isIsoCode(cells[0]))
    return "iso_code: must match ^[A-Z]{2}$";
  if (cells[1] != "HIGH" && cells[1] != "MEDIUM" && cells[1] != "LOW")
    return "risk_level: must be HIGH, MEDIUM or LOW";
  return "";
}

constexpr std::string_view kColumns[2][3] = {{"name", "birthdate", "nationality"},
                                             {"iso_code", "risk_level", ""}};

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
  if (body.size() > limits.max_bytes) {
    return CapError{CapProblem::kGeneric,
                    Status(StatusCode::kPayloadTooLarge,
                           "request body exceeds " + std::to_string(limits.max_bytes) + " bytes")};
  }
  if (body.starts_with(kBom))
    body.remove_prefix(kBom.size());

  std::vector<FieldError> errors;
  auto fail = [&](std::size_t line, std::string message) {
    if (errors.size() < limits.max_errors)
      errors.push_back({"line " + std::to_string(line), std::move(message)});
  };

  ParsedList list;
  list.kind = kind;
  bool header_seen = false;
  std::vector<std::string> fields;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string_view::npos)
      end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    if (line.empty())
      continue;
    if (!header_seen) {
      header_seen = true;
      if (line != headerOf(kind))
        fail(line_no, "expected the header " + std::string(headerOf(kind)));
      continue;
    }
    if (++list.count > limits.max_rows) {
      return CapError{CapProblem::kListTooLarge,
                      Status(StatusCode::kPayloadTooLarge,
                             "list exceeds " + std::to_string(limits.max_rows) + " rows")};
    }
    if (std::string problem = splitFields(line, fields); !problem.empty()) {
      fail(line_no, std::move(problem));
      continue;
    }
    if (fields.size() != fieldCount(kind)) {
      fail(line_no, "expected " + std::to_string(fieldCount(kind)) + " fields, found " +
                        std::to_string(fields.size()));
      continue;
    }
    std::string problem;
    for (std::size_t c = 0; c < fields.size() && problem.empty(); ++c)
      problem = checkCell(fields[c], kColumns[kind == ListKind::kSanctions ? 0 : 1][c]);
    if (problem.empty())
      problem = checkRow(kind, fields);
    if (!problem.empty()) {
      fail(line_no, std::move(problem));
      continue;
    }
    if (errors.empty()) {
      list.entry_hashes.push_back(
          kind == ListKind::kSanctions
              ? sanctionsEntryHash(SanctionsEntry{fields[0], fields[1], fields[2]})
              : jurisdictionEntryHash(JurisdictionEntry{fields[0], fields[1]}));
    }
  }
  if (!header_seen)
    fail(1, "expected the header " + std::string(headerOf(kind)));
  else if (list.count == 0)
    fail(line_no + 1, "no data rows");
  if (!errors.empty()) {
    std::string detail = "invalid CSV: " + errors.front().field + ": " + errors.front().message;
    return CapError{CapProblem::kInvalidCsv, validationError(std::move(detail), std::move(errors))};
  }
  list.root = hashListRoot(list.entry_hashes);
  return list;
}

}  // namespace tars::verifier
