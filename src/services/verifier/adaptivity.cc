#include "services/verifier/adaptivity.h"

namespace tars::verifier {
namespace {

std::optional<Predicate> readPredicate(const boost::json::value& v, const std::string& path,
                                       JsonFieldReader& reader) {
  const boost::json::object* o = reader.asObject(v, path);
  if (o == nullptr)
    return std::nullopt;
  const std::size_t before = reader.errorCount();
  Predicate p;
  p.id = reader.string(*o, "id", memberPath(path, "id"), Presence::kRequired).value_or("");
  // `expr: any`, null included: §8.1 refuses a null expression when it is evaluated.
  const boost::json::value* expr = o->if_contains("expr");
  if (expr == nullptr)
    reader.fail(memberPath(path, "expr"), "is required");
  else
    p.expr = *expr;
  if (reader.errorCount() != before)
    return std::nullopt;
  return p;
}

std::optional<Activation> readActivation(const boost::json::value& v, const std::string& path,
                                         JsonFieldReader& reader) {
  const boost::json::object* o = reader.asObject(v, path);
  if (o == nullptr)
    return std::nullopt;
  const std::size_t before = reader.errorCount();
  Activation a;
  a.when = reader.string(*o, "when", memberPath(path, "when"), Presence::kRequired).value_or("");
  const std::string rules_path = memberPath(path, "rules");
  if (const boost::json::array* rules =
          reader.array(*o, "rules", rules_path, Presence::kRequired)) {
    for (std::size_t i = 0; i < rules->size(); ++i) {
      if (auto id = reader.asString((*rules)[i], indexPath(rules_path, i)))
        a.rules.push_back(std::move(*id));
    }
  }
  if (reader.errorCount() != before)
    return std::nullopt;
  return a;
}

}  // namespace

std::optional<Adaptivity> readAdaptivity(const boost::json::value& v, const std::string& path,
                                         JsonFieldReader& reader) {
  const boost::json::object* o = reader.asObject(v, path);
  if (o == nullptr)
    return std::nullopt;
  const std::size_t before = reader.errorCount();
  Adaptivity adaptivity;
  const std::string predicates_path = memberPath(path, "predicates");
  if (const auto* list = reader.array(*o, "predicates", predicates_path, Presence::kOptional)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (auto p = readPredicate((*list)[i], indexPath(predicates_path, i), reader))
        adaptivity.predicates.push_back(std::move(*p));
    }
  }
  const std::string activations_path = memberPath(path, "activations");
  if (const auto* list = reader.array(*o, "activations", activations_path, Presence::kOptional)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (auto a = readActivation((*list)[i], indexPath(activations_path, i), reader))
        adaptivity.activations.push_back(std::move(*a));
    }
  }
  if (reader.errorCount() != before)
    return std::nullopt;
  return adaptivity;
}

void writeAdaptivity(json::CanonicalWriter& writer, const Adaptivity& adaptivity) {
  writer.beginObject();
  writer.key("predicates").beginArray();
  for (const Predicate& p : adaptivity.predicates) {
    writer.beginObject();
    writer.key("id").string(p.id);
    writer.key("expr").value(p.expr);
    writer.endObject();
  }
  writer.endArray();
  writer.key("activations").beginArray();
  for (const Activation& a : adaptivity.activations) {
    writer.beginObject();
    writer.key("when").string(a.when);
    writer.key("rules").beginArray();
    for (const std::string& id : a.rules)
      writer.string(id);
    writer.endArray();
    writer.endObject();
  }
  writer.endArray();
  writer.endObject();
}

}  // namespace tars::verifier
