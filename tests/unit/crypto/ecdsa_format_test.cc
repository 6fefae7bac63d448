#include "crypto/ecdsa_format.h"

#include <gtest/gtest.h>

#include "crypto/crypto_test_util.h"

namespace tars::crypto {
namespace {

using test::fromHex;

TEST(EcdsaFormatTest, RoundTripsThroughDer) {
  std::string raw(64, '\0');
  for (int i = 0; i < 64; ++i)
    raw[i] = static_cast<char>(i + 1);
  auto der = ecdsaRawToDer(raw, 32);
  ASSERT_TRUE(der.isOk());
  EXPECT_EQ(static_cast<unsigned char>((*der)[0]), 0x30);
  auto back = ecdsaDerToRaw(*der, 32);
  ASSERT_TRUE(back.isOk());
  EXPECT_EQ(*back, raw);
}

TEST(EcdsaFormatTest, KeepsLeadingZerosInRawForm) {
  std::string raw(96, '\0');
  raw[47] = 5;  // r = 5
  raw[95] = 7;  // s = 7
  auto der = ecdsaRawToDer(raw, 48);
  ASSERT_TRUE(der.isOk());
  EXPECT_EQ(*der, fromHex("3006020105020107"));
  EXPECT_EQ(*ecdsaDerToRaw(*der, 48), raw);
}

TEST(EcdsaFormatTest, RefusesWrongLengths) {
  EXPECT_FALSE(ecdsaRawToDer(std::string(63, '\1'), 32).isOk());
  EXPECT_FALSE(ecdsaRawToDer(std::string(65, '\1'), 32).isOk());
  EXPECT_FALSE(ecdsaRawToDer(std::string(64, '\1'), 48).isOk());
  EXPECT_FALSE(ecdsaRawToDer("", 32).isOk());
}

TEST(EcdsaFormatTest, RefusesMalformedDer) {
  EXPECT_FALSE(ecdsaDerToRaw("", 32).isOk());
  EXPECT_FALSE(
      ecdsaDerToRaw(fromHex("3006020105020107") + std::string(1, '\0'), 32).isOk());  // trailing
  EXPECT_FALSE(ecdsaDerToRaw(fromHex("30060201050201"), 32).isOk());                  // truncated
  // r of 33 significant bytes does not fit P-256.
  std::string big = fromHex("3026022101") + std::string(32, '\x11') + fromHex("020101");
  EXPECT_FALSE(ecdsaDerToRaw(big, 32).isOk());
}

}  // namespace
}  // namespace tars::crypto
