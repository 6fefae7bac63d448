#include "http/filter/problem.h"

#include "core/json_util.h"

namespace tars::http {

std::string_view problemTitle(std::string_view slug) {
  struct Entry {
    std::string_view slug, title;
  };
  static constexpr Entry kTitles[] = {
      {"bad-request", "Bad Request"},
      {"unauthorized", "Unauthorized"},
      {"forbidden", "Forbidden"},
      {"not-found", "Not Found"},
      {"method-not-allowed", "Method Not Allowed"},
      {"conflict", "Conflict"},
      {"payload-too-large", "Payload Too Large"},
      {"unsupported-media-type", "Unsupported Media Type"},
      {"validation-error", "Validation Error"},
      {"rate-limited", "Too Many Requests"},
      {"request-header-too-large", "Request Header Fields Too Large"},
      {"internal-error", "Internal Server Error"},
      {"upstream-error", "Bad Gateway"},
      {"service-unavailable", "Service Unavailable"},
      {"upstream-timeout", "Gateway Timeout"},
  };
  for (const auto& e : kTitles) {
    if (e.slug == slug)
      return e.title;
  }
  return "Error";
}

Problem problemFromStatus(const Status& status) {
  Problem p;
  p.detail = status.message();
  p.errors = status.fieldErrors();
  switch (status.code()) {
    case StatusCode::kOk:  // a bug: an OK status is not an error
    case StatusCode::kInternal:
      p.status = 500;
      p.slug = "internal-error";
      p.detail = "internal error";  // never leak internals
      p.errors.clear();
      break;
    case StatusCode::kInvalidArgument:
      p.status = 400;
      p.slug = "bad-request";
      break;
    case StatusCode::kValidation:
      p.status = 422;
      p.slug = "validation-error";
      break;
    case StatusCode::kUnauthenticated:
      p.status = 401;
      p.slug = "unauthorized";
      break;
    case StatusCode::kPermissionDenied:
      p.status = 403;
      p.slug = "forbidden";
      break;
    case StatusCode::kNotFound:
      p.status = 404;
      p.slug = "not-found";
      break;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      p.status = 409;
      p.slug = "conflict";
      break;
    case StatusCode::kResourceExhausted:
      p.status = 429;
      p.slug = "rate-limited";
      break;
    case StatusCode::kPayloadTooLarge:
      p.status = 413;
      p.slug = "payload-too-large";
      break;
    case StatusCode::kUnsupportedMediaType:
      p.status = 415;
      p.slug = "unsupported-media-type";
      break;
    case StatusCode::kUnavailable:
      p.status = 503;
      p.slug = "service-unavailable";
      break;
    case StatusCode::kDeadlineExceeded:
      p.status = 504;
      p.slug = "upstream-timeout";
      break;
  }
  p.title = std::string(problemTitle(p.slug));
  return p;
}

Response problemResponse(const Problem& problem, std::string_view instance,
                         std::string_view request_id) {
  std::string body;
  body.reserve(192 + problem.detail.size() + instance.size());
  body += "{\"type\":";
  json::appendQuoted(body, "urn:tars:problem:" + problem.slug);
  body += ",\"title\":";
  json::appendQuoted(body, problem.title.empty() ? problemTitle(problem.slug) : problem.title);
  body += ",\"status\":";
  body += std::to_string(problem.status);
  body += ",\"detail\":";
  json::appendQuoted(body, problem.detail);
  body += ",\"instance\":";
  json::appendQuoted(body, instance);
  body += ",\"request_id\":";
  json::appendQuoted(body, request_id);
  for (const auto& [name, value] : problem.extensions) {
    body += ',';
    json::appendQuoted(body, name);
    body += ':';
    json::appendQuoted(body, value);
  }
  for (const auto& [name, value] : problem.integer_extensions) {
    body += ',';
    json::appendQuoted(body, name);
    body += ':';
    body += std::to_string(value);
  }
  if (!problem.errors.empty()) {
    body += ",\"errors\":[";
    for (std::size_t i = 0; i < problem.errors.size(); ++i) {
      if (i > 0)
        body += ',';
      body += "{\"field\":";
      json::appendQuoted(body, problem.errors[i].field);
      body += ",\"message\":";
      json::appendQuoted(body, problem.errors[i].message);
      body += '}';
    }
    body += ']';
  }
  body += '}';
  Response r;
  r.status = problem.status;
  r.content_type = std::string(kContentTypeProblem);
  r.body = std::move(body);
  return r;
}

Response problemResponse(int status, std::string_view slug, std::string detail,
                         std::string_view instance, std::string_view request_id) {
  Problem p;
  p.status = status;
  p.slug = std::string(slug);
  p.title = std::string(problemTitle(slug));
  p.detail = std::move(detail);
  return problemResponse(p, instance, request_id);
}

}  // namespace tars::http
