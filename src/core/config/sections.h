#pragma once
// The config sections. Each section_<name>.cc registers its keys, resolves its derived defaults
// and validates itself; adding a section means one struct in config.h, one section file and
// one line in allSections() (sections.cc).

#include <span>
#include <string_view>

#include "core/config/config.h"
#include "core/config/provenance.h"
#include "core/status.h"

namespace tars::config {

class Schema;

struct Section {
  std::string_view name;  // for diagnostics only
  // Registers the section's keys.
  void (*add_keys)(Schema& schema);
  // Fills defaults that depend on other keys (after every source was applied). May be null.
  void (*resolve)(Config& config, const Provenance& provenance);
  // Rules that hold in every mode; the first violation as kInvalidArgument. May be null.
  Status (*validate)(const Config& config, const Provenance& provenance);
};

std::span<const Section> allSections();

// One declaration per section file.
extern const Section kCoreSection;
extern const Section kServerSection;
extern const Section kStoreSection;
extern const Section kRateLimitSection;
extern const Section kAuthSection;
extern const Section kOutboundSection;
extern const Section kTlsSection;
extern const Section kVerifierSection;

}  // namespace tars::config
