// HKDF-SHA256 against RFC 5869 Appendix A.1–A.3, plus the length limits.

#include "crypto/kdf.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/crypto_test_util.h"

namespace tars::crypto {
namespace {

using test::fromHex;

std::string range(int from, int to_inclusive) {
  std::string out;
  for (int b = from; b <= to_inclusive; ++b) {
    out.push_back(static_cast<char>(b));
  }
  return out;
}

TEST(HkdfSha256, Rfc5869A1BasicCase) {
  auto okm = hkdfSha256(std::string(22, '\x0b'), range(0x00, 0x0c), range(0xf0, 0xf9), 42);
  ASSERT_TRUE(okm.isOk()) << okm.status().toString();
  EXPECT_EQ(okm->view(), fromHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                                 "34007208d5b887185865"));
}

TEST(HkdfSha256, Rfc5869A2LongInputs) {
  auto okm = hkdfSha256(range(0x00, 0x4f), range(0x60, 0xaf), range(0xb0, 0xff), 82);
  ASSERT_TRUE(okm.isOk()) << okm.status().toString();
  EXPECT_EQ(okm->view(), fromHex("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                                 "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                                 "cc30c58179ec3e87c14c01d5c1f3434f1d87"));
}

TEST(HkdfSha256, Rfc5869A3EmptySaltAndInfo) {
  auto okm = hkdfSha256(std::string(22, '\x0b'), "", "", 42);
  ASSERT_TRUE(okm.isOk()) << okm.status().toString();
  EXPECT_EQ(okm->view(), fromHex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                                 "9d201395faa4b61a96c8"));
}

// Values computed independently (Python hmac, RFC 5869 §2.2–2.3 by hand) for inputs the RFC does
// not cover: the key ring's own derivation shape, and an empty input keying material.
TEST(HkdfSha256, KeyRingShapeAndEmptyIkm) {
  auto ring = hkdfSha256("master", "", "tars/keyring/v1", 32);
  ASSERT_TRUE(ring.isOk()) << ring.status().toString();
  EXPECT_EQ(ring->view(),
            fromHex("8657b463472d5264c5573d6994271ee0823ef44284c1a73cf39d61be7680deaf"));
  auto empty = hkdfSha256("", "", "tars/keyring/v1", 32);
  ASSERT_TRUE(empty.isOk()) << empty.status().toString();
  EXPECT_EQ(empty->view(),
            fromHex("bea48177ce981ca61a3afad07d6a35252c2677444c5d1fea2de860dab4722d47"));
}

TEST(HkdfSha256, InfoSeparatesKeys) {
  auto a = hkdfSha256("master", "", "tars/keyring/v1", 32);
  auto b = hkdfSha256("master", "", "tars/other/v1", 32);
  ASSERT_TRUE(a.isOk());
  ASSERT_TRUE(b.isOk());
  EXPECT_EQ(a->size(), 32u);
  EXPECT_NE(a->view(), b->view());
}

TEST(HkdfSha256, RefusesZeroAndOverlongOutput) {
  EXPECT_EQ(hkdfSha256("ikm", "", "", 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(hkdfSha256("ikm", "", "", 255 * 32 + 1).status().code(), StatusCode::kInvalidArgument);
  auto longest = hkdfSha256("ikm", "", "", 255 * 32);
  ASSERT_TRUE(longest.isOk()) << longest.status().toString();
  EXPECT_EQ(longest->size(), 255u * 32u);
}

}  // namespace
}  // namespace tars::crypto
