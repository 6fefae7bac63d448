#pragma once
// Reading JSON request bodies the one way every route does (tars.md §1.2):
// - Content-Type must be application/json (parameters such as charset allowed) → else 415;
// - the body must be well-formed JSON → else 400 `bad-request`;
// - a top-level object is required, and FieldReader turns wrong types, ranges, missing and
//   unknown members into one 422 whose errors[] names every field at fault.
//
// Thread safety: FieldReader is a per-request value.

#include <boost/json/object.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/request.h"

namespace tars::http {

// True when the Content-Type header names `media_type` (case-insensitive, parameters ignored).
bool hasMediaType(const Request& request, std::string_view media_type);

// The body as a JSON object. An empty body gives `{}` when `empty_is_object` (routes whose body
// is optional, e.g. POST /auth/logout); otherwise the errors above.
StatusOr<boost::json::object> parseJsonObjectBody(const Request& request,
                                                  bool empty_is_object = false);

// Parses `text` as a JSON object (400 for malformed JSON, 422 for a non-object).
StatusOr<boost::json::object> parseJsonObject(std::string_view text);

class FieldReader {
 public:
  explicit FieldReader(const boost::json::object& object) : object_(object) {}

  // A string of `min`…`max` characters (UTF-8 code points). Absent or null: an error when
  // required, nullopt otherwise.
  std::optional<std::string> string(std::string_view name, bool required, std::size_t min,
                                    std::size_t max);
  // An integral number in [min, max].
  std::optional<std::int64_t> integer(std::string_view name, bool required, std::int64_t min,
                                      std::int64_t max);
  // A boolean.
  std::optional<bool> boolean(std::string_view name, bool required);
  // An array of at most `max_items` strings, each `min`…`max` characters.
  std::optional<std::vector<std::string>> stringArray(std::string_view name, bool required,
                                                      std::size_t max_items, std::size_t min_len,
                                                      std::size_t max_len);
  // Every member not in `known` is an error ("unknown field").
  void rejectUnknown(std::initializer_list<std::string_view> known);
  // Adds an error found by the caller's own rule.
  void fail(std::string field, std::string message);

  // OK, or one kValidation status naming every field at fault.
  Status finish() const;
  bool ok() const { return errors_.empty(); }

 private:
  const boost::json::value* present(std::string_view name, bool required);

  const boost::json::object& object_;
  std::vector<FieldError> errors_;
};

// Number of UTF-8 code points in `s` (continuation bytes not counted).
std::size_t utf8Length(std::string_view s);

}  // namespace tars::http
