#include "store/sql/value.h"

#include <charconv>

#include "store/utf8.h"

namespace tars::store::sql {

Status checkTextParams(const Params& params) {
  for (const Value& v : params) {
    const auto* s = std::get_if<std::string>(&v);
    if (s != nullptr && !isStorableText(*s))
      return invalidArgument("text value is not valid UTF-8 or contains NUL");
  }
  return Status::ok();
}

bool Row::isNull(std::size_t i) const {
  return i >= columns_.size() || std::holds_alternative<std::monostate>(columns_[i]);
}

std::string Row::text(std::size_t i) const {
  if (i >= columns_.size())
    return {};
  const Value& v = columns_[i];
  if (const auto* s = std::get_if<std::string>(&v))
    return *s;
  if (const auto* b = std::get_if<Blob>(&v))
    return b->bytes;
  if (const auto* n = std::get_if<std::int64_t>(&v))
    return std::to_string(*n);
  return {};
}

std::int64_t Row::integer(std::size_t i) const {
  if (i >= columns_.size())
    return 0;
  const Value& v = columns_[i];
  if (const auto* n = std::get_if<std::int64_t>(&v))
    return *n;
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::string Row::blob(std::size_t i) const {
  return text(i);
}

std::optional<std::string> Row::optText(std::size_t i) const {
  if (isNull(i))
    return std::nullopt;
  return text(i);
}

std::optional<std::string> Row::optBlob(std::size_t i) const {
  if (isNull(i))
    return std::nullopt;
  return blob(i);
}

std::optional<Timestamp> Row::optTime(std::size_t i) const {
  if (isNull(i))
    return std::nullopt;
  return time(i);
}

}  // namespace tars::store::sql
