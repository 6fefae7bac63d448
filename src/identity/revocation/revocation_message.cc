#include "identity/revocation/revocation_message.h"

#include <boost/json.hpp>

#include "core/time_format.h"

namespace tars::identity {
namespace {

bool kindNeedsExpiry(store::RevocationKind kind) {
  return kind == store::RevocationKind::kJti || kind == store::RevocationKind::kFamily;
}

}  // namespace

std::string encodeRevocationMessage(const store::RevocationChange& change) {
  boost::json::object o;
  o["kind"] = store::revocationKindName(change.kind);
  o["id"] = change.id;
  if (change.expires_at)
    o["expires_at"] = formatRfc3339Millis(*change.expires_at);
  else
    o["expires_at"] = nullptr;
  return boost::json::serialize(o);
}

StatusOr<store::RevocationChange> decodeRevocationMessage(std::string_view message) {
  if (message.size() > kMaxRevocationMessageBytes)
    return invalidArgument("revocation message too long");
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(message, ec);
  if (ec || !v.is_object())
    return invalidArgument("revocation message is not a JSON object");
  const boost::json::object& o = v.get_object();

  const boost::json::value* kind = o.if_contains("kind");
  if (kind == nullptr || !kind->is_string())
    return invalidArgument("revocation message has no kind");
  std::optional<store::RevocationKind> parsed_kind =
      store::parseRevocationKind(std::string_view(kind->get_string()));
  if (!parsed_kind)
    return invalidArgument("revocation message has an unknown kind");

  const boost::json::value* id = o.if_contains("id");
  if (id == nullptr || !id->is_string() || id->get_string().empty() ||
      id->get_string().size() > kMaxRevocationIdBytes)
    return invalidArgument("revocation message id missing, empty or longer than 256 bytes");

  store::RevocationChange change;
  change.kind = *parsed_kind;
  change.id = std::string(id->get_string());
  const boost::json::value* expires = o.if_contains("expires_at");
  if (expires != nullptr && !expires->is_null()) {
    if (!expires->is_string())
      return invalidArgument("revocation message expires_at is not a string");
    change.expires_at = parseRfc3339(std::string_view(expires->get_string()));
    if (!change.expires_at)
      return invalidArgument("revocation message expires_at is not an RFC 3339 timestamp");
  }
  if (kindNeedsExpiry(change.kind) && !change.expires_at)
    return invalidArgument("revocation message needs expires_at for this kind");
  return change;
}

}  // namespace tars::identity
