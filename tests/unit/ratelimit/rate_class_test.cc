#include "ratelimit/rate_class.h"

#include <gtest/gtest.h>

namespace tars::ratelimit {
namespace {

TEST(RateClassTest, NamesRoundTrip) {
  for (std::size_t i = 0; i < kClassCount; ++i) {
    const auto id = static_cast<ClassId>(i);
    EXPECT_EQ(classIdFromName(className(id)), id);
  }
  EXPECT_EQ(className(ClassId::kLoginUser), "login_user");
  EXPECT_EQ(RateClass{}.name(), "public");
}

TEST(RateClassTest, PseudoClassesAndOtherStringsAreNotClasses) {
  const std::string_view names[] = {"auto", "exempt", "",
                                    "AUTH", "auth ",  std::string_view("auth\0", 5)};
  for (std::string_view name : names) {
    EXPECT_EQ(classIdFromName(name), std::nullopt) << name;
  }
}

}  // namespace
}  // namespace tars::ratelimit
