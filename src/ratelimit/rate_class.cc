#include "ratelimit/rate_class.h"

namespace tars::ratelimit {

std::optional<ClassId> classIdFromName(std::string_view name) {
  for (std::size_t i = 0; i < kClassCount; ++i) {
    if (kClassNames[i] == name) {
      return static_cast<ClassId>(i);
    }
  }
  return std::nullopt;
}

}  // namespace tars::ratelimit
