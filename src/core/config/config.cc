#include "core/config/config.h"

#include "core/config/enum_names.h"
#include "core/config/paths.h"

namespace tars::config {

const std::set<Service>& allServices() {
  static const std::set<Service> kAll = [] {
    std::set<Service> all;
    for (const auto& [service, name] : kServiceNames)
      all.insert(service);
    return all;
  }();
  return kAll;
}

std::map<std::string, RateLimitClass, std::less<>> defaultRateLimitClasses() {
  // spec/tars.md §4.1; the Redis algorithm defaults to the exact sliding window (§4.4).
  return {
      {"auth", {10, 60, RateLimitAlgorithm::kSlidingWindow}},
      {"login_user", {10, 300, RateLimitAlgorithm::kSlidingWindow}},
      {"public", {30, 60, RateLimitAlgorithm::kSlidingWindow}},
      {"default", {300, 60, RateLimitAlgorithm::kSlidingWindow}},
      {"internal", {1000, 60, RateLimitAlgorithm::kSlidingWindow}},
      {"sensitive", {10, 60, RateLimitAlgorithm::kSlidingWindow}},
      {"static", {600, 60, RateLimitAlgorithm::kSlidingWindow}},
  };
}

bool servesAllGroups(const Config& config) {
  return config.services == allServices();
}

std::string developmentSecretPath(const Config& config) {
  return joinPath(config.data_dir, "jwt_secret");
}

std::string_view toString(Environment value) {
  return nameOf(kEnvironmentNames, value);
}
std::string_view toString(Service value) {
  return nameOf(kServiceNames, value);
}
std::string_view toString(LogLevel value) {
  return nameOf(kLogLevelNames, value);
}
std::string_view toString(LogFormat value) {
  return nameOf(kLogFormatNames, value);
}
std::string_view toString(StoreBackend value) {
  return nameOf(kStoreBackendNames, value);
}
std::string_view toString(RateLimitBackend value) {
  return nameOf(kRateLimitBackendNames, value);
}
std::string_view toString(RateLimitAlgorithm value) {
  return nameOf(kRateLimitAlgorithmNames, value);
}
std::string_view toString(RateLimitFailureMode value) {
  return nameOf(kRateLimitFailureModeNames, value);
}
std::string_view toString(JwtAlgorithm value) {
  return nameOf(kJwtAlgorithmNames, value);
}
std::string_view toString(MetricsAuth value) {
  return nameOf(kMetricsAuthNames, value);
}
std::string_view toString(TlsVersion value) {
  return nameOf(kTlsVersionNames, value);
}
std::string_view toString(CipherProfile value) {
  return nameOf(kCipherProfileNames, value);
}
std::string_view toString(ClientCertValidation value) {
  return nameOf(kClientCertValidationNames, value);
}

}  // namespace tars::config
