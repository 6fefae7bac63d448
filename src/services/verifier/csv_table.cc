#include "services/verifier/csv_table.h"

#include "core/utf8.h"

namespace tars::verifier {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

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

// UTF-8 and control characters; "" when fine.
std::string checkCell(std::string_view cell, std::string_view column) {
  if (!utf8::isValid(cell))
    return std::string(column) + ": not valid UTF-8";
  for (char c : cell) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f)
      return std::string(column) + ": control characters are not allowed";
  }
  return "";
}

}  // namespace

CapOr<std::vector<CsvRow>> readCsvTable(std::string_view body,
                                        const std::vector<std::string_view>& header,
                                        const CsvRowCheck& check, const CsvLimits& limits) {
  if (body.size() > limits.max_bytes) {
    return CapError{CapProblem::kGeneric,
                    Status(StatusCode::kPayloadTooLarge,
                           "request body exceeds " + std::to_string(limits.max_bytes) + " bytes")};
  }
  if (body.starts_with(kBom))
    body.remove_prefix(kBom.size());
  std::string header_line;
  for (std::size_t i = 0; i < header.size(); ++i)
    header_line += (i == 0 ? "" : ",") + std::string(header[i]);

  std::vector<FieldError> errors;
  auto fail = [&](std::size_t line, std::string message) {
    if (errors.size() < limits.max_errors)
      errors.push_back({"line " + std::to_string(line), std::move(message)});
  };

  std::vector<CsvRow> rows;
  bool header_seen = false;
  std::vector<std::string> fields;
  std::size_t count = 0;
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
      if (line != header_line)
        fail(line_no, "expected the header " + header_line);
      continue;
    }
    if (++count > limits.max_rows) {
      return CapError{CapProblem::kListTooLarge,
                      Status(StatusCode::kPayloadTooLarge,
                             "list exceeds " + std::to_string(limits.max_rows) + " rows")};
    }
    if (std::string problem = splitFields(line, fields); !problem.empty()) {
      fail(line_no, std::move(problem));
      continue;
    }
    if (fields.size() != header.size()) {
      fail(line_no, "expected " + std::to_string(header.size()) + " fields, found " +
                        std::to_string(fields.size()));
      continue;
    }
    std::string problem;
    for (std::size_t c = 0; c < fields.size() && problem.empty(); ++c)
      problem = checkCell(fields[c], header[c]);
    if (problem.empty())
      problem = check(fields);
    if (!problem.empty()) {
      fail(line_no, std::move(problem));
      continue;
    }
    if (errors.empty())
      rows.push_back(CsvRow{line_no, fields});
  }
  if (!header_seen)
    fail(1, "expected the header " + header_line);
  else if (count == 0)
    fail(line_no + 1, "no data rows");
  if (!errors.empty()) {
    std::string detail = "invalid CSV: " + errors.front().field + ": " + errors.front().message;
    return CapError{CapProblem::kInvalidCsv, validationError(std::move(detail), std::move(errors))};
  }
  return rows;
}

}  // namespace tars::verifier
