#include "http/json/body_reader.hpp"

#include <gtest/gtest.h>

namespace hqms::http {
namespace {

// Found by fuzz/body_reader: a version past int was narrowed (4294967297 read as 1), so it passed the store's
// check for version 1.
TEST(BodyReader, AVersionNoIntHoldsIsRefusedNotNarrowed) {
  for (const char* text : {R"({"version": 4294967297})", R"({"version": 18446744073709551615})",
                           R"({"version": -4294967295})", R"({"version": 2147483648})"}) {
    auto body = BodyReader::parse_text(text);
    ASSERT_TRUE(body) << text;
    int version = 7;
    body->version(version);
    EXPECT_FALSE(body->ok()) << text;
    EXPECT_EQ(version, 7) << text;
  }
  auto body = BodyReader::parse_text(R"({"version": 2147483647})");
  ASSERT_TRUE(body);
  int version = 0;
  body->version(version);
  EXPECT_TRUE(body->ok());
  EXPECT_EQ(version, 2147483647);
}

}  // namespace
}  // namespace hqms::http
