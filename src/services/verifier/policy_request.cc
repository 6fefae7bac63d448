#include "services/verifier/policy_request.h"

#include "services/verifier/json_fields.h"
#include "services/verifier/policy_yaml.h"

namespace tars::verifier {
namespace {

int base64Value(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

bool isAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const boost::json::value* given(const boost::json::object& body, std::string_view name) {
  const boost::json::value* v = body.if_contains(name);
  return v == nullptr || v->is_null() ? nullptr : v;
}

CapError fieldError(std::string field, std::string message) {
  std::string detail = field + ": " + message;
  return CapError{CapProblem::kGeneric,
                  validationError(std::move(detail), {{std::move(field), std::move(message)}})};
}

}  // namespace

std::optional<std::string> decodeBase64Lenient(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;  // alphabet characters
  std::size_t padding = 0;
  for (char c : text) {
    if (isAsciiWhitespace(c))
      continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int v = base64Value(c);
    if (v < 0 || padding > 0)
      return std::nullopt;  // outside the alphabet, or data after padding
    ++symbols;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (symbols % 4 == 1)
    return std::nullopt;  // 6 bits cannot end a byte
  if (padding > 0 && (padding > 2 || (symbols + padding) % 4 != 0))
    return std::nullopt;
  return out;
}

CapOr<CompileRequest> readCompileRequest(const boost::json::object& body,
                                         const PolicyLimits& limits) {
  CompileRequest request;
  // Step 1: the input form.
  if (const boost::json::value* yaml = given(body, "policy_yaml")) {
    if (!yaml->is_string())
      return fieldError("policy_yaml", "expected string");
    std::optional<std::string> text = decodeBase64Lenient(view(yaml->get_string()));
    if (!text)
      return CapError{CapProblem::kGeneric, invalidArgument("policy_yaml is not valid base64")};
    CapOr<boost::json::value> document = readPolicyYaml(*text, limits.max_depth);
    if (!document.isOk())
      return document.error();
    request.document = std::move(*document);
    request.from_yaml = true;
  } else if (const boost::json::value* policy = given(body, "policy")) {
    request.document = *policy;
  } else {
    return CapError{CapProblem::kMissingPolicy, invalidArgument("Missing policy_yaml or policy")};
  }

  // Step 2: the options.
  if (const boost::json::value* mode = given(body, "lint_mode")) {
    std::optional<LintMode> parsed;
    if (mode->is_string())
      parsed = lintModeFromName(view(mode->get_string()));
    if (!parsed)
      return fieldError("lint_mode", "must be \"strict\" or \"relaxed\"");
    request.lint_mode = *parsed;
  }
  if (const boost::json::value* persist = given(body, "persist")) {
    if (!persist->is_bool())
      return fieldError("persist", "expected boolean");
    request.persist = persist->get_bool();
  }
  return request;
}

}  // namespace tars::verifier
