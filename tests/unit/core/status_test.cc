#include "core/status.h"

#include <gtest/gtest.h>

namespace tars {
namespace {

StatusOr<int> half(int x) {
  if (x % 2 != 0)
    return invalidArgument("odd");
  return x / 2;
}

Status quarter(int x, int& out) {
  TARS_ASSIGN_OR_RETURN(int h, half(x));
  TARS_ASSIGN_OR_RETURN(out, half(h));
  return Status::ok();
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.isOk());
  EXPECT_EQ(s.toString(), "OK");
}

TEST(StatusTest, CarriesCodeMessageAndFields) {
  Status s = validationError("bad body", {{"a.b", "expected string"}});
  EXPECT_FALSE(s.isOk());
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_EQ(s.toString(), "VALIDATION: bad body [a.b: expected string]");
}

TEST(StatusOrTest, ValueOrError) {
  auto ok = half(4);
  ASSERT_TRUE(ok.isOk());
  EXPECT_EQ(*ok, 2);
  auto bad = half(3);
  ASSERT_FALSE(bad.isOk());
  EXPECT_EQ(bad.status().message(), "odd");
}

TEST(StatusOrTest, OkStatusBecomesInternalError) {
  StatusOr<int> s(Status::ok());
  EXPECT_FALSE(s.isOk());
  EXPECT_EQ(s.status().code(), StatusCode::kInternal);
}

TEST(StatusMacrosTest, PropagateFirstError) {
  int out = 0;
  EXPECT_TRUE(quarter(8, out).isOk());
  EXPECT_EQ(out, 2);
  EXPECT_EQ(quarter(6, out).message(), "odd");
}

}  // namespace
}  // namespace tars
