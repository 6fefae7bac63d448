// Section "verifier": the CAP verifier (spec/cap.md §9, §13).

#include "core/config/paths.h"
#include "core/config/schema.h"
#include "core/config/sections.h"

namespace tars::config {
namespace {

void addVerifierKeys(Schema& schema) {
  schema.add(boolKey("verifier.allow_embedded_ir",
                     [](Config& c) -> bool& { return c.verifier.allow_embedded_ir; }));
  schema.add(intKey(
      "verifier.cache.size", [](Config& c) -> int& { return c.verifier.cache.size; }, 0, 10000000));
  schema.add(intKey(
      "verifier.cache.ttl_seconds", [](Config& c) -> int& { return c.verifier.cache.ttl_seconds; },
      1, 2592000));
  schema.add(stringKey("verifier.signing_key_file",
                       [](Config& c) -> std::string& { return c.verifier.signing_key_file; }));
  schema.add(intKey(
      "verifier.limits.max_rules", [](Config& c) -> int& { return c.verifier.limits.max_rules; }, 1,
      100000));
  schema.add(intKey(
      "verifier.limits.max_array_elements",
      [](Config& c) -> int& { return c.verifier.limits.max_array_elements; }, 1, 10000000));
  schema.add(intKey(
      "verifier.lists.max_rows", [](Config& c) -> int& { return c.verifier.lists.max_rows; }, 1,
      10000000));
  schema.add(intKey(
      "verifier.lists.max_bytes", [](Config& c) -> int& { return c.verifier.lists.max_bytes; }, 1,
      1073741824));
}

void resolveVerifier(Config& config, const Provenance& provenance) {
  if (!provenance.isSet("verifier.signing_key_file"))
    config.verifier.signing_key_file = joinPath(config.data_dir, "cap/signing_key.pem");
}

}  // namespace

const Section kVerifierSection{"verifier", addVerifierKeys, resolveVerifier, nullptr};

}  // namespace tars::config
