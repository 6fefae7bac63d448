#include "core/config/sections.h"

#include <array>

namespace tars::config {

std::span<const Section> allSections() {
  // The order is the order of the keys in the schema and of validation (first error wins).
  // The Section objects are constant-initialised, so copying them here is safe at any time.
  static const std::array<Section, 8> kSections{
      kCoreSection, kServerSection,   kStoreSection, kRateLimitSection,
      kAuthSection, kOutboundSection, kTlsSection,   kVerifierSection,
  };
  return kSections;
}

}  // namespace tars::config
