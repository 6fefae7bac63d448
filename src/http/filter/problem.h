#pragma once
// RFC 9457 problem+json responses (tars.md §1.3). This is the one place that maps a Status to an
// HTTP status and a problem type (STYLE.md rule 2).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "http/filter/request_context.h"
#include "http/response.h"

namespace tars::http {

struct Problem {
  int status = 500;
  std::string slug;    // "not-found" → type "urn:tars:problem:not-found"
  std::string title;   // short, fixed per slug
  std::string detail;  // what went wrong with this request; never secrets
  std::vector<FieldError> errors;
  // Extra string members (RFC 9457 §3.2), e.g. OAuth's `error` and `error_description`.
  std::vector<std::pair<std::string, std::string>> extensions;
  // Extra integer members, e.g. the 429's `"retry_after": 12` (tars.md §4.3).
  std::vector<std::pair<std::string, std::int64_t>> integer_extensions;
};

// The HTTP status and slug of a Status code.
Problem problemFromStatus(const Status& status);

// The standard title of a slug ("Not Found").
std::string_view problemTitle(std::string_view slug);

// A complete problem+json response: `instance` is the request path, `request_id` the context's.
Response problemResponse(const Problem& problem, std::string_view instance,
                         std::string_view request_id);

// Shorthand for the generic slugs: problem(404, "not-found", "no route for /x", ctx, path).
Response problemResponse(int status, std::string_view slug, std::string detail,
                         std::string_view instance, std::string_view request_id);

}  // namespace tars::http
