// The API key text format (tars.md §1.5, §3.8): parsing refuses every other shape; generation
// produces parseable, unique keys.

#include "identity/api_keys/api_key_format.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/base64url.h"
#include "crypto/hash.h"

namespace tars::identity {
namespace {

const std::string kKeyId = "abcdefghij27";
const std::string kSecret = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE";  // 43 chars
const std::string kKey = "tars_" + kKeyId + "_" + kSecret;

TEST(ApiKeyFormatTest, ParsesAWellFormedKey) {
  ASSERT_EQ(kSecret.size(), 43u);
  ASSERT_EQ(kKey.size(), 61u);
  auto parts = parseApiKey(kKey);
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->key_id, kKeyId);
  EXPECT_EQ(parts->secret, kSecret);
  EXPECT_EQ(formatApiKey(*parts), kKey);
}

TEST(ApiKeyFormatTest, RefusesAWrongPrefix) {
  for (const std::string prefix : {"TARS_", "tarz_", "tars-", "tars", "xtars_", " tars_", ""}) {
    EXPECT_FALSE(parseApiKey(prefix + kKeyId + "_" + kSecret)) << prefix;
  }
  EXPECT_FALSE(parseApiKey("tarx_" + kKeyId + "_" + kSecret));
}

TEST(ApiKeyFormatTest, RefusesWrongLengths) {
  EXPECT_FALSE(parseApiKey(""));
  EXPECT_FALSE(parseApiKey("tars_"));
  EXPECT_FALSE(parseApiKey(kKey.substr(0, 60)));
  EXPECT_FALSE(parseApiKey(kKey + "A"));
  // key_id one short / one long, with the total length kept at 61 by the secret.
  EXPECT_FALSE(parseApiKey("tars_" + kKeyId.substr(0, 11) + "_" + kSecret + "A"));
  EXPECT_FALSE(parseApiKey("tars_" + kKeyId + "a_" + kSecret.substr(0, 42)));
  // secret one short / one long.
  EXPECT_FALSE(parseApiKey("tars_" + kKeyId + "_" + kSecret.substr(0, 42)));
  EXPECT_FALSE(parseApiKey("tars_" + kKeyId + "_" + kSecret + "A"));
}

TEST(ApiKeyFormatTest, RefusesAMissingOrMisplacedSeparator) {
  std::string no_sep = kKey;
  no_sep[17] = 'a';
  EXPECT_FALSE(parseApiKey(no_sep));
  std::string dash = kKey;
  dash[17] = '-';
  EXPECT_FALSE(parseApiKey(dash));
  EXPECT_FALSE(parseApiKey("tars__" + kKeyId.substr(0, 11) + kSecret.substr(0, 1) + kSecret));
}

TEST(ApiKeyFormatTest, RefusesABadKeyIdAlphabet) {
  for (char bad : {'A', 'Z', '0', '1', '8', '9', '-', '_', '=', '.', ' ', '\0', '\xc3'}) {
    std::string key = kKey;
    key[5 + 3] = bad;
    EXPECT_FALSE(parseApiKey(key)) << static_cast<int>(bad);
  }
}

TEST(ApiKeyFormatTest, RefusesAnUppercaseKeyId) {
  std::string upper = "tars_ABCDEFGHIJ27_" + kSecret;
  EXPECT_FALSE(parseApiKey(upper));
  EXPECT_FALSE(isValidKeyId("ABCDEFGHIJ27"));
  EXPECT_FALSE(isValidKeyId("abcdefghijK7"));
}

TEST(ApiKeyFormatTest, RefusesABadSecretAlphabet) {
  for (char bad : {'+', '/', '=', '.', ' ', '\n', '\0', '~', '\xc3'}) {
    std::string key = kKey;
    key[40] = bad;
    EXPECT_FALSE(parseApiKey(key)) << static_cast<int>(bad);
  }
}

TEST(ApiKeyFormatTest, RefusesPadding) {
  // A padded secret: 42 chars + '=' (same length) and 43 chars + '=' (one longer).
  EXPECT_FALSE(parseApiKey("tars_" + kKeyId + "_" + kSecret.substr(0, 42) + "="));
  EXPECT_FALSE(parseApiKey(kKey + "="));
}

TEST(ApiKeyFormatTest, RefusesSurroundingWhitespace) {
  EXPECT_FALSE(parseApiKey(" " + kKey.substr(1)));
  EXPECT_FALSE(parseApiKey(kKey.substr(0, 60) + " "));
  EXPECT_FALSE(parseApiKey(kKey.substr(0, 60) + "\n"));
}

TEST(ApiKeyFormatTest, LooksLikeApiKeyOnlyChecksThePrefix) {
  EXPECT_TRUE(looksLikeApiKey(kKey));
  EXPECT_TRUE(looksLikeApiKey("tars_"));
  EXPECT_TRUE(looksLikeApiKey("tars_garbage"));
  EXPECT_FALSE(looksLikeApiKey("eyJhbGciOiJIUzI1NiJ9.e30.sig"));
  EXPECT_FALSE(looksLikeApiKey("TARS_abc"));
  EXPECT_FALSE(looksLikeApiKey("tars"));
  EXPECT_FALSE(looksLikeApiKey(""));
}

TEST(ApiKeyFormatTest, KeyIdValidation) {
  EXPECT_TRUE(isValidKeyId("abcdefghij27"));
  EXPECT_TRUE(isValidKeyId("zzzzzzzzzzzz"));
  EXPECT_TRUE(isValidKeyId("234567234567"));
  EXPECT_FALSE(isValidKeyId(""));
  EXPECT_FALSE(isValidKeyId("abcdefghij2"));
  EXPECT_FALSE(isValidKeyId("abcdefghij277"));
  EXPECT_FALSE(isValidKeyId("abcdefghij18"));
  EXPECT_FALSE(isValidKeyId("abcdefghij_7"));
}

TEST(ApiKeyFormatTest, GeneratedKeysHaveTheFormat) {
  for (int i = 0; i < 200; ++i) {
    auto generated = generateApiKey();
    ASSERT_TRUE(generated.isOk()) << generated.status().toString();
    const auto& [parts, text] = *generated;
    EXPECT_EQ(text.size(), kApiKeyLength);
    EXPECT_TRUE(isValidKeyId(parts.key_id)) << parts.key_id;
    auto parsed = parseApiKey(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(parsed->key_id, parts.key_id);
    EXPECT_EQ(parsed->secret, parts.secret);
    // The secret is the canonical encoding of 32 bytes.
    auto bytes = base64UrlDecode(parts.secret);
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(bytes->size(), 32u);
  }
}

TEST(ApiKeyFormatTest, GeneratedKeysAreUniqueAndUseTheWholeAlphabet) {
  std::set<std::string> ids;
  std::set<std::string> secrets;
  std::set<char> id_chars;
  for (int i = 0; i < 1000; ++i) {
    auto generated = generateApiKey();
    ASSERT_TRUE(generated.isOk());
    ids.insert(generated->first.key_id);
    secrets.insert(generated->first.secret);
    id_chars.insert(generated->first.key_id.begin(), generated->first.key_id.end());
  }
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_EQ(secrets.size(), 1000u);
  // 12 000 draws over 32 symbols: every one appears (a biased or truncated mapping would not).
  EXPECT_EQ(id_chars.size(), 32u);
}

TEST(ApiKeyFormatTest, SecretDigestIsSha256OfTheSecretText) {
  auto digest = apiKeySecretDigest(kSecret);
  ASSERT_TRUE(digest.isOk());
  EXPECT_EQ(digest->size(), 32u);
  EXPECT_EQ(*digest, crypto::sha256(kSecret));
  EXPECT_NE(*apiKeySecretDigest(kSecret.substr(0, 42) + "F"), *digest);
}

}  // namespace
}  // namespace tars::identity
