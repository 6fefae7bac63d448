#pragma once
// The demo users of tars.md §3.1, seeded only when `auth.demo_users` is true (development).
//
// Thread safety: immutable data.

#include <string_view>
#include <vector>

namespace tars::identity {

struct DemoUser {
  std::string_view username;
  std::string_view password;
  std::string_view user_id;
  std::string_view role;
  std::string_view email;
};

// admin/admin123 (admin-001), developer/dev123 (dev-001), viewer/view123 (view-001).
const std::vector<DemoUser>& demoUsers();

}  // namespace tars::identity
