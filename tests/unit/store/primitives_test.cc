// The small pieces: SHA-256, UTF-8 validation, row getters and text checks, enum names.

#include <gtest/gtest.h>

#include "store/revocations.h"
#include "store/sha256.h"
#include "store/signing_keys.h"
#include "store/sql/value.h"
#include "store/utf8.h"

namespace tars::store {
namespace {

TEST(Sha256Test, KnownAnswers) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256("abc").size(), 32u);
  EXPECT_EQ(toHex(std::string("\x00\xff\x10", 3)), "00ff10");
}

TEST(Utf8Test, AcceptsWellFormedAndRejectsMalformed) {
  EXPECT_TRUE(isValidUtf8(""));
  EXPECT_TRUE(isValidUtf8("plain"));
  EXPECT_TRUE(isValidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_FALSE(isValidUtf8("\xC3"));                                 // truncated
  EXPECT_FALSE(isValidUtf8("\xC0\xAF"));                             // overlong
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));                         // surrogate
  EXPECT_FALSE(isValidUtf8("\xF4\x90\x80\x80"));                     // > U+10FFFF
  EXPECT_FALSE(isValidUtf8("\xFF"));
  EXPECT_TRUE(isStorableText("ok"));
  EXPECT_FALSE(isStorableText(std::string("a\0b", 3)));
}

TEST(ValueTest, RowGettersAreLenientAndNullAware) {
  sql::Row row({sql::integer(42), sql::text("17"), sql::blob("\x01\x02"), sql::nullValue()});
  EXPECT_EQ(row.integer(0), 42);
  EXPECT_EQ(row.text(0), "42");
  EXPECT_EQ(row.integer(1), 17);
  EXPECT_EQ(row.blob(2), "\x01\x02");
  EXPECT_TRUE(row.isNull(3));
  EXPECT_FALSE(row.optText(3).has_value());
  EXPECT_FALSE(row.optTime(3).has_value());
  EXPECT_TRUE(row.isNull(99));
  EXPECT_EQ(row.time(0), fromMillis(42));
}

TEST(ValueTest, TextParamsMustBeStorable) {
  EXPECT_TRUE(sql::checkTextParams({sql::text("ok"), sql::integer(1), sql::nullValue()}).isOk());
  EXPECT_TRUE(
      sql::checkTextParams({sql::blob(std::string("\0\xff", 2))}).isOk());  // bytes are bytes
  EXPECT_EQ(sql::checkTextParams({sql::text(std::string("a\0", 2))}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(sql::checkTextParams({sql::text("\xC3")}).code(), StatusCode::kInvalidArgument);
}

TEST(TimePointTest, MillisecondsRoundDown) {
  const Timestamp t = fromMillis(1'700'000'000'123) + std::chrono::microseconds(999);
  EXPECT_EQ(toMillis(t), 1'700'000'000'123);
  EXPECT_EQ(truncateToMillis(t), fromMillis(1'700'000'000'123));
  EXPECT_EQ(toMillis(fromMillis(-1) + std::chrono::microseconds(500)), -1);
}

TEST(NamesTest, EnumsRoundTripThroughTheirNames) {
  for (auto k : {RevocationKind::kJti, RevocationKind::kFamily, RevocationKind::kApiKey,
                 RevocationKind::kSigningKey})
    EXPECT_EQ(parseRevocationKind(revocationKindName(k)), k);
  EXPECT_EQ(revocationKindName(RevocationKind::kApiKey), "api_key");
  EXPECT_FALSE(parseRevocationKind("nope").has_value());
  for (auto s :
       {SigningKeyStatus::kCurrent, SigningKeyStatus::kVerifyOnly, SigningKeyStatus::kRevoked})
    EXPECT_EQ(parseSigningKeyStatus(signingKeyStatusName(s)), s);
  EXPECT_EQ(signingKeyStatusName(SigningKeyStatus::kVerifyOnly), "verify_only");
  EXPECT_FALSE(parseSigningKeyStatus("retired").has_value());
}

}  // namespace
}  // namespace tars::store
