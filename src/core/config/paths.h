#pragma once
// Path helpers for the derived defaults that live under data_dir.

#include <string>
#include <string_view>

namespace tars::config {

// `dir` + "/" + `name`, without doubling a trailing slash of `dir` ("/" stays "/").
std::string joinPath(std::string_view dir, std::string_view name);

}  // namespace tars::config
