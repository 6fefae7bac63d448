#pragma once
// application/x-www-form-urlencoded text (query strings, OAuth token requests): parsed with
// Boost.URL, percent-decoded, `+` as space. A malformed escape or a repeated name is a 400: a
// parameter that means two things is never guessed at (RFC 6749 §3.2: "parameters MUST NOT be
// included more than once").
//
// Thread safety: values.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::http {

using FormParams = std::map<std::string, std::string, std::less<>>;

StatusOr<FormParams> parseForm(std::string_view text);

// `limit` (1–500, default 50) and `cursor` of a store-backed list (tars.md §1.5); kInvalidArgument
// for a non-integer, kValidation for a limit out of range.
struct PageParams {
  int limit = 50;
  std::string cursor;
};
StatusOr<PageParams> pageParams(const FormParams& query);

// Whether every name in `query` is in `known` (else kValidation naming the first unknown one).
Status onlyKnownParams(const FormParams& query, std::initializer_list<std::string_view> known);

// "true"/"false" (absent: `fallback`); anything else kValidation naming `name`.
StatusOr<bool> boolParam(const FormParams& query, std::string_view name, bool fallback);

}  // namespace tars::http
