#include "services/verifier/cap_error.h"

#include <gtest/gtest.h>

namespace tars::verifier {
namespace {

TEST(CapErrorTest, Slugs) {
  EXPECT_EQ(capProblemSlug(CapProblem::kGeneric), "");
  EXPECT_EQ(capProblemSlug(CapProblem::kMissingPolicy), "cap/missing-policy");
  EXPECT_EQ(capProblemSlug(CapProblem::kInvalidPolicy), "cap/invalid-policy");
  EXPECT_EQ(capProblemSlug(CapProblem::kTooDeep), "cap/too-deep");
  EXPECT_EQ(capProblemSlug(CapProblem::kTooManyRules), "cap/too-many-rules");
  EXPECT_EQ(capProblemSlug(CapProblem::kLintFailed), "cap/policy-lint-failed");
}

TEST(CapErrorTest, CapOrHoldsAValueOrAnError) {
  CapOr<int> value = 3;
  ASSERT_TRUE(value.isOk());
  EXPECT_EQ(*value, 3);
  EXPECT_TRUE(value.status().isOk());
  CapOr<int> error = CapError{CapProblem::kTooDeep, validationError("nesting depth exceeds 32")};
  ASSERT_FALSE(error.isOk());
  EXPECT_EQ(error.error().problem, CapProblem::kTooDeep);
  EXPECT_EQ(error.status().message(), "nesting depth exceeds 32");
  // An OK status is not an error: it becomes an internal one rather than a value-less success.
  CapOr<int> misuse = CapError{CapProblem::kGeneric, Status::ok()};
  ASSERT_FALSE(misuse.isOk());
  EXPECT_EQ(misuse.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace tars::verifier
