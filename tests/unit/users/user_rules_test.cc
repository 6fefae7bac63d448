// Input rules for user accounts (tars.md §3.1).

#include "identity/users/user_rules.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tars::identity {
namespace {

void expectField(const Status& status, const std::string& field) {
  EXPECT_EQ(status.code(), StatusCode::kValidation) << status.toString();
  ASSERT_EQ(status.fieldErrors().size(), 1u) << status.toString();
  EXPECT_EQ(status.fieldErrors()[0].field, field);
  EXPECT_NE(status.message().find(field), std::string::npos) << status.message();
}

TEST(UserRulesTest, UsernameIsLowercasedAndChecked) {
  EXPECT_EQ(*normalizeUsername("Alice.Smith-2_x"), "alice.smith-2_x");
  EXPECT_EQ(*normalizeUsername("abc"), "abc");
  EXPECT_EQ(*normalizeUsername(std::string(64, 'a')), std::string(64, 'a'));
  expectField(normalizeUsername("ab").status(), "username");
  expectField(normalizeUsername(std::string(65, 'a')).status(), "username");
  for (const char* bad : {"", "al ice", "al@ice", "al/ice", "caf\xc3\xa9", "tab\tx", "a+b"})
    expectField(normalizeUsername(bad).status(), "username");
}

TEST(UserRulesTest, NewPasswordLengthInCharacters) {
  EXPECT_TRUE(validateNewPassword("twelve chars").isOk());
  EXPECT_TRUE(validateNewPassword(std::string(1024, 'p')).isOk());
  expectField(validateNewPassword("eleven char"), "password");
  expectField(validateNewPassword(""), "password");
  expectField(validateNewPassword(std::string(1025, 'p')), "password");
  // Counted in code points: 12 two-byte characters pass, 11 do not (22 bytes).
  std::string twelve;
  for (int i = 0; i < 12; ++i)
    twelve += "\xc3\xa9";
  EXPECT_TRUE(validateNewPassword(twelve).isOk());
  expectField(validateNewPassword(twelve.substr(2)), "password");
  // 1024 four-byte characters pass although they are 4096 bytes.
  std::string emoji;
  for (int i = 0; i < 1024; ++i)
    emoji += "\xf0\x9f\x94\x91";
  EXPECT_TRUE(validateNewPassword(emoji).isOk());
}

TEST(UserRulesTest, NewPasswordMustBeUtf8WithoutNul) {
  expectField(validateNewPassword("password1234\xff"), "password");
  expectField(validateNewPassword("password1234\xc0\xaf"), "password");      // overlong '/'
  expectField(validateNewPassword("password1234\xed\xa0\x80"), "password");  // surrogate
  expectField(validateNewPassword(std::string("password\0"
                                              "1234",
                                              13)),
              "password");
}

TEST(UserRulesTest, PasswordMessagesNeverContainThePassword) {
  Status s = validateNewPassword("hunter2-short");
  EXPECT_TRUE(s.isOk());
  s = validateNewPassword("hunter2");
  EXPECT_EQ(s.message().find("hunter2"), std::string::npos);
}

TEST(UserRulesTest, RolesNonEmptySubsetOfTheThree) {
  EXPECT_EQ(*normalizeRoles({"admin"}), std::vector<std::string>{"admin"});
  EXPECT_EQ(*normalizeRoles({"viewer", "developer", "viewer"}),
            (std::vector<std::string>{"viewer", "developer"}));
  expectField(normalizeRoles({}).status(), "roles");
  expectField(normalizeRoles({"root"}).status(), "roles");
  expectField(normalizeRoles({"Admin"}).status(), "roles");
  expectField(normalizeRoles({"viewer", ""}).status(), "roles");
}

TEST(UserRulesTest, EmailSanity) {
  EXPECT_TRUE(validateEmail("admin@tars.ai").isOk());
  EXPECT_TRUE(validateEmail("first.last+tag@sub.example.org").isOk());
  std::string longest = std::string(64, 'a') + "@" + std::string(185, 'b') + ".com";
  ASSERT_EQ(longest.size(), 254u);
  EXPECT_TRUE(validateEmail(longest).isOk());
  expectField(validateEmail("x" + longest), "email");
  for (const char* bad : {"", "plain", "@tars.ai", "a@", "a@b", "a@@b.c", "a@b@c.d", "a b@c.d",
                          "a@.c", "a@c.", "a@b.c\n", "a@b.\xff"})
    expectField(validateEmail(bad), "email");
}

}  // namespace
}  // namespace tars::identity
