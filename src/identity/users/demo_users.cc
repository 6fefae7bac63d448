#include "identity/users/demo_users.h"

namespace tars::identity {

const std::vector<DemoUser>& demoUsers() {
  static const std::vector<DemoUser> kUsers{
      {"admin", "admin123", "admin-001", "admin", "admin@tars.ai"},
      {"developer", "dev123", "dev-001", "developer", "dev@tars.ai"},
      {"viewer", "view123", "view-001", "viewer", "viewer@tars.ai"},
  };
  return kUsers;
}

}  // namespace tars::identity
