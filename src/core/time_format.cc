#include "core/time_format.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace tars {

std::string formatRfc3339Millis(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::time_point_cast<std::chrono::milliseconds>(t);
  auto secs = std::chrono::time_point_cast<std::chrono::seconds>(ms);
  auto frac = (ms - secs).count();
  if (frac < 0)
    frac += 1000;  // before the epoch: keep the fraction positive
  std::time_t tt = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", tm, frac);
}

}  // namespace tars
