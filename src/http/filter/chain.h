#pragma once
// FilterChain: the ordered filters of ARCHITECTURE.md "Request flow".
//
// Thread safety: immutable after construction; shared by all sessions.

#include <memory>
#include <vector>

#include "http/filter/filter.h"

namespace tars::http {

class FilterChain {
 public:
  explicit FilterChain(std::vector<std::unique_ptr<Filter>> filters)
      : filters_(std::move(filters)) {}

  // Runs onRequestHeaders in order. Returns the response of the filter that answered, if any.
  // `*ran` is set to how many filters ran (to be passed to onResponse).
  FilterResult onRequestHeaders(const Request& request, RequestContext& ctx,
                                std::size_t* ran) const;
  // Runs onResponse in reverse order on the first `ran` filters.
  void onResponse(const Request& request, RequestContext& ctx, Response& response,
                  std::size_t ran) const;

  std::size_t size() const { return filters_.size(); }

 private:
  std::vector<std::unique_ptr<Filter>> filters_;
};

}  // namespace tars::http
