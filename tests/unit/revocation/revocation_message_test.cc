#include "identity/revocation/revocation_message.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <string>

namespace tars::identity {
namespace {

using std::chrono::milliseconds;
using store::RevocationKind;

store::Timestamp at(std::int64_t ms) {
  return store::fromMillis(ms);
}

TEST(RevocationMessageTest, EncodesTheSpecShape) {
  store::RevocationChange c;
  c.seq = 7;
  c.kind = RevocationKind::kJti;
  c.id = "jti-1";
  c.expires_at = at(1'763'112'600'123);
  const boost::json::value v = boost::json::parse(encodeRevocationMessage(c));
  EXPECT_EQ(v, boost::json::parse(
                   R"({"kind":"jti","id":"jti-1","expires_at":"2025-11-14T09:30:00.123Z"})"));

  c.kind = RevocationKind::kApiKey;
  c.expires_at.reset();
  EXPECT_EQ(boost::json::parse(encodeRevocationMessage(c)),
            boost::json::parse(R"({"kind":"api_key","id":"jti-1","expires_at":null})"));
}

TEST(RevocationMessageTest, RoundTripsEveryKind) {
  for (RevocationKind kind : {RevocationKind::kJti, RevocationKind::kFamily,
                              RevocationKind::kApiKey, RevocationKind::kSigningKey}) {
    store::RevocationChange c;
    c.kind = kind;
    c.id = "id-" + std::string(store::revocationKindName(kind));
    if (kind == RevocationKind::kJti || kind == RevocationKind::kFamily)
      c.expires_at = at(1'700'000'000'999);
    auto decoded = decodeRevocationMessage(encodeRevocationMessage(c));
    ASSERT_TRUE(decoded.isOk()) << decoded.status().toString();
    EXPECT_EQ(decoded->kind, kind);
    EXPECT_EQ(decoded->id, c.id);
    EXPECT_EQ(decoded->expires_at, c.expires_at);
    EXPECT_EQ(decoded->seq, 0);
  }
}

TEST(RevocationMessageTest, RefusesGarbage) {
  const std::string long_id(kMaxRevocationIdBytes + 1, 'a');
  const std::string max_id(kMaxRevocationIdBytes, 'a');
  const std::vector<std::string> bad = {
      "",
      "not json",
      "[]",
      "\"jti\"",
      "{}",
      R"({"kind":"jti"})",
      R"({"kind":"bogus","id":"x","expires_at":null})",
      R"({"kind":7,"id":"x","expires_at":null})",
      R"({"kind":"api_key","id":"","expires_at":null})",
      R"({"kind":"api_key","id":42,"expires_at":null})",
      R"({"kind":"api_key","id":")" + long_id + R"(","expires_at":null})",
      R"({"kind":"jti","id":"x","expires_at":null})",  // jti needs an expiry
      R"({"kind":"family","id":"x"})",
      R"({"kind":"jti","id":"x","expires_at":12345})",
      R"({"kind":"jti","id":"x","expires_at":"2025-13-01T00:00:00Z"})",
      R"({"kind":"jti","id":"x","expires_at":"yesterday"})",
      "{\"kind\":\"api_key\",\"id\":\"\xff\xfe\",\"expires_at\":null}",  // not UTF-8
      R"({"kind":"api_key","id":"x","expires_at":null} trailing)",
      std::string(kMaxRevocationMessageBytes + 1, ' '),
  };
  for (const std::string& message : bad) {
    auto decoded = decodeRevocationMessage(message);
    EXPECT_FALSE(decoded.isOk()) << message;
    if (!decoded.isOk()) {
      EXPECT_EQ(decoded.status().code(), StatusCode::kInvalidArgument);
      // The reason never quotes the (untrusted) message.
      EXPECT_EQ(decoded.status().message().find("bogus"), std::string::npos);
    }
  }
  auto ok = decodeRevocationMessage(R"({"kind":"api_key","id":")" + max_id +
                                    R"(","expires_at":null,"extra":true})");
  EXPECT_TRUE(ok.isOk()) << ok.status().toString();
}

TEST(RevocationMessageTest, ReadsAnyRfc3339FormOfExpiresAt) {
  const auto base = at(1'763'112'600'000);  // 2025-11-14T09:30:00Z
  for (const char* ts : {"2025-11-14T09:30:00Z", "2025-11-14t09:30:00z",
                         "2025-11-14T11:30:00+02:00", "2025-11-14T04:00:00.000-05:30"}) {
    auto decoded = decodeRevocationMessage(
        std::string(R"({"kind":"family","id":"f","expires_at":")") + ts + "\"}");
    ASSERT_TRUE(decoded.isOk()) << ts << ": " << decoded.status().toString();
    EXPECT_EQ(decoded->expires_at, base) << ts;
  }
  auto ms =
      decodeRevocationMessage(R"({"kind":"jti","id":"j","expires_at":"2025-11-14T09:30:00.123Z"})");
  ASSERT_TRUE(ms.isOk());
  EXPECT_EQ(ms->expires_at, base + milliseconds(123));
  for (const char* ts :
       {"2025-11-14", "2025-11-14T09:30:00", "2025-11-14 09:30:00Z", "2025-11-31T00:00:00Z",
        "2025-11-14T24:00:00Z", "2025-11-14T09:30:00+0200"}) {
    EXPECT_FALSE(decodeRevocationMessage(std::string(R"({"kind":"jti","id":"j","expires_at":")") +
                                         ts + "\"}")
                     .isOk())
        << ts;
  }
}

}  // namespace
}  // namespace tars::identity
