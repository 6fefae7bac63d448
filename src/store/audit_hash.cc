#include "store/audit_hash.h"

#include <boost/json.hpp>

#include <algorithm>
#include <vector>

#include "core/canonical_json.h"
#include "core/time_format.h"
#include "store/sha256.h"
#include "store/utf8.h"

namespace tars::store {
namespace {

void appendOptString(std::string& out, const std::optional<std::string>& s) {
  if (s)
    json::appendCanonicalString(out, *s);
  else
    out.append("null");
}

void appendCanonical(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      out.append("null");
      break;
    case boost::json::kind::bool_:
      out.append(v.get_bool() ? "true" : "false");
      break;
    case boost::json::kind::int64:
      out.append(std::to_string(v.get_int64()));
      break;
    case boost::json::kind::uint64:
      out.append(std::to_string(v.get_uint64()));
      break;
    case boost::json::kind::double_:
      out.append(boost::json::serialize(v));
      break;
    case boost::json::kind::string:
      json::appendCanonicalString(out, v.get_string());
      break;
    case boost::json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const boost::json::value& item : v.get_array()) {
        if (!first)
          out.push_back(',');
        first = false;
        appendCanonical(out, item);
      }
      out.push_back(']');
      break;
    }
    case boost::json::kind::object: {
      // Byte-order sort; for a repeated key the last occurrence wins.
      std::vector<std::pair<std::string_view, const boost::json::value*>> members;
      for (const auto& kv : v.get_object())
        members.emplace_back(kv.key(), &kv.value());
      std::stable_sort(members.begin(), members.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      out.push_back('{');
      bool first = true;
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i + 1 < members.size() && members[i + 1].first == members[i].first)
          continue;
        if (!first)
          out.push_back(',');
        first = false;
        json::appendCanonicalString(out, members[i].first);
        out.push_back(':');
        appendCanonical(out, *members[i].second);
      }
      out.push_back('}');
      break;
    }
  }
}

}  // namespace

StatusOr<std::string> canonicalAuditDetails(std::string_view details_json) {
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(details_json, ec);
  if (ec || !value.is_object())
    return invalidArgument("audit details must be a JSON object");
  std::string out;
  appendCanonical(out, value);
  return out;
}

Status validateAuditEvent(const AuditEvent& e) {
  const std::optional<std::string>* optionals[] = {&e.actor_id, &e.source_ip, &e.request_id,
                                                   &e.target_type, &e.target_id};
  bool ok = isValidUtf8(e.event_id) && isValidUtf8(e.type) && isValidUtf8(e.outcome) &&
            isValidUtf8(e.actor_type);
  for (const auto* opt : optionals)
    ok = ok && (!opt->has_value() || isValidUtf8(**opt));
  if (!ok)
    return invalidArgument("audit event fields must be valid UTF-8");
  if (e.event_id.empty() || e.type.empty())
    return invalidArgument("audit event needs an event_id and a type");
  if (e.target_type.has_value() != e.target_id.has_value())
    return invalidArgument("audit event target needs both a type and an id");
  return Status::ok();
}

std::string canonicalAuditRecord(const AuditRecord& r) {
  const AuditEvent& e = r.event;
  std::string out;
  out.reserve(512 + e.details_json.size());
  out.append("{\"actor\":{\"id\":");
  appendOptString(out, e.actor_id);
  out.append(",\"type\":");
  json::appendCanonicalString(out, e.actor_type);
  out.append("},\"details\":");
  out.append(e.details_json);
  out.append(",\"event_id\":");
  json::appendCanonicalString(out, e.event_id);
  out.append(",\"outcome\":");
  json::appendCanonicalString(out, e.outcome);
  out.append(",\"prev_hash\":");
  json::appendCanonicalString(out, r.prev_hash);
  out.append(",\"request_id\":");
  appendOptString(out, e.request_id);
  out.append(",\"seq\":");
  out.append(std::to_string(r.seq));
  out.append(",\"source_ip\":");
  appendOptString(out, e.source_ip);
  if (e.target_type && e.target_id) {
    out.append(",\"target\":{\"id\":");
    json::appendCanonicalString(out, *e.target_id);
    out.append(",\"type\":");
    json::appendCanonicalString(out, *e.target_type);
    out.push_back('}');
  }
  out.append(",\"timestamp\":");
  json::appendCanonicalString(out, formatRfc3339Millis(e.timestamp));
  out.append(",\"type\":");
  json::appendCanonicalString(out, e.type);
  out.push_back('}');
  return out;
}

std::string computeAuditHash(const AuditRecord& record) {
  return sha256Hex(canonicalAuditRecord(record));
}

}  // namespace tars::store
