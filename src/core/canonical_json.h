#pragma once
// The compact canonical JSON writer of spec/cap.md §3: every hash over JSON in the CAP verifier is
// taken over bytes produced here, so there is exactly one writer.
//
// - Typed records (policies, IR, records, diagnostics) are written member by member with key()
//   and the scalar calls, in the order the caller states: the writer never reorders them.
// - Free-form values (rule operands, predicate expressions, manifests) are written with value():
//   object members sorted by the bytes of their keys at every level, arrays in order.
// - Layout: no whitespace; strings as raw UTF-8 with only the §3.3 escapes; numbers as §3.4
//   (json_number.h); integer and float values stay distinct (1 → "1", 1.0 → "1.0").
//
// Errors never throw or crash: a NaN or infinite number, nesting deeper than kMaxWriteDepth, or a
// call sequence that is not one well-formed value (a value without its key, an unclosed array)
// makes finish() return kInvalidArgument naming the first problem.
//
// Thread safety: a writer is a value used by one thread; the free functions are pure.

#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tars::json {

// Deepest nesting the writer accepts (the outermost container is depth 1). Parsed bodies are
// limited to 32 (§3.5); typed records add a few levels around such values. The bound exists so that
// a value built in code cannot exhaust the stack.
inline constexpr std::size_t kMaxWriteDepth = 64;

// Appends `s` as a §3.3 string literal: `"` and `\` escaped, U+0008/09/0A/0C/0D as \b \t \n \f \r,
// the other C0 controls as \u00xx (lower-case hex), everything else (U+007F, `/`, U+2028,
// non-ASCII) as the raw bytes. REQUIRES: `s` is valid UTF-8 (the parsers refuse anything else);
// other bytes are copied unchanged.
void appendCanonicalString(std::string& out, std::string_view s);

class CanonicalWriter {
 public:
  CanonicalWriter() = default;
  // Starts with `reserve` bytes of capacity (the expected size of the result).
  explicit CanonicalWriter(std::size_t reserve) { out_.reserve(reserve); }

  CanonicalWriter& beginObject();
  CanonicalWriter& endObject();
  CanonicalWriter& beginArray();
  CanonicalWriter& endArray();
  // The name of the next member. REQUIRES: inside an object, not directly after another key.
  CanonicalWriter& key(std::string_view name);

  CanonicalWriter& string(std::string_view s);
  CanonicalWriter& int64(std::int64_t v);
  CanonicalWriter& uint64(std::uint64_t v);
  // A float (§3.4 layout, "1.0" for one). NaN and infinities are an error.
  CanonicalWriter& float64(double v);
  CanonicalWriter& boolean(bool v);
  CanonicalWriter& null();
  // A free-form value: sorted keys at every level; int64/uint64 as integers, double as floats.
  CanonicalWriter& value(const boost::json::value& v);

  // The text so far, complete or not (for tests and diagnostics).
  const std::string& text() const { return out_; }
  bool ok() const { return error_.empty(); }

  // The finished text: exactly one complete value and no error, else kInvalidArgument.
  StatusOr<std::string> finish() &&;

 private:
  enum class Frame : char { kObject, kArray };

  // Called before every value and key: writes the comma, checks the value is allowed here.
  bool beforeValue();
  bool open(Frame frame, char c);
  void close(Frame frame, char c);
  void fail(std::string message);
  void writeFreeForm(const boost::json::value& v);

  std::string out_;
  std::vector<Frame> frames_;
  bool comma_ = false;      // the next key or value needs a ',' first
  bool after_key_ = false;  // inside an object, a key was written and waits for its value
  bool have_root_ = false;  // the outermost value has started
  std::string error_;       // the first misuse or bad value
};

// The canonical form of a free-form value (objects sorted at every level).
StatusOr<std::string> canonicalize(const boost::json::value& v);

}  // namespace tars::json
