#include "services/verifier/verify_engine.h"

#include "services/verifier/evaluation.h"

namespace tars::verifier {

CapOr<VerifyAnswer> VerifyEngine::verify(const boost::json::object& body) const {
  CapOr<VerifyRequest> request = readVerifyRequest(body, options_.limits);
  if (!request.isOk())
    return request.error();
  CapOr<ResolvedIr> resolved =
      resolveIr(*request, policies_, options_.allow_embedded_ir, options_.limits.max_rules);
  if (!resolved.isOk())
    return resolved.error();

  const bool caching = cache_ != nullptr && cache_->enabled();
  std::string key;
  if (caching) {
    StatusOr<std::string> k = verifyCacheKey(*request, resolved->ir.ir_hash);
    if (!k.isOk())
      return CapError{CapProblem::kGeneric, k.status()};
    key = std::move(k).value();
    if (std::optional<VerifyResponse> hit = cache_->lookup(key))
      return VerifyAnswer{responseBody(*hit, CacheState::kHit), hit->verdict, CacheState::kHit};
  }

  CapOr<Evaluation> evaluation =
      evaluateIr(resolved->ir, request->context, request->options.adaptive, lists_);
  if (!evaluation.isOk())
    return evaluation.error();
  RegistryMatch registry;
  if (request->options.check_registry) {
    if (request->mode == VerifyMode::kPolicyId) {
      registry = true;
    } else {
      StatusOr<bool> stored = policies_.hasIrHash(resolved->ir.ir_hash);
      if (!stored.isOk())
        return CapError{CapProblem::kGeneric, stored.status()};
      registry = *stored;
    }
  }
  CapOr<VerifyResponse> response =
      buildVerifyResponse(*request, *resolved, *evaluation, registry, clock_.now(), signer_);
  if (!response.isOk())
    return response.error();
  const CacheState state = caching ? CacheState::kMiss : CacheState::kOff;
  VerifyAnswer answer{responseBody(*response, state), response->verdict, state};
  if (caching)
    cache_->insert(key, std::move(response).value());
  return answer;
}

}  // namespace tars::verifier
