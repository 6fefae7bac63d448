#pragma once
// Name tables of the config enums: one source for parsing (decode.h) and for toString().

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/config/config.h"

namespace tars::config {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, std::string_view>, N>;

inline constexpr EnumNames<Environment, 2> kEnvironmentNames{{
    {Environment::kDevelopment, "development"},
    {Environment::kProduction, "production"},
}};

inline constexpr EnumNames<Service, 6> kServiceNames{{
    {Service::kAuth, "auth"},
    {Service::kOrchestration, "orchestration"},
    {Service::kAutoml, "automl"},
    {Service::kHypersync, "hypersync"},
    {Service::kDashboard, "dashboard"},
    {Service::kVerifier, "verifier"},
}};

inline constexpr EnumNames<LogLevel, 5> kLogLevelNames{{
    {LogLevel::kTrace, "trace"},
    {LogLevel::kDebug, "debug"},
    {LogLevel::kInfo, "info"},
    {LogLevel::kWarn, "warn"},
    {LogLevel::kError, "error"},
}};

inline constexpr EnumNames<LogFormat, 2> kLogFormatNames{{
    {LogFormat::kJson, "json"},
    {LogFormat::kText, "text"},
}};

inline constexpr EnumNames<StoreBackend, 2> kStoreBackendNames{{
    {StoreBackend::kSqlite, "sqlite"},
    {StoreBackend::kPostgres, "postgresql"},
}};

inline constexpr EnumNames<RateLimitBackend, 2> kRateLimitBackendNames{{
    {RateLimitBackend::kMemory, "memory"},
    {RateLimitBackend::kRedis, "redis"},
}};

inline constexpr EnumNames<RateLimitAlgorithm, 2> kRateLimitAlgorithmNames{{
    {RateLimitAlgorithm::kSlidingWindow, "sliding_window"},
    {RateLimitAlgorithm::kGcra, "gcra"},
}};

inline constexpr EnumNames<RateLimitFailureMode, 2> kRateLimitFailureModeNames{{
    {RateLimitFailureMode::kLocal, "local"},
    {RateLimitFailureMode::kClosed, "closed"},
}};

inline constexpr EnumNames<JwtAlgorithm, 3> kJwtAlgorithmNames{{
    {JwtAlgorithm::kHs256, "HS256"},
    {JwtAlgorithm::kEs256, "ES256"},
    {JwtAlgorithm::kRs256, "RS256"},
}};

inline constexpr EnumNames<MetricsAuth, 3> kMetricsAuthNames{{
    {MetricsAuth::kAuto, "auto"},
    {MetricsAuth::kOpen, "open"},
    {MetricsAuth::kRequired, "required"},
}};

inline constexpr EnumNames<TlsVersion, 4> kTlsVersionNames{{
    {TlsVersion::kTls10, "1.0"},
    {TlsVersion::kTls11, "1.1"},
    {TlsVersion::kTls12, "1.2"},
    {TlsVersion::kTls13, "1.3"},
}};

inline constexpr EnumNames<CipherProfile, 3> kCipherProfileNames{{
    {CipherProfile::kModern, "modern"},
    {CipherProfile::kIntermediate, "intermediate"},
    {CipherProfile::kLegacy, "legacy"},
}};

inline constexpr EnumNames<ClientCertValidation, 3> kClientCertValidationNames{{
    {ClientCertValidation::kNone, "none"},
    {ClientCertValidation::kOptional, "optional"},
    {ClientCertValidation::kRequired, "required"},
}};

// The name of `value`; "" cannot happen for a table that lists every enumerator.
template <typename E, std::size_t N>
constexpr std::string_view nameOf(const EnumNames<E, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value)
      return name;
  }
  return "";
}

// The enumerator named exactly `name` (names are case-sensitive, as written in the docs).
template <typename E, std::size_t N>
constexpr std::optional<E> valueOf(const EnumNames<E, N>& names, std::string_view name) {
  for (const auto& [v, n] : names) {
    if (n == name)
      return v;
  }
  return std::nullopt;
}

// "a, b, c": the accepted names, for error messages.
template <typename E, std::size_t N>
std::string joinNames(const EnumNames<E, N>& names) {
  std::string out;
  for (const auto& [v, n] : names) {
    if (!out.empty())
      out += ", ";
    out += n;
  }
  return out;
}

}  // namespace tars::config
