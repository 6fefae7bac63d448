#pragma once
// The IMF-fixdate for the Date header (RFC 9110 §6.6.1), cached per thread for the current second.

#include <string_view>

namespace tars::http {

std::string_view httpDateNow();

}  // namespace tars::http
