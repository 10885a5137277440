#include "core/common/timestamp.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

TEST(Timestamp, FormatsAndParsesRoundTrip) {
  auto t = parse_iso("2026-11-26T08:04:13.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_iso(*t), "2026-11-26T08:04:13.123Z");
  EXPECT_EQ(format_date(*t), "2026-11-26");
}

TEST(Timestamp, ParsesWithoutMilliseconds) {
  auto t = parse_iso("2024-02-29T23:59:59Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_iso(*t), "2024-02-29T23:59:59.000Z");
}

TEST(Timestamp, RefusesMalformedText) {
  for (const char* bad : {"", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-26 08:04:13Z",
                          "2026-11-26T08:04:13", "2026-11-26T24:00:00Z", "2026-11-26T08:04:13.1Z", "x"})
    EXPECT_FALSE(parse_iso(bad)) << bad;
}

// A sign where a digit belongs was read as a negative field (fuzz/body_reader now checks that every instant
// a body gives reads back as it was written).
TEST(Timestamp, RefusesSignsInsideFields) {
  for (const char* bad : {"2026-11-26T-1:00:00Z", "2026-11-26T08:-4:13Z", "2026-11-26T08:04:-3Z",
                          "2026-11-26T08:04:13.-01Z", "-001-01-01T00:00:00Z"})
    EXPECT_FALSE(parse_iso(bad)) << bad;
  EXPECT_FALSE(parse_date_or_instant("-001-01-01"));
}

TEST(Timestamp, DateOrInstant) {
  EXPECT_EQ(format_iso(*parse_date_or_instant("2026-01-31")), "2026-01-31T00:00:00.000Z");
  EXPECT_FALSE(parse_date_or_instant("2026-01-32"));
  EXPECT_TRUE(parse_date_or_instant("2026-01-31T10:00:00Z"));
}

}  // namespace
}  // namespace hqms
