#pragma once
// The §7.10 example of spec/cap.md, end to end through the library: the §5.9 IR persisted (Mode A,
// version "1.0"), the C3 sanctions list registered, the request read from the spec, signed with
// the RFC 8032 test-1 key at 2025-11-20T10:15:00Z. Shared by the response and offline-check tests.

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "core/time_format.h"
#include "services/verifier/evaluation.h"
#include "services/verifier/verify_response.h"
#include "spec_text.h"
#include "verify_test_util.h"

namespace tars::verifier::test {

inline const std::string kGoldenIrJson =
    R"({"ir_version":"1.0","policy_id":"lksg.v1","policy_hash":"sha3-256:b98c3db55f874476dc749ea32b70bdf5369a0d7bc5364f236e034f1ddcd94638","rules":[{"id":"no_sanctions","op":"non_membership","lhs":{"var":"supplier_hashes"},"rhs":{"var":"sanctions_root"}}],"ir_hash":"sha3-256:df3a3eeb7c72f6204131397e4b0a4b16235f1e20cc66102153ad6d4ee78f892c"})";

// C3 sanctions list (§2.8).
inline void registerC3Sanctions(InMemoryListSource& lists) {
  lists.add("0x7d0ddb7e6af0731dab087c4a71fda24d071ba953998da418a5c911383bb4f38c",
            {"0xebbdf1262b9f653812b29042d0d554a30ed5ca043259287f1b5141c575c2cce9",
             "0x57aceaa0168ef7b30029938c22061b1521abf5627a6e65328d71ac1a614e3ce9",
             "0x7fd5b612f7eb58c371e1969e43146c4c80e273386ba5d178804cc1a5eb59e608"});
}

inline std::string unhexBytes(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

inline ManifestSigner rfc8032Signer() {
  StatusOr<crypto::Key> key = ed25519KeyFromSeed(
      unhexBytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  EXPECT_TRUE(key.isOk());
  return *ManifestSigner::Create(*key);
}

inline std::chrono::system_clock::time_point exampleTime() {
  return *parseRfc3339("2025-11-20T10:15:00Z");
}

// The two fenced blocks of §7.10: the request and the response (pretty-printed as in the spec).
inline std::vector<std::string> exampleBlocks() {
  return fencedBlocks(specSection(readCapSpec(), "### 7.10"));
}

// The response of §7.10 compact, members in the spec's order.
inline std::string exampleResponseCompact() {
  std::vector<std::string> blocks = exampleBlocks();
  if (blocks.size() < 2)
    return "";
  return boost::json::serialize(parseJson(blocks[1]));
}

// Runs the example request (or `request_text` instead) through the library.
inline CapOr<VerifyResponse> runExample(std::string request_text = "") {
  if (request_text.empty()) {
    std::vector<std::string> blocks = exampleBlocks();
    EXPECT_GE(blocks.size(), 2u) << "spec/cap.md §7.10 not found (run through ctest)";
    if (blocks.size() < 2)
      return CapError{CapProblem::kGeneric, internalError("no spec")};
    request_text = blocks[0];
  }
  CapOr<VerifyRequest> request = readVerifyRequest(parseJson(request_text).as_object());
  if (!request.isOk())
    return request.error();
  ResolvedIr resolved{*readEmbeddedIr(parseJson(kGoldenIrJson)), std::string("1.0")};
  InMemoryListSource lists;
  registerC3Sanctions(lists);
  CapOr<Evaluation> evaluation =
      evaluateIr(resolved.ir, request->context, request->options.adaptive, lists);
  if (!evaluation.isOk())
    return evaluation.error();
  return buildVerifyResponse(*request, resolved, *evaluation, true, exampleTime(), rfc8032Signer());
}

}  // namespace tars::verifier::test
