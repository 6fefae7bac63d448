#include "http/json/json_body.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace tars::http {

bool hasMediaType(const Request& request, std::string_view media_type) {
  std::optional<std::string_view> ct = request.header("content-type");
  if (!ct)
    return false;
  std::string_view v = *ct;
  v = v.substr(0, std::min(v.find(';'), v.size()));
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
    v.remove_suffix(1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
    v.remove_prefix(1);
  if (v.size() != media_type.size())
    return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(v[i])) !=
        std::tolower(static_cast<unsigned char>(media_type[i])))
      return false;
  }
  return true;
}

StatusOr<boost::json::object> parseJsonObject(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec)
    return invalidArgument("Malformed JSON body");
  if (!v.is_object())
    return validationError("The body must be a JSON object", {{"", "must be an object"}});
  return std::move(v.get_object());
}

StatusOr<boost::json::object> parseJsonObjectBody(const Request& request, bool empty_is_object) {
  if (request.body().empty() && empty_is_object)
    return boost::json::object();
  if (!hasMediaType(request, "application/json"))
    return Status(StatusCode::kUnsupportedMediaType, "Content-Type must be application/json");
  return parseJsonObject(request.body());
}

std::size_t utf8Length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

const boost::json::value* FieldReader::present(std::string_view name, bool required) {
  const boost::json::value* v = object_.if_contains(name);
  if (v == nullptr || v->is_null()) {
    if (required)
      fail(std::string(name), "is required");
    return nullptr;
  }
  return v;
}

std::optional<std::string> FieldReader::string(std::string_view name, bool required,
                                               std::size_t min, std::size_t max) {
  const boost::json::value* v = present(name, required);
  if (v == nullptr)
    return std::nullopt;
  if (!v->is_string()) {
    fail(std::string(name), "must be a string");
    return std::nullopt;
  }
  std::string s(v->get_string().data(), v->get_string().size());
  std::size_t n = utf8Length(s);
  if (n < min || n > max) {
    fail(std::string(name),
         "must be " + std::to_string(min) + " to " + std::to_string(max) + " characters long");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> FieldReader::integer(std::string_view name, bool required,
                                                 std::int64_t min, std::int64_t max) {
  const boost::json::value* v = present(name, required);
  if (v == nullptr)
    return std::nullopt;
  std::optional<std::int64_t> n;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64()) {
    if (v->get_uint64() <= static_cast<std::uint64_t>(max))
      n = static_cast<std::int64_t>(v->get_uint64());
    else
      n = max + (max < INT64_MAX ? 1 : 0);
  } else if (v->is_double()) {
    double d = v->get_double();
    if (std::isfinite(d) && std::trunc(d) == d && d >= -9.2e18 && d <= 9.2e18)
      n = static_cast<std::int64_t>(d);
  }
  if (!n) {
    fail(std::string(name), "must be an integer");
    return std::nullopt;
  }
  if (*n < min || *n > max) {
    fail(std::string(name),
         "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<bool> FieldReader::boolean(std::string_view name, bool required) {
  const boost::json::value* v = present(name, required);
  if (v == nullptr)
    return std::nullopt;
  if (!v->is_bool()) {
    fail(std::string(name), "must be a boolean");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::vector<std::string>> FieldReader::stringArray(std::string_view name,
                                                                 bool required,
                                                                 std::size_t max_items,
                                                                 std::size_t min_len,
                                                                 std::size_t max_len) {
  const boost::json::value* v = present(name, required);
  if (v == nullptr)
    return std::nullopt;
  if (!v->is_array()) {
    fail(std::string(name), "must be an array of strings");
    return std::nullopt;
  }
  const boost::json::array& a = v->get_array();
  if (a.size() > max_items) {
    fail(std::string(name), "must have at most " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool good = true;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string field = std::string(name) + "[" + std::to_string(i) + "]";
    if (!a[i].is_string()) {
      fail(field, "must be a string");
      good = false;
      continue;
    }
    std::string s(a[i].get_string().data(), a[i].get_string().size());
    std::size_t n = utf8Length(s);
    if (n < min_len || n > max_len) {
      fail(field, "must be " + std::to_string(min_len) + " to " + std::to_string(max_len) +
                      " characters long");
      good = false;
      continue;
    }
    out.push_back(std::move(s));
  }
  if (!good)
    return std::nullopt;
  return out;
}

void FieldReader::rejectUnknown(std::initializer_list<std::string_view> known) {
  for (const auto& member : object_) {
    std::string_view key(member.key().data(), member.key().size());
    if (std::find(known.begin(), known.end(), key) == known.end())
      fail(std::string(key), "unknown field");
  }
}

void FieldReader::fail(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

Status FieldReader::finish() const {
  if (errors_.empty())
    return Status::ok();
  std::string detail = "Invalid request body: ";
  for (std::size_t i = 0; i < errors_.size(); ++i) {
    if (i > 0)
      detail += "; ";
    detail += (errors_[i].field.empty() ? std::string("body") : errors_[i].field) + " " +
              errors_[i].message;
  }
  return validationError(std::move(detail), errors_);
}

}  // namespace tars::http
