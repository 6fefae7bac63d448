#pragma once
// The rate-limit classes of spec/tars.md §4.1: a fixed set, so that every metric series labelled
// by class exists from start (§10.1) and a misspelt class name is an error, never a new class.
//
// Thread safety: values and constexpr tables; share freely.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tars::ratelimit {

// In the order of kClassNames; the value indexes per-class state (metrics, bucket keys).
enum class ClassId : uint8_t {
  kAuth,
  kLoginUser,
  kPublic,
  kDefault,
  kInternal,
  kSensitive,
  kStatic
};

inline constexpr std::array<std::string_view, 7> kClassNames = {
    "auth", "login_user", "public", "default", "internal", "sensitive", "static"};
inline constexpr std::size_t kClassCount = kClassNames.size();

// The class's name as used in config keys, Redis keys and metric labels.
constexpr std::string_view className(ClassId id) {
  return kClassNames[static_cast<std::size_t>(id)];
}

// The class named `name` (exact, lowercase); nullopt for any other string, including the route
// pseudo-classes "auto" and "exempt".
std::optional<ClassId> classIdFromName(std::string_view name);

// Redis algorithm of a class (§4.4); the memory backend always uses the token bucket.
enum class Algorithm : uint8_t { kSlidingWindow, kGcra };

// One class's limit: `limit` requests per `window_seconds`.
struct RateClass {
  ClassId id = ClassId::kPublic;                    // which class (names keys and metrics)
  int limit = 1;                                    // requests per window, ≥ 1
  int window_seconds = 60;                          // window length, ≥ 1
  Algorithm algorithm = Algorithm::kSlidingWindow;  // Redis backend only

  std::string_view name() const { return className(id); }
  bool operator==(const RateClass&) const = default;
};

}  // namespace tars::ratelimit
