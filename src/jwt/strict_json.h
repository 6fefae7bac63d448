#pragma once
// Strict JSON parsing for untrusted JOSE input (token headers and payloads, JWKS documents).
//
// Beyond RFC 8259 as Boost.JSON checks it (no comments, no trailing commas, valid UTF-8), this
// refuses any object with two members of the same name, at any depth: RFC 7515 §5.2 lets a
// receiver reject them, and accepting "last one wins" would let a token say two things to two
// parsers. Numbers must be finite (1e400 is refused, not turned into infinity). Nesting deeper
// than `max_depth` is refused.
//
// Thread safety: pure function. Failure: kInvalidArgument with a short fixed message.

#include <cstddef>
#include <string_view>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include "core/status.h"

namespace tars::jwt {

// A JSON string as a view (no copy), for comparisons and parsing.
inline std::string_view view(const boost::json::string& s) {
  return {s.data(), s.size()};
}

// The value's memory comes from `storage` (default: the heap).
StatusOr<boost::json::value> parseStrictJson(std::string_view text, std::size_t max_depth = 32,
                                             boost::json::storage_ptr storage = {});

// Same, and the value must be an object.
StatusOr<boost::json::object> parseStrictJsonObject(std::string_view text,
                                                    std::size_t max_depth = 32,
                                                    boost::json::storage_ptr storage = {});

}  // namespace tars::jwt
