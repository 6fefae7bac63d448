#include "core/strict_json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <cmath>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/utf8.h"

namespace tars::json {
namespace {

namespace bj = boost::json;

// A basic_parser handler that builds the value exactly like boost::json::parser (through a
// value_stack) and checks each key against the keys already seen in its object. Key sets are kept
// per open object and reused, so a document with many small objects allocates little.
struct Handler {
  static constexpr std::size_t max_object_size = bj::object::max_size();
  static constexpr std::size_t max_array_size = bj::array::max_size();
  static constexpr std::size_t max_key_size = bj::string::max_size();
  static constexpr std::size_t max_string_size = bj::string::max_size();

  bj::value_stack st;
  std::vector<std::unordered_set<std::string>> keys;  // one set per open object
  std::size_t open_objects = 0;
  std::string key_part;       // a key handed over in pieces
  bool duplicate = false;     // parsing stopped on a duplicate key...
  std::string duplicate_key;  // ...this one
  bool non_finite = false;    // set when parsing stopped on 1e400 and the like

  bool on_document_begin(bj::error_code&) { return true; }
  bool on_document_end(bj::error_code&) { return true; }
  bool on_object_begin(bj::error_code&) {
    if (keys.size() == open_objects)
      keys.emplace_back();
    keys[open_objects++].clear();
    return true;
  }
  bool on_object_end(std::size_t n, bj::error_code&) {
    --open_objects;
    st.push_object(n);
    return true;
  }
  bool on_array_begin(bj::error_code&) { return true; }
  bool on_array_end(std::size_t n, bj::error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(bj::string_view s, std::size_t, bj::error_code&) {
    key_part.append(s.data(), s.size());
    st.push_chars(s);
    return true;
  }
  bool on_key(bj::string_view s, std::size_t, bj::error_code& ec) {
    std::string full = std::move(key_part);
    key_part.clear();
    full.append(s.data(), s.size());
    if (!keys[open_objects - 1].insert(full).second) {
      duplicate = true;
      duplicate_key = std::move(full);
      ec = bj::error::syntax;  // stops the parser; the caller reports the duplicate
      return false;
    }
    st.push_key(s);
    return true;
  }
  bool on_string_part(bj::string_view s, std::size_t, bj::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(bj::string_view s, std::size_t, bj::error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(bj::string_view, bj::error_code&) { return true; }
  bool on_int64(std::int64_t i, bj::string_view, bj::error_code&) {
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, bj::string_view, bj::error_code&) {
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, bj::string_view, bj::error_code& ec) {
    if (!std::isfinite(d)) {
      non_finite = true;
      ec = bj::error::exponent_overflow;
      return false;
    }
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, bj::error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(bj::error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
  bool on_comment(bj::string_view, bj::error_code&) { return true; }
};

}  // namespace

std::string duplicateKeyMessage(std::string_view key) {
  constexpr std::size_t kMaxShown = 128;
  if (key.size() > kMaxShown) {
    std::size_t cut = kMaxShown;
    while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80)
      --cut;  // never split a UTF-8 sequence
    key = key.substr(0, cut);
  }
  return "duplicate key '" + std::string(key) + "'";
}

std::string tooDeepMessage(std::size_t max_depth) {
  return "nesting depth exceeds " + std::to_string(max_depth);
}

StatusOr<boost::json::value> parseStrict(std::string_view text, const StrictParseOptions& options) {
  // Checked up front so that a body with a stray byte gets the precise §13 detail rather than a
  // generic syntax error.
  if (!utf8::isValid(text))
    return invalidArgument("body is not valid UTF-8");
  bj::parse_options parse_options;
  parse_options.max_depth = options.max_depth;
  parse_options.allow_comments = false;
  parse_options.allow_trailing_commas = false;
  parse_options.allow_invalid_utf8 = false;
  try {
    bj::basic_parser<Handler> parser(parse_options);
    parser.handler().st.reset();
    bj::error_code ec;
    const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
    Handler& handler = parser.handler();
    if (handler.duplicate)
      return invalidArgument(duplicateKeyMessage(handler.duplicate_key));
    if (ec == bj::error::too_deep)
      return validationError(tooDeepMessage(options.max_depth));
    if (handler.non_finite)
      return invalidArgument("malformed JSON: number out of range");
    if (ec)
      return invalidArgument("malformed JSON: " + ec.message());
    if (used != text.size() || !parser.done())
      return invalidArgument("malformed JSON: incomplete text");
    return handler.st.release();
  } catch (const std::exception& e) {
    // Boost.JSON throws only on allocation failure or a size over its limits.
    return invalidArgument(std::string("malformed JSON: ") + e.what());
  }
}

}  // namespace tars::json
