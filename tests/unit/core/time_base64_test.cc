// parseRfc3339 and base64StdDecode.
#include <gtest/gtest.h>

#include "core/base64url.h"
#include "core/time_format.h"

namespace tars {
namespace {

TEST(ParseRfc3339Test, RoundTripsAndOffsets) {
  auto t = parseRfc3339("2025-11-14T09:30:00.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(formatRfc3339Millis(*t), "2025-11-14T09:30:00.123Z");
  EXPECT_EQ(formatRfc3339Millis(*parseRfc3339("2025-11-14T10:30:00+01:00")),
            "2025-11-14T09:30:00.000Z");
  EXPECT_EQ(formatRfc3339Millis(*parseRfc3339("2025-11-14t09:30:00z")), "2025-11-14T09:30:00.000Z");
  for (const char* bad : {"2025-02-30T00:00:00Z", "2025-11-14 09:30:00Z", "2025-11-14T09:30:00",
                          "2025-11-14T24:00:00Z", "1969-12-31T23:59:59Z", "2025-11-14T09:30:00.Z",
                          "2025-11-14T09:30:00+0100", ""}) {
    EXPECT_FALSE(parseRfc3339(bad)) << bad;
  }
}

TEST(Base64StdDecodeTest, StrictPadding) {
  EXPECT_EQ(base64StdDecode("YTpi"), "a:b");
  EXPECT_EQ(base64StdDecode("YQ=="), "a");
  EXPECT_EQ(base64StdDecode("+/8="), std::string("\xfb\xff"));
  EXPECT_FALSE(base64StdDecode("YQ"));
  EXPECT_FALSE(base64StdDecode("YQ="));
  EXPECT_FALSE(base64StdDecode("YR=="));  // non-zero unused bits
  EXPECT_FALSE(base64StdDecode("-_8="));  // url alphabet
}

}  // namespace
}  // namespace tars
