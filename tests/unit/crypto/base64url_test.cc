// Tests of core/base64url (kept with the crypto tests; core's test list is not ours to edit).
#include "core/base64url.h"

#include <gtest/gtest.h>

#include <string>

namespace tars {
namespace {

TEST(Base64UrlTest, Rfc4648Vectors) {
  // RFC 4648 §10, in the URL alphabet without padding.
  EXPECT_EQ(base64UrlEncode(""), "");
  EXPECT_EQ(base64UrlEncode("f"), "Zg");
  EXPECT_EQ(base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(base64UrlEncode("foob"), "Zm9vYg");
  EXPECT_EQ(base64UrlEncode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(*base64UrlDecode("Zm9vYmFy"), "foobar");
  EXPECT_EQ(*base64UrlDecode("Zm9vYg"), "foob");
  EXPECT_EQ(*base64UrlDecode(""), "");
}

TEST(Base64UrlTest, UsesTheUrlAlphabet) {
  const std::string bytes("\xfb\xff\xfe", 3);
  EXPECT_EQ(base64UrlEncode(bytes), "-__-");
  EXPECT_EQ(*base64UrlDecode("-__-"), bytes);
  EXPECT_FALSE(base64UrlDecode("+//+"));  // standard alphabet refused
}

TEST(Base64UrlTest, RoundTripsEveryLength) {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    const std::string text = base64UrlEncode(bytes);
    EXPECT_EQ(text.size(), base64UrlEncodedSize(bytes.size()));
    auto back = base64UrlDecode(text);
    ASSERT_TRUE(back) << i;
    EXPECT_EQ(*back, bytes);
    bytes.push_back(static_cast<char>(i * 37));
  }
}

TEST(Base64UrlTest, RefusesNonCanonicalText) {
  EXPECT_FALSE(base64UrlDecode("Zg=="));    // padding
  EXPECT_FALSE(base64UrlDecode("Zg="));     // padding
  EXPECT_FALSE(base64UrlDecode("Z"));       // length 1 mod 4
  EXPECT_FALSE(base64UrlDecode("Zm9vY"));   // length 1 mod 4
  EXPECT_FALSE(base64UrlDecode("Zm 9v"));   // whitespace
  EXPECT_FALSE(base64UrlDecode("Zm9v\n"));  // newline
  EXPECT_FALSE(base64UrlDecode("Zm9v?"));   // outside the alphabet
  EXPECT_FALSE(base64UrlDecode("Zm.v"));    // a JWS separator
  EXPECT_FALSE(base64UrlDecode(std::string("Zm\0v", 4)));
  EXPECT_FALSE(base64UrlDecode("Zh"));   // unused bits set ("Zg" is canonical for "f")
  EXPECT_FALSE(base64UrlDecode("Zm9"));  // "Zm8" is canonical for "fo"
  EXPECT_FALSE(base64UrlDecode("AB"));   // Wycheproof ModifiedUnusedBits
  EXPECT_TRUE(base64UrlDecode("AA"));
}

TEST(Base64UrlTest, EveryNonCanonicalTailIsRefused) {
  // For each single byte, exactly one of the 16 two-character spellings is accepted.
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  int accepted = 0;
  for (char a : std::string_view(kAlphabet, 64)) {
    for (char b : std::string_view(kAlphabet, 64)) {
      const std::string text{a, b};
      auto decoded = base64UrlDecode(text);
      if (decoded) {
        ++accepted;
        EXPECT_EQ(base64UrlEncode(*decoded), text);
      }
    }
  }
  EXPECT_EQ(accepted, 256);
}

TEST(Base64UrlTest, AppendKeepsPrefix) {
  std::string out = "x.";
  appendBase64Url(out, "foo");
  EXPECT_EQ(out, "x.Zm9v");
}

}  // namespace
}  // namespace tars
