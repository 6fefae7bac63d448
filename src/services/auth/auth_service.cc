#include "services/auth/auth_service.h"

namespace tars::auth {

std::vector<http::RouteSpec> authRoutes(const AuthServiceSlot& slot) {
  std::vector<http::RouteSpec> all;
  for (auto part : {sessionRoutes(slot), serviceTokenRoutes(slot), oauthRoutes(slot),
                    keyRingRoutes(slot), auditRoutes(slot)}) {
    for (auto& r : part)
      all.push_back(std::move(r));
  }
  return all;
}

}  // namespace tars::auth
