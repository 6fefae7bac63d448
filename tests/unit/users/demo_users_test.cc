// The demo users are exactly the table of tars.md §3.1.

#include "identity/users/demo_users.h"

#include <gtest/gtest.h>

namespace tars::identity {
namespace {

TEST(DemoUsersTest, AreTheSpecTable) {
  const auto& users = demoUsers();
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0].username, "admin");
  EXPECT_EQ(users[0].password, "admin123");
  EXPECT_EQ(users[0].user_id, "admin-001");
  EXPECT_EQ(users[0].role, "admin");
  EXPECT_EQ(users[0].email, "admin@tars.ai");
  EXPECT_EQ(users[1].username, "developer");
  EXPECT_EQ(users[1].password, "dev123");
  EXPECT_EQ(users[1].user_id, "dev-001");
  EXPECT_EQ(users[1].role, "developer");
  EXPECT_EQ(users[1].email, "dev@tars.ai");
  EXPECT_EQ(users[2].username, "viewer");
  EXPECT_EQ(users[2].password, "view123");
  EXPECT_EQ(users[2].user_id, "view-001");
  EXPECT_EQ(users[2].role, "viewer");
  EXPECT_EQ(users[2].email, "viewer@tars.ai");
}

}  // namespace
}  // namespace tars::identity
