#pragma once
// Parsing JSON bodies by the rules of spec/cap.md §3.4–§3.5 (shared by all CAP request bodies):
// - the text must be valid UTF-8 and RFC 8259 JSON (no comments, no trailing commas); escapes that
//   leave a surrogate unpaired (`"\ud800"`) are malformed;
// - duplicate object keys, at any depth, are refused (our decision: "last one wins" would let a
//   body mean two things);
// - nesting deeper than `max_depth` is refused (the outermost value has depth 1);
// - a number literal without `.`, `e` or `E` that fits a signed or unsigned 64-bit integer becomes
//   an int64 or uint64; every other literal becomes a double, which must be finite.
//
// Failure: kInvalidArgument (HTTP 400) with detail "malformed JSON: <parser message>",
// "body is not valid UTF-8" or "duplicate key '<k>'"; kValidation (HTTP 422, cap/too-deep) with
// "nesting depth exceeds <max_depth>". Never throws.
//
// Thread safety: pure function.

#include <boost/json/value.hpp>

#include <cstddef>
#include <string_view>

#include "core/status.h"

namespace tars::json {

struct StrictParseOptions {
  std::size_t max_depth = 32;  // deepest array/object nesting accepted (cap §3.5)
};

StatusOr<boost::json::value> parseStrict(std::string_view text,
                                         const StrictParseOptions& options = {});

// The detail of a duplicate-key error: "duplicate key '<k>'" with `k` cut to 128 bytes.
std::string duplicateKeyMessage(std::string_view key);

// The detail of a nesting error: "nesting depth exceeds <max_depth>".
std::string tooDeepMessage(std::size_t max_depth);

}  // namespace tars::json
