#pragma once
// Values crossing the backend-neutral SQL layer: NULL, 64-bit integers, UTF-8 text and raw
// bytes (BLOB in SQLite, BYTEA in PostgreSQL). Internal to tars_store.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"
#include "store/time_point.h"

namespace tars::store::sql {

struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

using Value = std::variant<std::monostate, std::int64_t, std::string, Blob>;
using Params = std::vector<Value>;

// kInvalidArgument when a text parameter is not valid UTF-8 or contains NUL (utf8.h says why).
// Both backends call it before binding.
Status checkTextParams(const Params& params);

inline Value nullValue() {
  return std::monostate{};
}
inline Value text(std::string s) {
  return s;
}
inline Value integer(std::int64_t v) {
  return v;
}
inline Value blob(std::string bytes) {
  return Blob{std::move(bytes)};
}
inline Value time(Timestamp t) {
  return toMillis(t);
}
inline Value optText(const std::optional<std::string>& s) {
  return s ? Value(*s) : nullValue();
}
inline Value optBlob(const std::optional<std::string>& s) {
  return s ? blob(*s) : nullValue();
}
inline Value optTime(const std::optional<Timestamp>& t) {
  return t ? time(*t) : nullValue();
}

// One result row. Getters are lenient about representation (an integer read as text is parsed,
// text read as a blob is its bytes) and return empty values for NULL; callers know their schema.
class Row {
 public:
  explicit Row(std::vector<Value> columns) : columns_(std::move(columns)) {}

  std::size_t size() const { return columns_.size(); }
  bool isNull(std::size_t i) const;
  std::string text(std::size_t i) const;
  std::int64_t integer(std::size_t i) const;
  std::string blob(std::size_t i) const;
  Timestamp time(std::size_t i) const { return fromMillis(integer(i)); }
  std::optional<std::string> optText(std::size_t i) const;
  std::optional<std::string> optBlob(std::size_t i) const;
  std::optional<Timestamp> optTime(std::size_t i) const;

 private:
  std::vector<Value> columns_;
};

using Rows = std::vector<Row>;

}  // namespace tars::store::sql
