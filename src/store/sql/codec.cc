#include "store/sql/codec.h"

#include <boost/json.hpp>

#include "core/base64url.h"

namespace tars::store::sql {
namespace {

// Cursors are small; anything longer than this is not one of ours.
constexpr std::size_t kMaxCursorLength = 2048;

}  // namespace

std::string encodeStringList(const std::vector<std::string>& items) {
  boost::json::array array;
  array.reserve(items.size());
  for (const std::string& item : items)
    array.emplace_back(boost::json::string_view(item));
  return boost::json::serialize(array);
}

StatusOr<std::vector<std::string>> decodeStringList(std::string_view json) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(json, ec);
  if (ec || !value.is_array())
    return internalError("store: a list column does not hold a JSON array");
  std::vector<std::string> out;
  for (const boost::json::value& item : value.get_array()) {
    if (!item.is_string())
      return internalError("store: a list column holds a non-string item");
    out.emplace_back(item.get_string());
  }
  return out;
}

std::string encodeCursor(std::string_view tag, const std::vector<std::string>& parts) {
  std::vector<std::string> all;
  all.reserve(parts.size() + 1);
  all.emplace_back(tag);
  all.insert(all.end(), parts.begin(), parts.end());
  return ::tars::base64UrlEncode(encodeStringList(all));
}

StatusOr<std::vector<std::string>> decodeCursor(std::string_view cursor, std::string_view tag,
                                                std::size_t part_count) {
  const Status invalid = invalidArgument("invalid cursor");
  std::string json;
  if (cursor.size() > kMaxCursorLength || !::tars::base64UrlDecodeTo(cursor, json))
    return invalid;
  StatusOr<std::vector<std::string>> items = decodeStringList(json);
  if (!items.isOk() || items->size() != part_count + 1 || (*items)[0] != tag)
    return invalid;
  items->erase(items->begin());
  return items;
}

}  // namespace tars::store::sql
