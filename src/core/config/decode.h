#pragma once
// Text → typed value decoders shared by the YAML file, the environment and the flags.
//
// Each returns the value, or kInvalidArgument whose message is only the "what" part
// ("70000 is out of range 0..65535"); the caller adds "config: <key>: " and the source. Only
// decoders of non-secret values echo the value.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.h"
#include "core/config/enum_names.h"
#include "core/status.h"

namespace tars::config {

// true/false/1/0/yes/no, ASCII case-insensitive.
StatusOr<bool> decodeBool(std::string_view text);

// A decimal integer in [min, max].
StatusOr<int> decodeInt(std::string_view text, std::int64_t min, std::int64_t max);

// Comma-separated items, each trimmed of spaces; empty items are dropped.
std::vector<std::string> splitList(std::string_view text);

using ascii::equalsIgnoreCase;

// `text` trimmed of ASCII spaces and tabs.
std::string_view trim(std::string_view text);

// An enumerator by its exact name.
template <typename E, std::size_t N>
StatusOr<E> decodeEnum(std::string_view text, const EnumNames<E, N>& names) {
  if (std::optional<E> value = valueOf(names, text))
    return *value;
  return invalidArgument("'" + std::string(text) + "' is not one of " + joinNames(names));
}

}  // namespace tars::config
