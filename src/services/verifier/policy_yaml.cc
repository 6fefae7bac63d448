#include "services/verifier/policy_yaml.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/strict_json.h"
#include "core/utf8.h"
#include "services/verifier/json_fields.h"

namespace tars::verifier {
namespace {

constexpr std::string_view kUnsupported = "YAML anchors, aliases and tags are not supported";

// Thrown by the handler to stop yaml-cpp at once (nesting too deep: going on could exhaust the
// stack); caught below.
struct Abort {
  CapError error;
};

bool isDigits(std::string_view s, int base) {
  if (s.empty())
    return false;
  for (char c : s) {
    const bool ok = base == 8    ? (c >= '0' && c <= '7')
                    : base == 10 ? (c >= '0' && c <= '9')
                                 : std::isxdigit(static_cast<unsigned char>(c)) != 0;
    if (!ok)
      return false;
  }
  return true;
}

// The core-schema float form: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool isCoreFloat(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+'))
    ++i;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    ++i;
    ++int_digits;
  }
  bool dot = false;
  if (i < s.size() && s[i] == '.') {
    dot = true;
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits == 0 && !(dot && frac_digits > 0))
    return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
      ++i;
    if (!isDigits(s.substr(i), 10))
      return false;
    i = s.size();
  }
  return i == s.size();
}

__extension__ typedef unsigned __int128 Uint128;  // GCC's; __extension__ keeps -Wpedantic quiet

// The value of an integer literal that does not fit 64 bits, as the nearest float (§3.4).
double bigIntegerAsDouble(std::string_view digits, int base) {
  if (base == 10) {
    double d = 0;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), d);
    return r.ec == std::errc() ? d : HUGE_VAL;  // beyond DBL_MAX: infinite, refused later
  }
  // Octal and hex: the leading 128 bits exactly, the rest as a sticky bit and a binary exponent,
  // which rounds as correctly as the conversion of the 128-bit value does (128 ≫ 53 + 2 bits).
  const int bits_per_digit = base == 16 ? 4 : 3;
  Uint128 value = 0;
  int exponent = 0;
  bool sticky = false;
  for (char c : digits) {
    const int v = std::isdigit(static_cast<unsigned char>(c))
                      ? c - '0'
                      : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
    if ((value >> (128 - bits_per_digit)) == 0) {
      value = (value << bits_per_digit) | static_cast<unsigned>(v);
    } else {
      exponent += bits_per_digit;
      sticky = sticky || v != 0;
    }
  }
  if (sticky)
    value |= 1;
  return std::ldexp(static_cast<double>(value), exponent);
}

// An unsigned literal in `base`: uint64 (as int64 when it fits, like the JSON parser), else float.
boost::json::value unsignedLiteral(std::string_view digits, int base, bool negative) {
  std::uint64_t u = 0;
  const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), u, base);
  if (r.ec == std::errc() && r.ptr == digits.data() + digits.size()) {
    if (!negative) {
      if (u <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(u);
      return u;
    }
    if (u <= static_cast<std::uint64_t>(INT64_MAX))
      return -static_cast<std::int64_t>(u);
    if (u == static_cast<std::uint64_t>(INT64_MAX) + 1)
      return INT64_MIN;
  }
  const double d = bigIntegerAsDouble(digits, base);
  return negative ? -d : d;
}

enum class ScalarKind { kValue, kNonFinite };

// Resolves a plain scalar by the YAML 1.2 core schema.
boost::json::value resolvePlain(const std::string& s, ScalarKind& kind) {
  kind = ScalarKind::kValue;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
    return nullptr;
  if (s == "true" || s == "True" || s == "TRUE")
    return true;
  if (s == "false" || s == "False" || s == "FALSE")
    return false;
  const std::string_view v(s);
  // An integer too large even for a double (hundreds of digits) is as non-finite as `.inf`.
  auto integer = [&kind](boost::json::value n) {
    if (n.is_double() && !std::isfinite(n.get_double()))
      kind = ScalarKind::kNonFinite;
    return n;
  };
  if (v.size() > 2 && v.substr(0, 2) == "0o" && isDigits(v.substr(2), 8))
    return integer(unsignedLiteral(v.substr(2), 8, false));
  if (v.size() > 2 && v.substr(0, 2) == "0x" && isDigits(v.substr(2), 16))
    return integer(unsignedLiteral(v.substr(2), 16, false));
  {
    std::string_view digits = v;
    bool negative = false;
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
      negative = digits.front() == '-';
      digits.remove_prefix(1);
    }
    if (isDigits(digits, 10))
      return integer(unsignedLiteral(digits, 10, negative));
  }
  if (isCoreFloat(v)) {
    std::string_view text = v;
    if (text.front() == '+')
      text.remove_prefix(1);
    double d = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), d);
    if (r.ec == std::errc::result_out_of_range) {
      // Underflow reads as a signed zero (as the JSON parser does); overflow is not finite.
      const bool underflow =
          v.find("e-") != std::string_view::npos || v.find("E-") != std::string_view::npos;
      if (!underflow) {
        kind = ScalarKind::kNonFinite;
        return nullptr;
      }
      return v.front() == '-' ? -0.0 : 0.0;
    }
    return d;
  }
  static const std::unordered_set<std::string_view> kNonFinite = {
      ".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf", "+.INF",
      "-.inf", "-.Inf", "-.INF", ".nan",  ".NaN",  ".NAN"};
  if (kNonFinite.contains(v)) {
    kind = ScalarKind::kNonFinite;
    return nullptr;
  }
  return boost::json::string(s);
}

// Builds the JSON value from yaml-cpp's events. A refused construct (anchor, tag, non-string key,
// duplicate, …) is recorded and building stops, but reading goes on to the end of the text, so that
// a syntax error later in the document still wins (400 before 422): yaml-cpp reports some
// malformed text only after it has sent events for it. Nothing is expanded in the meantime
// (aliases are only events here), and nesting is still counted so that depth aborts at once.
class Builder : public YAML::EventHandler {
 public:
  Builder(std::string_view text, std::size_t max_depth) : text_(text), max_depth_(max_depth) {}

  // The first refused construct, if any.
  const std::optional<CapError>& refusal() const { return refusal_; }
  boost::json::value takeRoot() { return std::move(root_); }

  // YAML::EventHandler:
  void OnDocumentStart(const YAML::Mark&) override {
    if (++documents_ > 1)
      refuse(CapProblem::kInvalidPolicy, "YAML must contain one document", false);
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t anchor) override {
    if (!checkAnchor(anchor))
      return;
    if (expectingKey()) {
      refuse(CapProblem::kInvalidPolicy, "YAML object keys must be strings", true);
      return;
    }
    addValue(nullptr);
  }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {
    refuse(CapProblem::kInvalidPolicy, kUnsupported, true);
  }
  void OnAnchor(const YAML::Mark&, const std::string&) override {
    refuse(CapProblem::kInvalidPolicy, kUnsupported, true);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (!checkAnchor(anchor))
      return;
    const bool plain = tag == "?";
    // yaml-cpp reports quoted and block scalars with the non-specific tag "!", and so it does
    // an explicit `! value`: the source character at the mark tells them apart.
    const bool explicit_bang = tag == "!" && mark.pos >= 0 &&
                               static_cast<std::size_t>(mark.pos) < text_.size() &&
                               text_[static_cast<std::size_t>(mark.pos)] == '!';
    if ((!plain && tag != "!") || explicit_bang) {
      refuse(CapProblem::kInvalidPolicy, kUnsupported, true);
      return;
    }
    if (expectingKey()) {
      if (plain && value == "<<") {
        refuse(CapProblem::kInvalidPolicy, kUnsupported, true);
        return;
      }
      ScalarKind kind;
      if (plain && !resolvePlain(value, kind).is_string()) {
        refuse(CapProblem::kInvalidPolicy, "YAML object keys must be strings", true);
        return;
      }
      addKey(value);
      return;
    }
    if (!plain) {
      addValue(boost::json::string(value));
      return;
    }
    ScalarKind kind;
    boost::json::value resolved = resolvePlain(value, kind);
    if (kind == ScalarKind::kNonFinite) {
      refuse(CapProblem::kInvalidPolicy, "non-finite numbers are not supported", true);
      return;
    }
    addValue(std::move(resolved));
  }
  void OnSequenceStart(const YAML::Mark&, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(tag, anchor, /*object=*/false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark&, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(tag, anchor, /*object=*/true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    bool is_object = false;
    boost::json::value value;        // the array or object being filled
    std::optional<std::string> key;  // objects: the key waiting for its value
    std::unordered_set<std::string> keys;
  };

  bool building() const { return !refusal_; }

  bool expectingKey() const {
    return !frames_.empty() && frames_.back().is_object && !frames_.back().key;
  }

  // The JSON path of the node being read ("policy.rules[0].lhs").
  std::string currentPath() const {
    std::string path = "policy";
    for (const Frame& f : frames_) {
      if (f.is_object) {
        if (f.key)
          path = memberPath(path, *f.key);
      } else {
        path = indexPath(path, f.value.get_array().size());
      }
    }
    return path;
  }

  // Records the first refusal; building stops there.
  void refuse(CapProblem problem, std::string_view detail, bool with_path) {
    if (refusal_)
      return;
    std::vector<FieldError> errors;
    if (with_path)
      errors.push_back({currentPath(), std::string(detail)});
    refusal_ = CapError{problem, validationError(std::string(detail), std::move(errors))};
  }

  // False (and refused) when the node carries an anchor, or when building has stopped.
  bool checkAnchor(YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor)
      refuse(CapProblem::kInvalidPolicy, kUnsupported, true);
    return building();
  }

  void open(const std::string& tag, YAML::anchor_t anchor, bool object) {
    if (++depth_ > max_depth_) {
      throw Abort{
          CapError{CapProblem::kTooDeep, validationError(json::tooDeepMessage(max_depth_))}};
    }
    if (!checkAnchor(anchor))
      return;
    if (tag != "?") {
      refuse(CapProblem::kInvalidPolicy, kUnsupported, true);
      return;
    }
    if (expectingKey()) {
      refuse(CapProblem::kInvalidPolicy, "YAML object keys must be strings", true);
      return;
    }
    Frame frame;
    frame.is_object = object;
    if (object)
      frame.value = boost::json::object();
    else
      frame.value = boost::json::array();
    frames_.push_back(std::move(frame));
  }

  void close() {
    if (depth_ > 0)
      --depth_;
    if (!building() || frames_.empty())
      return;
    boost::json::value done = std::move(frames_.back().value);
    frames_.pop_back();
    addValue(std::move(done));
  }

  void addKey(const std::string& key) {
    Frame& f = frames_.back();
    if (!f.keys.insert(key).second) {
      if (!refusal_)
        refusal_ = CapError{CapProblem::kGeneric, invalidArgument(json::duplicateKeyMessage(key))};
      return;
    }
    f.key = key;
  }

  void addValue(boost::json::value v) {
    if (frames_.empty()) {
      root_ = std::move(v);
      return;
    }
    Frame& f = frames_.back();
    if (f.is_object) {
      f.value.get_object().emplace(*f.key, std::move(v));
      f.key.reset();
    } else {
      f.value.get_array().push_back(std::move(v));
    }
  }

  std::string_view text_;
  std::size_t max_depth_;
  std::size_t depth_ = 0;  // open collections, counted even after a refusal
  int documents_ = 0;
  std::vector<Frame> frames_;
  boost::json::value root_;
  std::optional<CapError> refusal_;
};

}  // namespace

CapOr<boost::json::value> readPolicyYaml(std::string_view yaml, std::size_t max_depth) {
  if (!utf8::isValid(yaml))
    return CapError{CapProblem::kGeneric, invalidArgument("YAML is not valid UTF-8")};
  std::istringstream in{std::string(yaml)};
  Builder builder(yaml, max_depth);
  try {
    YAML::Parser parser(in);
    // One call reads one document; a second document is refused from OnDocumentStart.
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const Abort& abort) {
    return abort.error;
  } catch (const YAML::Exception& e) {
    std::string detail = "YAML parse error: " + e.msg;
    if (!e.mark.is_null()) {
      detail += " (line " + std::to_string(e.mark.line + 1) + ", column " +
                std::to_string(e.mark.column + 1) + ")";
    }
    return CapError{CapProblem::kGeneric, invalidArgument(std::move(detail))};
  } catch (const std::exception& e) {
    return CapError{CapProblem::kGeneric,
                    invalidArgument(std::string("YAML parse error: ") + e.what())};
  }
  if (builder.refusal())
    return *builder.refusal();
  return builder.takeRoot();
}

}  // namespace tars::verifier
