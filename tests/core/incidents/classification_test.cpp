#include "core/incidents/classification.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

TEST(Classification, TheAhrqCategoriesAreAllThere) {
  EXPECT_EQ(all_event_categories().size(), 10u);
  for (auto c : all_event_categories()) {
    EXPECT_EQ(event_category_from_string(to_string(c)), c);
    EXPECT_FALSE(label(c).empty());
  }
  EXPECT_EQ(label(EventCategory::device), "Device or medical/surgical supply, including health IT");
  EXPECT_FALSE(event_category_from_string("wrong_site"));
}

TEST(Classification, HarmScaleAndMerpHaveMeanings) {
  EXPECT_EQ(all_harm_levels().size(), 6u);
  for (auto h : all_harm_levels()) {
    EXPECT_EQ(harm_level_from_string(to_string(h)), h);
    EXPECT_FALSE(meaning(h).empty());
  }
  ASSERT_EQ(all_merp_categories().size(), 9u);
  EXPECT_EQ(to_string(all_merp_categories().front()), "A");
  EXPECT_EQ(to_string(all_merp_categories().back()), "I");
  EXPECT_EQ(meaning(MerpCategory::H),
            "An error occurred that required intervention necessary to sustain life.");
  EXPECT_EQ(merp_category_from_string("E"), MerpCategory::E);
  EXPECT_FALSE(merp_category_from_string("J"));
  for (auto t : all_event_types()) EXPECT_EQ(event_type_from_string(to_string(t)), t);
  EXPECT_EQ(harm_duration_from_string("permanent"), HarmDuration::permanent);
}

}  // namespace
}  // namespace hqms
