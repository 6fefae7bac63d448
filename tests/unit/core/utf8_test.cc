#include "core/utf8.h"

#include <gtest/gtest.h>

namespace tars::utf8 {
namespace {

TEST(Utf8Test, Valid) {
  EXPECT_TRUE(isValid(""));
  EXPECT_TRUE(isValid("plain ascii \x7f"));
  EXPECT_TRUE(isValid(std::string_view("nul\0inside", 10)));
  EXPECT_TRUE(isValid("ü€😀"));
  EXPECT_TRUE(isValid("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(isValid("\xEF\xBF\xBD"));      // U+FFFD
}

TEST(Utf8Test, Invalid) {
  EXPECT_FALSE(isValid("\x80"));              // lone continuation
  EXPECT_FALSE(isValid("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(isValid("\xC1\xBF"));          // overlong
  EXPECT_FALSE(isValid("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(isValid("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(isValid("\xF0\x80\x80\xAF"));  // overlong
  EXPECT_FALSE(isValid("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(isValid("\xF5\x80\x80\x80"));
  EXPECT_FALSE(isValid("\xE2\x82"));  // truncated
  EXPECT_FALSE(
      isValid("a\xE2\x82"
              "b"));
  EXPECT_FALSE(isValid("\xFF"));
}

TEST(Utf8Test, LengthAndDecode) {
  EXPECT_EQ(length("aü€😀"), 4u);
  const std::string_view s = "aü€😀";
  std::size_t i = 0;
  EXPECT_EQ(decodeNext(s, i), U'a');
  EXPECT_EQ(decodeNext(s, i), U'ü');
  EXPECT_EQ(decodeNext(s, i), U'€');
  EXPECT_EQ(decodeNext(s, i), U'😀');
  EXPECT_EQ(i, s.size());
}

}  // namespace
}  // namespace tars::utf8
