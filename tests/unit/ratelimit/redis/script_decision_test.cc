#include "ratelimit/redis/script_decision.h"

#include <gtest/gtest.h>

namespace tars::ratelimit::redis {
namespace {

using ::tars::redis::Reply;

Reply ints(std::initializer_list<int64_t> values) {
  Reply r;
  r.type = Reply::Type::kArray;
  for (int64_t v : values) {
    Reply e;
    e.type = Reply::Type::kInteger;
    e.integer = v;
    r.elements.push_back(e);
  }
  return r;
}

TEST(ScriptDecisionTest, Allowed) {
  auto d = decisionFromScriptReply(ints({1, 4, 1'700'000'060'000'001, 0}), 5);
  ASSERT_TRUE(d.isOk());
  EXPECT_EQ(*d, (Decision{true, 5, 4, 1'700'000'061, 0}));
}

TEST(ScriptDecisionTest, RefusedRoundsRetryUpToAtLeastOneSecond) {
  auto d = decisionFromScriptReply(ints({0, 0, 1'700'000'060'000'000, 1}), 5);
  ASSERT_TRUE(d.isOk());
  EXPECT_EQ(*d, (Decision{false, 5, 0, 1'700'000'060, 1}));
  auto e = decisionFromScriptReply(ints({0, 3, 1'700'000'060'000'000, 5'000'001}), 5);
  EXPECT_EQ(e->retry_after, 6);
  EXPECT_EQ(e->remaining, 0);
  auto z = decisionFromScriptReply(ints({0, 0, 1'700'000'060'000'000, 0}), 5);
  EXPECT_EQ(z->retry_after, 1);
}

TEST(ScriptDecisionTest, RemainingIsClamped) {
  EXPECT_EQ(decisionFromScriptReply(ints({1, 99, 0, 0}), 5)->remaining, 5);
  EXPECT_EQ(decisionFromScriptReply(ints({1, -3, 0, 0}), 5)->remaining, 0);
}

TEST(ScriptDecisionTest, WrongShapesAreInternalErrors) {
  Reply error;
  error.type = Reply::Type::kError;
  error.str = "ERR something";
  EXPECT_EQ(decisionFromScriptReply(error, 5).status().code(), StatusCode::kInternal);
  EXPECT_FALSE(decisionFromScriptReply(ints({1, 2, 3}), 5).isOk());
  Reply mixed = ints({1, 2, 3, 4});
  mixed.elements[2].type = Reply::Type::kString;
  EXPECT_FALSE(decisionFromScriptReply(mixed, 5).isOk());
}

}  // namespace
}  // namespace tars::ratelimit::redis
