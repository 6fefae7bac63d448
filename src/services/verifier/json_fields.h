#pragma once
// Reading typed members out of parsed JSON (or YAML read as JSON) while collecting one FieldError
// per problem, each named by its JSON path ("policy.rules[2].op") with a short message
// ("expected string"), as cap §4.1 and §5.1 ask. Reading goes on after an error so that a client
// learns about every field at fault in one answer.
//
// Absent and null: an optional member that is absent or null reads as "not given" (the original's
// serde Option<T> did the same); a required member that is absent is "is required", one that is
// null has the wrong type.
//
// Thread safety: a reader is a per-call value.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tars::verifier {

enum class Presence { kRequired, kOptional };

// "policy" + "rules" → "policy.rules"; "policy.rules" + 2 → "policy.rules[2]".
std::string memberPath(std::string_view parent, std::string_view name);
std::string indexPath(std::string_view parent, std::size_t index);

// A JSON string as a view (no copy).
inline std::string_view view(const boost::json::string& s) {
  return {s.data(), s.size()};
}

class JsonFieldReader {
 public:
  // `v` itself must be an object; else "expected object" at `path`.
  const boost::json::object* asObject(const boost::json::value& v, const std::string& path);
  const boost::json::array* asArray(const boost::json::value& v, const std::string& path);
  std::optional<std::string> asString(const boost::json::value& v, const std::string& path);

  // The member, or nullptr when absent (an error when required) or null (an error when required,
  // and only then: an optional null member is "not given").
  const boost::json::value* member(const boost::json::object& o, std::string_view name,
                                   const std::string& path, Presence presence);

  std::optional<std::string> string(const boost::json::object& o, std::string_view name,
                                    const std::string& path, Presence presence);
  std::optional<bool> boolean(const boost::json::object& o, std::string_view name,
                              const std::string& path, Presence presence);
  // An integer (a JSON integer literal, or a YAML int) in [min, max]; a float is "expected
  // integer".
  std::optional<std::uint64_t> integer(const boost::json::object& o, std::string_view name,
                                       const std::string& path, Presence presence,
                                       std::uint64_t min, std::uint64_t max);
  const boost::json::array* array(const boost::json::object& o, std::string_view name,
                                  const std::string& path, Presence presence);
  const boost::json::object* object(const boost::json::object& o, std::string_view name,
                                    const std::string& path, Presence presence);

  void fail(std::string path, std::string message);
  bool ok() const { return errors_.empty(); }
  std::size_t errorCount() const { return errors_.size(); }
  const std::vector<FieldError>& errors() const { return errors_; }
  std::vector<FieldError> takeErrors() { return std::move(errors_); }
  // A `code` Status whose detail is summarizeFieldErrors() and whose errors[] are all of them.
  // REQUIRES: !ok().
  Status toStatus(StatusCode code) &&;

 private:
  std::vector<FieldError> errors_;
};

// "<first field>: <message>" and, when there are more, " (and <n> more)": the detail of a
// validation error whose errors[] lists them all.
std::string summarizeFieldErrors(const std::vector<FieldError>& errors);

// Depth of `v` as §3.5 counts it (a scalar is 0, `[]` is 1), counting no further than `limit + 1`
// so that a value built in code cannot exhaust the stack.
std::size_t jsonDepth(const boost::json::value& v, std::size_t limit);

}  // namespace tars::verifier
