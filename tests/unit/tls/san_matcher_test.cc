#include "tls/san_matcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tars::tls {
namespace {

using ::testing::HasSubstr;

SanMatcher matcher(const std::vector<std::string>& patterns) {
  StatusOr<SanMatcher> m = SanMatcher::Create(patterns);
  EXPECT_TRUE(m.isOk()) << m.status().toString();
  return std::move(m).value();
}

struct Vector {
  std::vector<std::string> patterns;
  std::string san;
  bool allowed;
};

// spec/cap.md §11, the SAN table, row by row.
const Vector kSpecVectors[] = {
    {{"*.cap-verifier.local"}, "client1.cap-verifier.local", true},
    {{"*.cap-verifier.local"}, "client2.cap-verifier.local", true},
    {{"*.cap-verifier.local"}, "test.cap-verifier.local", true},
    {{"*.cap-verifier.local"}, "cap-verifier.local", false},
    {{"*.cap-verifier.local"}, "malicious.com", false},
    {{"*.cap-verifier.local"}, "client1.other-domain.com", false},
    {{"*.cap-verifier.local"}, "malicious.attacker.com", false},
    {{"*.cap-verifier.local"}, "a.b.cap-verifier.local", false},
    {{"*.cap-verifier.local"}, "CLIENT1.Cap-Verifier.LOCAL", true},
    {{"client1.cap-verifier.local", "client2.cap-verifier.local"},
     "client1.cap-verifier.local",
     true},
    {{"client1.cap-verifier.local", "client2.cap-verifier.local"},
     "client2.cap-verifier.local",
     true},
    {{"client1.cap-verifier.local", "client2.cap-verifier.local"},
     "client3.cap-verifier.local",
     false},
    {{"client1.cap-verifier.local", "client2.cap-verifier.local"},
     "other.cap-verifier.local",
     false},
};

TEST(SanMatcherTest, SpecTable) {
  for (const Vector& v : kSpecVectors) {
    EXPECT_EQ(matcher(v.patterns).matches(v.san), v.allowed)
        << v.san << " against " << ::testing::PrintToString(v.patterns);
  }
}

TEST(SanMatcherTest, ExactMatchIsCaseInsensitiveAndWhole) {
  SanMatcher m = matcher({"Tars-Hypersync.tars.svc.cluster.local"});
  EXPECT_TRUE(m.matches("tars-hypersync.tars.svc.cluster.local"));
  EXPECT_TRUE(m.matches("TARS-HYPERSYNC.TARS.SVC.CLUSTER.LOCAL"));
  EXPECT_FALSE(m.matches("tars-hypersync.tars.svc.cluster.local.evil.com"));
  EXPECT_FALSE(m.matches("x.tars-hypersync.tars.svc.cluster.local"));
  EXPECT_FALSE(m.matches("tars-hypersync.tars.svc.cluster.loca"));
  EXPECT_FALSE(m.matches("tars-hypersync.tars.svc.cluster.local."));
}

TEST(SanMatcherTest, WildcardNeedsExactlyOneNonEmptyLabel) {
  SanMatcher m = matcher({"*.svc.local"});
  EXPECT_TRUE(m.matches("a.svc.local"));
  EXPECT_TRUE(m.matches("a-b_c9.svc.local"));
  EXPECT_FALSE(m.matches(".svc.local"));         // empty label
  EXPECT_FALSE(m.matches("svc.local"));          // no label
  EXPECT_FALSE(m.matches("a.b.svc.local"));      // two labels
  EXPECT_FALSE(m.matches("a.svc.local.other"));  // suffix must end the name
  EXPECT_FALSE(m.matches("asvc.local"));         // label boundary
  EXPECT_FALSE(m.matches("*.svc.local"));        // a presented wildcard is not a name
}

TEST(SanMatcherTest, PresentedNamesThatAreNotPlainNamesMatchNothing) {
  SanMatcher m = matcher({"*.cap-verifier.local", "client1.cap-verifier.local"});
  EXPECT_FALSE(m.matches(""));
  EXPECT_FALSE(m.matches(std::string("client1.cap-verifier.local\0.evil.com", 36)));
  EXPECT_FALSE(m.matches(std::string("client1\0.cap-verifier.local", 27)));
  EXPECT_FALSE(m.matches("client 1.cap-verifier.local"));
  EXPECT_FALSE(m.matches("client1..cap-verifier.local"));
  EXPECT_FALSE(
      m.matches("cl\xc3\xaf"
                "ent.cap-verifier.local"));
}

TEST(SanMatcherTest, StarOnlyAsWholeLeadingLabel) {
  for (const char* bad : {"*", "*.", "**.local", "a*.local", "*a.local", "a.*.local", "local.*",
                          "*.*.local", "*.local*", "x.local*"}) {
    StatusOr<SanPattern> p = SanPattern::Parse(bad);
    ASSERT_FALSE(p.isOk()) << bad;
    EXPECT_THAT(p.status().message(), HasSubstr(bad));
  }
  EXPECT_THAT(SanPattern::Parse("a*.local").status().message(), HasSubstr("whole leading label"));
}

TEST(SanMatcherTest, MalformedNamesRefused) {
  for (const char* bad : {"", ".local", "local.", "a..local", "a local", "*..local", "*.", "*.a..b",
                          "caf\xc3\xa9"
                          ".local"}) {
    EXPECT_FALSE(SanPattern::Parse(bad).isOk()) << bad;
  }
  EXPECT_TRUE(SanPattern::Parse("localhost").isOk());
  EXPECT_TRUE(SanPattern::Parse("*.x").isOk());
}

TEST(SanMatcherTest, CreateFailsOnFirstBadPatternAndMatchesAny) {
  StatusOr<SanMatcher> bad = SanMatcher::Create({"ok.local", "bad*.local"});
  ASSERT_FALSE(bad.isOk());
  EXPECT_THAT(bad.status().message(), HasSubstr("bad*.local"));

  SanMatcher m = matcher({"a.local", "*.b.local"});
  EXPECT_TRUE(m.matchesAny({"zzz", "x.b.local"}));
  EXPECT_FALSE(m.matchesAny({"zzz", "b.local"}));
  EXPECT_FALSE(m.matchesAny({}));
  EXPECT_FALSE(matcher({}).matches("a.local"));
}

}  // namespace
}  // namespace tars::tls
