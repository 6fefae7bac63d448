#include "services/verifier/json_fields.h"

#include <algorithm>

namespace tars::verifier {

std::string memberPath(std::string_view parent, std::string_view name) {
  std::string out(parent);
  if (!out.empty())
    out.push_back('.');
  out.append(name);
  return out;
}

std::string indexPath(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

void JsonFieldReader::fail(std::string path, std::string message) {
  errors_.push_back({std::move(path), std::move(message)});
}

const boost::json::object* JsonFieldReader::asObject(const boost::json::value& v,
                                                     const std::string& path) {
  if (const auto* o = v.if_object())
    return o;
  fail(path, "expected object");
  return nullptr;
}

const boost::json::array* JsonFieldReader::asArray(const boost::json::value& v,
                                                   const std::string& path) {
  if (const auto* a = v.if_array())
    return a;
  fail(path, "expected array");
  return nullptr;
}

std::optional<std::string> JsonFieldReader::asString(const boost::json::value& v,
                                                     const std::string& path) {
  if (const auto* s = v.if_string())
    return std::string(view(*s));
  fail(path, "expected string");
  return std::nullopt;
}

const boost::json::value* JsonFieldReader::member(const boost::json::object& o,
                                                  std::string_view name, const std::string& path,
                                                  Presence presence) {
  const boost::json::value* v = o.if_contains(name);
  if (v == nullptr) {
    if (presence == Presence::kRequired)
      fail(path, "is required");
    return nullptr;
  }
  if (v->is_null() && presence == Presence::kOptional)
    return nullptr;
  return v;
}

std::optional<std::string> JsonFieldReader::string(const boost::json::object& o,
                                                   std::string_view name, const std::string& path,
                                                   Presence presence) {
  const boost::json::value* v = member(o, name, path, presence);
  return v == nullptr ? std::nullopt : asString(*v, path);
}

std::optional<bool> JsonFieldReader::boolean(const boost::json::object& o, std::string_view name,
                                             const std::string& path, Presence presence) {
  const boost::json::value* v = member(o, name, path, presence);
  if (v == nullptr)
    return std::nullopt;
  if (!v->is_bool()) {
    fail(path, "expected boolean");
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::uint64_t> JsonFieldReader::integer(const boost::json::object& o,
                                                      std::string_view name,
                                                      const std::string& path, Presence presence,
                                                      std::uint64_t min, std::uint64_t max) {
  const boost::json::value* v = member(o, name, path, presence);
  if (v == nullptr)
    return std::nullopt;
  if (!v->is_int64() && !v->is_uint64()) {
    fail(path, "expected integer");
    return std::nullopt;
  }
  // A negative number is below any unsigned minimum.
  const bool negative = v->is_int64() && v->get_int64() < 0;
  const std::uint64_t n =
      v->is_uint64() ? v->get_uint64() : static_cast<std::uint64_t>(negative ? 0 : v->get_int64());
  if (negative || n < min) {
    fail(path, min == 1 ? "must be greater than 0" : "must be at least " + std::to_string(min));
    return std::nullopt;
  }
  if (n > max) {
    fail(path, "must be at most " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

const boost::json::array* JsonFieldReader::array(const boost::json::object& o,
                                                 std::string_view name, const std::string& path,
                                                 Presence presence) {
  const boost::json::value* v = member(o, name, path, presence);
  return v == nullptr ? nullptr : asArray(*v, path);
}

const boost::json::object* JsonFieldReader::object(const boost::json::object& o,
                                                   std::string_view name, const std::string& path,
                                                   Presence presence) {
  const boost::json::value* v = member(o, name, path, presence);
  return v == nullptr ? nullptr : asObject(*v, path);
}

Status JsonFieldReader::toStatus(StatusCode code) && {
  std::string detail = summarizeFieldErrors(errors_);
  return Status(code, std::move(detail), std::move(errors_));
}

std::string summarizeFieldErrors(const std::vector<FieldError>& errors) {
  if (errors.empty())
    return "";
  std::string out = errors.front().field + ": " + errors.front().message;
  if (errors.size() > 1)
    out += " (and " + std::to_string(errors.size() - 1) + " more)";
  return out;
}

std::size_t jsonDepth(const boost::json::value& v, std::size_t limit) {
  if (limit == 0)
    return v.is_array() || v.is_object() ? 1 : 0;
  std::size_t deepest = 0;
  if (const auto* a = v.if_array()) {
    for (const auto& element : *a) {
      deepest = std::max(deepest, jsonDepth(element, limit - 1));
      if (deepest >= limit)
        break;
    }
    return deepest + 1;
  }
  if (const auto* o = v.if_object()) {
    for (const auto& m : *o) {
      deepest = std::max(deepest, jsonDepth(m.value(), limit - 1));
      if (deepest >= limit)
        break;
    }
    return deepest + 1;
  }
  return 0;
}

}  // namespace tars::verifier
