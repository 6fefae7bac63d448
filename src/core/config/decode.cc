#include "core/config/decode.h"

#include <charconv>

namespace tars::config {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

StatusOr<bool> decodeBool(std::string_view text) {
  std::string_view t = trim(text);
  for (std::string_view yes : {"true", "1", "yes"}) {
    if (equalsIgnoreCase(t, yes))
      return true;
  }
  for (std::string_view no : {"false", "0", "no"}) {
    if (equalsIgnoreCase(t, no))
      return false;
  }
  return invalidArgument("'" + std::string(text) +
                         "' is not a boolean (use true, false, 1, 0, yes or no)");
}

StatusOr<int> decodeInt(std::string_view text, std::int64_t min, std::int64_t max) {
  std::string_view t = trim(text);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec == std::errc::invalid_argument || end != t.data() + t.size())
    return invalidArgument("'" + std::string(text) + "' is not an integer");
  if (ec == std::errc::result_out_of_range || value < min || value > max) {
    return invalidArgument(std::string(t) + " is out of range " + std::to_string(min) + ".." +
                           std::to_string(max));
  }
  return static_cast<int>(value);
}

std::vector<std::string> splitList(std::string_view text) {
  std::vector<std::string> items;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    if (comma == std::string_view::npos)
      comma = text.size();
    std::string_view item = trim(text.substr(pos, comma - pos));
    if (!item.empty())
      items.emplace_back(item);
    pos = comma + 1;
  }
  return items;
}

}  // namespace tars::config
