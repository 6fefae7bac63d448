#include "http/filter/chain.h"

namespace tars::http {

FilterResult FilterChain::onRequestHeaders(const Request& request, RequestContext& ctx,
                                           std::size_t* ran) const {
  for (std::size_t i = 0; i < filters_.size(); ++i) {
    *ran = i + 1;
    if (auto r = filters_[i]->onRequestHeaders(request, ctx))
      return r;
  }
  return std::nullopt;
}

void FilterChain::onResponse(const Request& request, RequestContext& ctx, Response& response,
                             std::size_t ran) const {
  for (std::size_t i = ran; i > 0; --i)
    filters_[i - 1]->onResponse(request, ctx, response);
}

}  // namespace tars::http
