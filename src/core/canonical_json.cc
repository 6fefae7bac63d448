#include "core/canonical_json.h"

#include <algorithm>

#include "core/json_number.h"

namespace tars::json {

void appendCanonicalString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    // Copy the longest run that needs no escape in one append.
    std::size_t run = i;
    while (run < s.size()) {
      const auto c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c == '"' || c == '\\')
        break;
      ++run;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size())
      break;
    const auto c = static_cast<unsigned char>(s[i++]);
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case 0x08:
        out.append("\\b");
        break;
      case 0x09:
        out.append("\\t");
        break;
      case 0x0A:
        out.append("\\n");
        break;
      case 0x0C:
        out.append("\\f");
        break;
      case 0x0D:
        out.append("\\r");
        break;
      default:
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
        break;
    }
  }
  out.push_back('"');
}

void CanonicalWriter::fail(std::string message) {
  if (error_.empty())
    error_ = std::move(message);
}

bool CanonicalWriter::beforeValue() {
  if (!error_.empty())
    return false;
  if (frames_.empty()) {
    if (have_root_) {
      fail("canonical JSON: more than one top-level value");
      return false;
    }
    have_root_ = true;
    return true;
  }
  if (frames_.back() == Frame::kObject) {
    if (!after_key_) {
      fail("canonical JSON: object member without a key");
      return false;
    }
    after_key_ = false;
    return true;
  }
  if (comma_)
    out_.push_back(',');
  return true;
}

bool CanonicalWriter::open(Frame frame, char c) {
  if (!beforeValue())
    return false;
  if (frames_.size() >= kMaxWriteDepth) {
    fail("canonical JSON: nesting deeper than " + std::to_string(kMaxWriteDepth));
    return false;
  }
  frames_.push_back(frame);
  out_.push_back(c);
  comma_ = false;
  return true;
}

void CanonicalWriter::close(Frame frame, char c) {
  if (!error_.empty())
    return;
  if (frames_.empty() || frames_.back() != frame || after_key_) {
    fail("canonical JSON: unbalanced close");
    return;
  }
  frames_.pop_back();
  out_.push_back(c);
  comma_ = true;
}

CanonicalWriter& CanonicalWriter::beginObject() {
  open(Frame::kObject, '{');
  return *this;
}
CanonicalWriter& CanonicalWriter::endObject() {
  close(Frame::kObject, '}');
  return *this;
}
CanonicalWriter& CanonicalWriter::beginArray() {
  open(Frame::kArray, '[');
  return *this;
}
CanonicalWriter& CanonicalWriter::endArray() {
  close(Frame::kArray, ']');
  return *this;
}

CanonicalWriter& CanonicalWriter::key(std::string_view name) {
  if (!error_.empty())
    return *this;
  if (frames_.empty() || frames_.back() != Frame::kObject || after_key_) {
    fail("canonical JSON: key outside an object or after another key");
    return *this;
  }
  if (comma_)
    out_.push_back(',');
  appendCanonicalString(out_, name);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

CanonicalWriter& CanonicalWriter::string(std::string_view s) {
  if (beforeValue()) {
    appendCanonicalString(out_, s);
    comma_ = true;
  }
  return *this;
}

CanonicalWriter& CanonicalWriter::int64(std::int64_t v) {
  if (beforeValue()) {
    appendInteger(out_, v);
    comma_ = true;
  }
  return *this;
}

CanonicalWriter& CanonicalWriter::uint64(std::uint64_t v) {
  if (beforeValue()) {
    appendInteger(out_, v);
    comma_ = true;
  }
  return *this;
}

CanonicalWriter& CanonicalWriter::float64(double v) {
  if (beforeValue()) {
    if (!appendFloat(out_, v))
      fail("canonical JSON: NaN and infinite numbers have no JSON form");
    comma_ = true;
  }
  return *this;
}

CanonicalWriter& CanonicalWriter::boolean(bool v) {
  if (beforeValue()) {
    out_.append(v ? "true" : "false");
    comma_ = true;
  }
  return *this;
}

CanonicalWriter& CanonicalWriter::null() {
  if (beforeValue()) {
    out_.append("null");
    comma_ = true;
  }
  return *this;
}

CanonicalWriter& CanonicalWriter::value(const boost::json::value& v) {
  writeFreeForm(v);
  return *this;
}

void CanonicalWriter::writeFreeForm(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      null();
      return;
    case boost::json::kind::bool_:
      boolean(v.get_bool());
      return;
    case boost::json::kind::int64:
      int64(v.get_int64());
      return;
    case boost::json::kind::uint64:
      uint64(v.get_uint64());
      return;
    case boost::json::kind::double_:
      float64(v.get_double());
      return;
    case boost::json::kind::string:
      string(std::string_view(v.get_string().data(), v.get_string().size()));
      return;
    case boost::json::kind::array:
      if (!open(Frame::kArray, '['))
        return;
      for (const boost::json::value& element : v.get_array()) {
        writeFreeForm(element);
        if (!error_.empty())
          return;
      }
      endArray();
      return;
    case boost::json::kind::object: {
      if (!open(Frame::kObject, '{'))
        return;
      const boost::json::object& object = v.get_object();
      std::vector<const boost::json::key_value_pair*> members;
      members.reserve(object.size());
      for (const auto& member : object)
        members.push_back(&member);
      // std::string_view compares through char_traits<char>, which orders bytes as unsigned char
      // with a shorter prefix first: exactly the byte order §3.1 asks for.
      std::sort(members.begin(), members.end(), [](const auto* a, const auto* b) {
        return std::string_view(a->key().data(), a->key().size()) <
               std::string_view(b->key().data(), b->key().size());
      });
      for (const auto* member : members) {
        key(std::string_view(member->key().data(), member->key().size()));
        writeFreeForm(member->value());
        if (!error_.empty())
          return;
      }
      endObject();
      return;
    }
  }
}

StatusOr<std::string> CanonicalWriter::finish() && {
  if (error_.empty() && (!frames_.empty() || !have_root_))
    fail("canonical JSON: incomplete value");
  if (!error_.empty())
    return invalidArgument(error_);
  return std::move(out_);
}

StatusOr<std::string> canonicalize(const boost::json::value& v) {
  CanonicalWriter writer;
  writer.value(v);
  return std::move(writer).finish();
}

}  // namespace tars::json
