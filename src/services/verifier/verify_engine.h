#pragma once
// POST /verify as a library call (spec/cap.md §7, §8.5, §9): request → IR resolution → cache
// lookup → evaluation → signed answer → cache store. The HTTP handler parses the body (strict JSON,
// §3.5), calls verify(), and maps a CapError to problem+json; policies, lists, the signing key, the
// clock and the cache are the caller's (STYLE rule 7).
//
// Thread safety: verify() may run concurrently when every injected object allows it (the
// VerifyCache does; PolicySource and ListSource implementations must).

#include <boost/json/object.hpp>

#include <string>

#include "core/clock.h"
#include "services/verifier/cap_error.h"
#include "services/verifier/list_source.h"
#include "services/verifier/manifest_signer.h"
#include "services/verifier/verify_cache.h"
#include "services/verifier/verify_request.h"
#include "services/verifier/verify_response.h"

namespace tars::verifier {

struct VerifyEngineOptions {
  bool allow_embedded_ir = true;  // verifier.allow_embedded_ir
  VerifyLimits limits;            // verifier.limits.*
};

struct VerifyAnswer {
  std::string body;  // the complete 200 body (§7.10)
  Verdict verdict = Verdict::kWarn;
  CacheState cache = CacheState::kOff;
};

class VerifyEngine {
 public:
  // Every reference must outlive the engine; `cache` may be null (then answers say "off").
  VerifyEngine(VerifyEngineOptions options, const PolicySource& policies, const ListSource& lists,
               const ManifestSigner& signer, const Clock& clock, VerifyCache* cache)
      : options_(std::move(options)),
        policies_(policies),
        lists_(lists),
        signer_(signer),
        clock_(clock),
        cache_(cache) {}

  // The 200 answer, or the CapError of §7.13 (422/403/404, or a backend or signing failure).
  CapOr<VerifyAnswer> verify(const boost::json::object& body) const;

 private:
  const VerifyEngineOptions options_;
  const PolicySource& policies_;
  const ListSource& lists_;
  const ManifestSigner& signer_;
  const Clock& clock_;
  VerifyCache* cache_;
};

}  // namespace tars::verifier
