// Section "outbound": the client side of calls to peer groups (spec/tars.md §8.6).

#include "core/config/schema.h"
#include "core/config/sections.h"

namespace tars::config {
namespace {

bool isBase32Lower(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
}
bool isBase64Url(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// tars_<key_id>_<secret>: key_id [a-z2-7]{12}, secret base64url of 43 chars (spec/tars.md §1.5).
// The value is a credential, so the message describes the format and never the value.
StatusOr<std::optional<std::string>> decodeApiKey(std::string_view text) {
  if (text.empty())
    return std::optional<std::string>();
  constexpr std::size_t kLength = 61;
  bool ok = text.size() == kLength && text.substr(0, 5) == "tars_" && text[17] == '_';
  for (std::size_t i = 5; ok && i < 17; ++i)
    ok = isBase32Lower(text[i]);
  for (std::size_t i = 18; ok && i < kLength; ++i)
    ok = isBase64Url(text[i]);
  if (!ok) {
    return invalidArgument(
        "is not a tars API key (tars_<key_id>_<secret>, 61 characters; create one with "
        "`tars keys create`)");
  }
  return std::optional<std::string>(text);
}

void addOutboundKeys(Schema& schema) {
  schema.add(optionalStringKey("outbound.ca_bundle", [](Config& c) -> std::optional<std::string>& {
    return c.outbound.ca_bundle;
  }));
  schema.add(optionalStringKey(
      "outbound.client_cert",
      [](Config& c) -> std::optional<std::string>& { return c.outbound.client_cert; }));
  schema.add(optionalStringKey("outbound.client_key", [](Config& c) -> std::optional<std::string>& {
    return c.outbound.client_key;
  }));
  schema.add(scalarKey<std::optional<std::string>>(
      "outbound.api_key",
      [](Config& c) -> std::optional<std::string>& { return c.outbound.api_key; }, decodeApiKey,
      /*secret=*/true));
  schema.add(intKey(
      "outbound.timeout_ms", [](Config& c) -> int& { return c.outbound.timeout_ms; }, 1, 600000));
}

Status validateOutbound(const Config& config, const Provenance& provenance) {
  const OutboundConfig& out = config.outbound;
  if (out.client_cert.has_value() != out.client_key.has_value()) {
    const char* missing = out.client_cert ? "outbound.client_key" : "outbound.client_cert";
    const char* given = out.client_cert ? "outbound.client_cert" : "outbound.client_key";
    return invalidArgument(std::string("config: ") + missing + ": is required when " + given +
                           " is set" + provenance.suffix(given));
  }
  return Status::ok();
}

}  // namespace

const Section kOutboundSection{"outbound", addOutboundKeys, nullptr, validateOutbound};

}  // namespace tars::config
