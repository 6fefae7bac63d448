#include "http/request.h"

#include "http/server/raw_request.h"

namespace tars::http {

Method parseMethod(std::string_view m) {
  if (m == "GET")
    return Method::kGet;
  if (m == "POST")
    return Method::kPost;
  if (m == "HEAD")
    return Method::kHead;
  if (m == "PUT")
    return Method::kPut;
  if (m == "DELETE")
    return Method::kDelete;
  if (m == "PATCH")
    return Method::kPatch;
  if (m == "OPTIONS")
    return Method::kOptions;
  return Method::kOther;
}

std::string_view methodName(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

Request::Request(const RawRequest* raw, Method method, std::string_view method_text,
                 std::string_view target)
    : raw_(raw), method_(method), method_text_(method_text), target_(target) {
  auto q = target_.find('?');
  path_ = target_.substr(0, q);
  if (q != std::string_view::npos)
    query_ = target_.substr(q + 1);
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  if (raw_ == nullptr)
    return std::nullopt;
  const auto& fields = raw_->message->base();
  auto it = fields.find(boost::beast::string_view(name.data(), name.size()));
  if (it == fields.end())
    return std::nullopt;
  auto v = it->value();
  return std::string_view(v.data(), v.size());
}

std::string Request::headerList(std::string_view name) const {
  std::string joined;
  if (raw_ == nullptr)
    return joined;
  const auto& fields = raw_->message->base();
  auto [first, last] = fields.equal_range(boost::beast::string_view(name.data(), name.size()));
  for (auto it = first; it != last; ++it) {
    if (!joined.empty())
      joined += ',';
    joined.append(it->value().data(), it->value().size());
  }
  return joined;
}

std::string_view Request::body() const {
  if (raw_ == nullptr)
    return {};
  return raw_->message->body();
}

std::string_view Request::pathParam(std::string_view name) const {
  for (const auto& [k, v] : path_params_) {
    if (k == name)
      return v;
  }
  return {};
}

}  // namespace tars::http
