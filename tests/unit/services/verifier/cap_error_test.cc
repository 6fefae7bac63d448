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
  EXPECT_EQ(capProblemSlug(CapProblem::kVerifyMode), "cap/verify-mode");
  EXPECT_EQ(capProblemSlug(CapProblem::kInvalidContext), "cap/invalid-context");
  EXPECT_EQ(capProblemSlug(CapProblem::kInvalidIr), "cap/invalid-ir");
  EXPECT_EQ(capProblemSlug(CapProblem::kIrHashMismatch), "cap/ir-hash-mismatch");
  EXPECT_EQ(capProblemSlug(CapProblem::kPolicyNotFound), "cap/policy-not-found");
  EXPECT_EQ(capProblemSlug(CapProblem::kEmbeddedIrDisabled), "cap/embedded-ir-disabled");
  EXPECT_EQ(capProblemSlug(CapProblem::kAdaptiveSelectionFailed), "cap/adaptive-selection-failed");
  EXPECT_EQ(capProblemSlug(CapProblem::kInvalidCsv), "cap/invalid-csv");
  EXPECT_EQ(capProblemSlug(CapProblem::kListTooLarge), "cap/list-too-large");
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
