#include "store/sql/codec.h"

#include <boost/json.hpp>

namespace tars::store::sql {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int decodeChar(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '-')
    return 62;
  if (c == '_')
    return 63;
  return -1;
}

// Cursors are small; anything longer than this is not one of ours.
constexpr std::size_t kMaxCursorLength = 2048;

}  // namespace

std::string base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  if (bytes.size() - i == 1) {
    const unsigned v = byte(i) << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
  } else if (bytes.size() - i == 2) {
    const unsigned v = (byte(i) << 16) | (byte(i + 1) << 8);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
  }
  return out;
}

bool base64UrlDecode(std::string_view text, std::string& out) {
  out.clear();
  if (text.size() % 4 == 1)
    return false;
  unsigned acc = 0;
  int bits = 0;
  for (char c : text) {
    const int v = decodeChar(c);
    if (v < 0)
      return false;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  // Canonical: the unused low bits of the last character are zero.
  return (acc & ((1u << bits) - 1)) == 0;
}

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
  return base64UrlEncode(encodeStringList(all));
}

StatusOr<std::vector<std::string>> decodeCursor(std::string_view cursor, std::string_view tag,
                                                std::size_t part_count) {
  const Status invalid = invalidArgument("invalid cursor");
  std::string json;
  if (cursor.size() > kMaxCursorLength || !base64UrlDecode(cursor, json))
    return invalid;
  StatusOr<std::vector<std::string>> items = decodeStringList(json);
  if (!items.isOk() || items->size() != part_count + 1 || (*items)[0] != tag)
    return invalid;
  items->erase(items->begin());
  return items;
}

}  // namespace tars::store::sql
