#include "core/common/text_checks.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

TEST(TextChecks, BlankIsOnlyWhitespace) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(" \t\r\n"));
  EXPECT_FALSE(is_blank(" x "));
}

TEST(TextChecks, CharactersNotBytes) {
  EXPECT_EQ(character_count(""), 0u);
  EXPECT_EQ(character_count("abc"), 3u);
  EXPECT_EQ(character_count("\xC3\x84rztliche \xC3\x9C"
                            "bergabe"),
            18u);                                                  // Ärztliche Übergabe: 20 bytes
  EXPECT_EQ(character_count("\xE2\x82\xAC\xF0\x9F\x92\x89"), 2u);  // a euro sign and a syringe emoji
}

TEST(TextChecks, IndexedFieldNames) {
  EXPECT_EQ(indexed_field("actions", 2, "description"), "actions[2].description");
  EXPECT_EQ(indexed_field("team", 1), "team[1]");
}

TEST(TextChecks, RequiredAndLength) {
  std::vector<FieldError> errors;
  check_required_text(errors, "title", "  ", 5);
  check_required_text(errors, "name", "\xC3\x84\xC3\x84\xC3\x84\xC3\x84\xC3\x84",
                      5);  // 5 characters, 10 bytes
  check_required_text(errors, "process", "abcdef", 5);
  check_text_length(errors, "note", "", 5);
  check_text_length(errors, "cause", "abcdef", 5);
  EXPECT_EQ(errors, (std::vector<FieldError>{{"title", "is required"},
                                             {"process", "must be at most 5 characters"},
                                             {"cause", "must be at most 5 characters"}}));
}

}  // namespace
}  // namespace hqms
