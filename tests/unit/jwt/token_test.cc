#include "jwt/token.h"

#include <gtest/gtest.h>

#include "core/base64url.h"
#include "jwt/jwt_test_util.h"

namespace tars::jwt {
namespace {

std::string b64(std::string_view s) {
  return base64UrlEncode(s);
}

// header.payload.signature from raw JSON texts and a dummy signature.
std::string compact(std::string_view header, std::string_view payload,
                    std::string_view signature = "sig") {
  return b64(header) + "." + b64(payload) + "." + b64(signature);
}

Outcome outcomeOf(std::string_view token) {
  return parseToken(token).outcome();
}

std::string reasonOf(std::string_view token) {
  auto r = parseToken(token);
  return r.isOk() ? "" : r.failure().reason();
}

TEST(TokenTest, ParsesAWellFormedToken) {
  auto t = parseToken(compact(R"({"alg":"HS256","typ":"JWT","kid":"k1"})", R"({"sub":"x"})"));
  ASSERT_TRUE(t.isOk()) << t.failure().toString();
  EXPECT_EQ(t->jws.algorithm, Algorithm::kHs256);
  EXPECT_EQ(t->jws.kid, "k1");
  EXPECT_EQ(t->jws.signature, "sig");
  EXPECT_EQ(t->claims.at("sub").as_string(), "x");
  EXPECT_EQ(t->jws.signing_input,
            b64(R"({"alg":"HS256","typ":"JWT","kid":"k1"})") + "." + b64(R"({"sub":"x"})"));
}

TEST(TokenTest, TypIsOptionalAndCaseInsensitive) {
  EXPECT_TRUE(parseToken(compact(R"({"alg":"HS256"})", "{}")).isOk());
  EXPECT_TRUE(parseToken(compact(R"({"alg":"HS256","typ":"jwt"})", "{}")).isOk());
  EXPECT_EQ(outcomeOf(compact(R"({"alg":"HS256","typ":"JOSE"})", "{}")), Outcome::kInvalidToken);
  EXPECT_EQ(outcomeOf(compact(R"({"alg":"HS256","typ":1})", "{}")), Outcome::kInvalidToken);
}

TEST(TokenTest, RefusesOversizeBeforeAnythingElse) {
  std::string big(kMaxTokenBytes + 1, 'A');
  EXPECT_EQ(reasonOf(big), "token larger than 8 KiB");
  // Exactly 8 KiB is looked at (and fails for another reason).
  std::string at_limit(kMaxTokenBytes, 'A');
  EXPECT_EQ(reasonOf(at_limit), "token is not three segments");
}

TEST(TokenTest, RefusesWrongSegmentCounts) {
  for (const char* t : {"", ".", "..", "a.b", "a.b.c.d", "a..", "abc"}) {
    EXPECT_EQ(outcomeOf(t), Outcome::kInvalidToken) << t;
  }
  const std::string good = compact(R"({"alg":"HS256"})", "{}");
  EXPECT_EQ(outcomeOf(good + "."), Outcome::kInvalidToken);
  EXPECT_EQ(outcomeOf(good + ".x"), Outcome::kInvalidToken);
  EXPECT_EQ(reasonOf(b64(R"({"alg":"HS256"})") + "." + b64("{}") + "."), "empty signature segment");
}

TEST(TokenTest, RefusesNonCanonicalBase64Url) {
  const std::string h = b64(R"({"alg":"HS256"})");
  const std::string p = b64(R"({"a":1})");
  EXPECT_EQ(outcomeOf(h + "=." + p + ".c2ln"), Outcome::kInvalidToken);
  EXPECT_EQ(outcomeOf(h + "." + p + "==.c2ln"), Outcome::kInvalidToken);
  EXPECT_EQ(outcomeOf(h + "." + p + ".c2ln="), Outcome::kInvalidToken);
  EXPECT_EQ(outcomeOf(h + " ." + p + ".c2ln"), Outcome::kInvalidToken);
  EXPECT_EQ(outcomeOf(h + "." + p + ".c2l+"), Outcome::kInvalidToken);
  // "c2lo" is canonical; "c2lp" decodes to the same bytes only if unused bits were ignored.
  EXPECT_EQ(reasonOf(h + "." + p + ".c2m"), "signature is not canonical base64url");
  EXPECT_TRUE(parseToken(h + "." + p + ".c2k").isOk());
}

TEST(TokenTest, RefusesBadHeaders) {
  EXPECT_EQ(reasonOf(compact("[]", "{}")), "header is not a JSON object without duplicate members");
  EXPECT_EQ(reasonOf(compact("not json", "{}")),
            "header is not a JSON object without duplicate members");
  EXPECT_EQ(reasonOf(compact(R"({"alg":"HS256","alg":"HS256"})", "{}")),
            "header is not a JSON object without duplicate members");
  EXPECT_EQ(reasonOf(compact(R"({"typ":"JWT"})", "{}")), "header has no string alg");
  EXPECT_EQ(reasonOf(compact(R"({"alg":256})", "{}")), "header has no string alg");
  for (const char* none : {R"({"alg":"none"})", R"({"alg":"NONE"})", R"({"alg":"nOnE"})"}) {
    EXPECT_EQ(reasonOf(compact(none, "{}")), "alg none is refused") << none;
  }
  EXPECT_EQ(reasonOf(compact(R"({"alg":"PS512"})", "{}")), "unsupported alg");
  EXPECT_EQ(reasonOf(compact(R"({"alg":"hs256"})", "{}")), "unsupported alg");
  EXPECT_EQ(reasonOf(compact(R"({"alg":"HS256","crit":["exp"]})", "{}")), "crit header is refused");
  EXPECT_EQ(reasonOf(compact(R"({"alg":"HS256","crit":[]})", "{}")), "crit header is refused");
  EXPECT_EQ(outcomeOf(compact(R"({"alg":"HS256","kid":7})", "{}")), Outcome::kInvalidToken);
  EXPECT_EQ(outcomeOf(compact(R"({"alg":"HS256","kid":""})", "{}")), Outcome::kInvalidToken);
  EXPECT_EQ(outcomeOf(compact(R"({"alg":"HS256","kid":")" + std::string(257, 'k') + "\"}", "{}")),
            Outcome::kInvalidToken);
}

TEST(TokenTest, IgnoresKeyCarryingHeaders) {
  auto t = parseToken(compact(
      R"({"alg":"ES256","kid":"k","jwk":{"kty":"EC"},"jku":"https://evil/","x5u":"https://evil/"})",
      "{}"));
  ASSERT_TRUE(t.isOk());  // parsed, but nothing ever takes a key from these
  EXPECT_EQ(t->jws.kid, "k");
}

TEST(TokenTest, RefusesBadPayloads) {
  const char* h = R"({"alg":"HS256"})";
  EXPECT_EQ(outcomeOf(compact(h, "")), Outcome::kInvalidToken);
  EXPECT_EQ(outcomeOf(compact(h, "[1]")), Outcome::kInvalidToken);
  EXPECT_EQ(outcomeOf(compact(h, "\"str\"")), Outcome::kInvalidToken);
  EXPECT_EQ(reasonOf(compact(h, R"({"sub":"a","sub":"b"})")),
            "payload is not a JSON object without duplicate members");
  EXPECT_EQ(outcomeOf(compact(h, R"({"exp":1e999})")), Outcome::kInvalidToken);
  // parseJws accepts any payload bytes (a JWS is not necessarily a JWT).
  EXPECT_TRUE(parseJws(compact(h, "foo")).isOk());
  EXPECT_TRUE(parseJws(b64(h) + ".." + b64("sig")).isOk());
}

TEST(TokenTest, RepeatedHeadersParseIdentically) {
  // Headers are remembered per thread; results must be exactly those of a fresh parse.
  const std::string h1 = R"({"alg":"ES256","typ":"JWT","kid":"k1"})";
  const std::string h2 = R"({"alg":"ES256","typ":"JWT","kid":"k2"})";
  for (int round = 0; round < 3; ++round) {
    for (const std::string& h : {h1, h2, std::string(R"({"alg":"none"})")}) {
      auto a = parseToken(compact(h, R"({"n":1})"));
      auto b = parseToken(compact(h, R"({"n":2})"));
      ASSERT_EQ(a.isOk(), b.isOk());
      if (!a.isOk()) {
        EXPECT_EQ(a.failure().reason(), "alg none is refused");
        continue;
      }
      EXPECT_EQ(a->jws.header, b->jws.header);
      EXPECT_EQ(a->jws.kid, b->jws.kid);
      EXPECT_EQ(a->jws.header.at("kid").as_string(), *a->jws.kid);
      EXPECT_EQ(b->claims.at("n").as_int64(), 2);
    }
  }
  // More distinct headers than remembered ones.
  for (int i = 0; i < 20; ++i) {
    const std::string kid = "kid-" + std::to_string(i % 7);
    auto t = parseToken(compact(R"({"alg":"HS256","kid":")" + kid + "\"}", "{}"));
    ASSERT_TRUE(t.isOk());
    EXPECT_EQ(t->jws.kid, kid);
  }
}

}  // namespace
}  // namespace tars::jwt
