#pragma once
// Helpers for the /verify core tests: a context or an IR from JSON text, through the same readers
// the request path uses (so a helper cannot build something the readers would refuse).

#include <gtest/gtest.h>

#include <string_view>

#include "core/strict_json.h"
#include "services/verifier/verify_context.h"
#include "services/verifier/verify_request.h"

namespace tars::verifier::test {

inline boost::json::value parseJson(std::string_view text) {
  StatusOr<boost::json::value> v = json::parseStrict(text);
  EXPECT_TRUE(v.isOk()) << v.status().toString() << " in " << text;
  return v.isOk() ? std::move(v).value() : boost::json::value();
}

inline VerifyContext contextFrom(std::string_view text) {
  boost::json::value v = parseJson(text);
  CapOr<VerifyContext> context = readVerifyContext(&v);
  EXPECT_TRUE(context.isOk()) << context.status().toString();
  return context.isOk() ? std::move(context).value() : VerifyContext{};
}

// An embedded IR (§7.2 reading: strings are literals, {"var": s} references). `rules` is the JSON
// array of rules; `adaptivity` an optional JSON object.
inline IrV1 irFrom(std::string_view rules, std::string_view adaptivity = "") {
  std::string text = R"({"ir_version":"1.0","policy_id":"test.policy","policy_hash":"sha3-256:)" +
                     std::string(64, 'a') + R"(","rules":)" + std::string(rules);
  if (!adaptivity.empty())
    text += R"(,"adaptivity":)" + std::string(adaptivity);
  text += "}";
  CapOr<IrV1> ir = readEmbeddedIr(parseJson(text));
  EXPECT_TRUE(ir.isOk()) << ir.status().toString();
  return ir.isOk() ? std::move(ir).value() : IrV1{};
}

}  // namespace tars::verifier::test
