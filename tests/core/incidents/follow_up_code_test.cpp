#include "core/incidents/follow_up_code.hpp"

#include <gtest/gtest.h>

#include <set>

namespace hqms {
namespace {

TEST(FollowUpCode, IsSixteenCharactersInGroupsOfFour) {
  const auto code = new_follow_up_code();
  ASSERT_EQ(code.size(), 19u) << code;
  for (std::size_t i : {4u, 9u, 14u}) EXPECT_EQ(code[i], '-') << code;
  EXPECT_EQ(normalise_follow_up_code(code), code);
  for (char c : code) EXPECT_EQ(std::string("ILOU").find(c), std::string::npos) << code;
}

TEST(FollowUpCode, CodesDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(new_follow_up_code());
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(FollowUpCode, ForgivesCaseSpacesAndLookAlikes) {
  EXPECT_EQ(normalise_follow_up_code("k7qm 2xpa 9rtd w4hn"), "K7QM-2XPA-9RTD-W4HN");
  EXPECT_EQ(normalise_follow_up_code("O0IL-0000-0000-0000"), "0011-0000-0000-0000");
}

TEST(FollowUpCode, RefusesWhatCannotBeACode) {
  EXPECT_EQ(normalise_follow_up_code(""), std::nullopt);
  EXPECT_EQ(normalise_follow_up_code("K7QM-2XPA-9RTD"), std::nullopt);        // too short
  EXPECT_EQ(normalise_follow_up_code("K7QM-2XPA-9RTD-W4HNX"), std::nullopt);  // too long
  EXPECT_EQ(normalise_follow_up_code("K7QM-2XPA-9RTD-W4H!"), std::nullopt);   // not in the alphabet
  EXPECT_EQ(normalise_follow_up_code("U7QM-2XPA-9RTD-W4HN"), std::nullopt);   // U is never used
}

}  // namespace
}  // namespace hqms
