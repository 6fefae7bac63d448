#include "jwt/strict_json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <boost/container/small_vector.hpp>

#include <cmath>

namespace tars::jwt {
namespace {

namespace json = boost::json;

// A basic_parser handler that builds the value exactly like boost::json::parser does (through a
// value_stack) and records, in document order of their closing braces, how many members each
// object had in the text. Building an object keeps only the last of duplicate names, so comparing
// those counts with the sizes of the built objects reveals every duplicate (see findsDuplicates).
struct Handler {
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  // The stack that builds values starts in a caller-provided buffer (no heap use for small
  // documents such as token headers and payloads).
  Handler(unsigned char* temp, std::size_t size) : st(json::storage_ptr(), temp, size) {}

  json::value_stack st;
  boost::container::small_vector<std::size_t, 16> object_sizes;

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) { return true; }
  bool on_object_end(std::size_t n, json::error_code&) {
    object_sizes.push_back(n);
    st.push_object(n);
    return true;
  }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t n, json::error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    st.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view, json::error_code& ec) {
    if (!std::isfinite(d)) {
      ec = json::error::exponent_overflow;
      return false;
    }
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(json::error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

// Walks `v` in post-order (the order objects close in the text) and compares each object's size
// with the count recorded for it. Any duplicate makes an object smaller than its count, or drops
// whole nested objects so that the sequences differ in length: either way a mismatch.
template <typename Sizes>
bool sizesMatch(const json::value& v, const Sizes& sizes, std::size_t& next) {
  if (const json::object* o = v.if_object()) {
    for (const auto& member : *o) {
      if (!sizesMatch(member.value(), sizes, next))
        return false;
    }
    if (next >= sizes.size() || sizes[next] != o->size())
      return false;
    ++next;
  } else if (const json::array* a = v.if_array()) {
    for (const auto& element : *a) {
      if (!sizesMatch(element, sizes, next))
        return false;
    }
  }
  return true;
}

}  // namespace

StatusOr<boost::json::value> parseStrictJson(std::string_view text, std::size_t max_depth,
                                             boost::json::storage_ptr storage) {
  json::parse_options options;
  options.max_depth = max_depth;
  options.allow_comments = false;
  options.allow_trailing_commas = false;
  options.allow_invalid_utf8 = false;
  try {
    unsigned char temp[2048];
    json::basic_parser<Handler> parser(options, temp, sizeof(temp));
    parser.handler().st.reset(std::move(storage));
    json::error_code ec;
    const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
    if (ec || used != text.size() || !parser.done()) {
      return invalidArgument("malformed JSON");
    }
    json::value value = parser.handler().st.release();
    std::size_t next = 0;
    if (!sizesMatch(value, parser.handler().object_sizes, next) ||
        next != parser.handler().object_sizes.size()) {
      return invalidArgument("duplicate member name in JSON object");
    }
    return value;
  } catch (const std::exception&) {
    // Boost.JSON throws only on allocation failure or a size over its limits.
    return invalidArgument("malformed JSON");
  }
}

StatusOr<boost::json::object> parseStrictJsonObject(std::string_view text, std::size_t max_depth,
                                                    boost::json::storage_ptr storage) {
  TARS_ASSIGN_OR_RETURN(boost::json::value value,
                        parseStrictJson(text, max_depth, std::move(storage)));
  if (!value.is_object()) {
    return invalidArgument("JSON is not an object");
  }
  return std::move(value.as_object());
}

}  // namespace tars::jwt
