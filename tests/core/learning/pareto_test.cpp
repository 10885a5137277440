#include "core/learning/pareto.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

std::vector<std::string> keys(const std::vector<ParetoBar>& bars) {
  std::vector<std::string> out;
  for (const auto& b : bars) out.push_back(b.key);
  return out;
}

std::vector<std::string> vital_few(const std::vector<ParetoBar>& bars) {
  std::vector<std::string> out;
  for (const auto& b : bars)
    if (b.vital_few) out.push_back(b.key);
  return out;
}

TEST(Pareto, BarsInDescendingOrderWithCumulativePercent) {
  auto bars = pareto({{"comm", "Communication", 10}, {"staff", "Staffing", 50}, {"equip", "Equipment", 40}});
  ASSERT_EQ(keys(bars), (std::vector<std::string>{"staff", "equip", "comm"}));
  EXPECT_EQ(bars[0].label, "Staffing");
  EXPECT_EQ(bars[0].count, 50);
  EXPECT_DOUBLE_EQ(bars[0].percent, 50.0);
  EXPECT_DOUBLE_EQ(bars[1].percent, 40.0);
  EXPECT_DOUBLE_EQ(bars[2].percent, 10.0);
  EXPECT_DOUBLE_EQ(bars[0].cumulative_percent, 50.0);
  EXPECT_DOUBLE_EQ(bars[1].cumulative_percent, 90.0);
  EXPECT_DOUBLE_EQ(bars[2].cumulative_percent, 100.0);
}

TEST(Pareto, TheBarThatCrossesTheCutIsVital) {
  // 50%, then 90%: the second bar crosses 80% and belongs to the vital few; the third does not.
  auto bars = pareto({{"comm", "Communication", 10}, {"staff", "Staffing", 50}, {"equip", "Equipment", 40}});
  EXPECT_EQ(vital_few(bars), (std::vector<std::string>{"staff", "equip"}));
}

TEST(Pareto, ABarLandingExactlyOnTheCutEndsTheVitalFew) {
  auto bars = pareto({{"a", "A", 8}, {"b", "B", 1}, {"c", "C", 1}});
  EXPECT_DOUBLE_EQ(bars[0].cumulative_percent, 80.0);
  EXPECT_EQ(vital_few(bars), std::vector<std::string>{"a"});
}

TEST(Pareto, TheCutIsNotMovedByRounding) {
  // 35 causes once each: 28 of them make exactly 80%, though 28 sums of 100/35 come to 79.99999999999999.
  std::vector<CategoryCount> counts;
  for (int i = 0; i < 35; ++i) {
    const std::string key = (i < 10 ? "c0" : "c") + std::to_string(i);
    counts.push_back({key, key, 1});
  }
  auto bars = pareto(counts);
  ASSERT_EQ(bars.size(), 35u);
  EXPECT_EQ(vital_few(bars).size(), 28u);
  EXPECT_TRUE(bars[27].vital_few);
  EXPECT_FALSE(bars[28].vital_few);
  EXPECT_DOUBLE_EQ(bars[27].cumulative_percent, 80.0);
  EXPECT_DOUBLE_EQ(bars[34].cumulative_percent, 100.0);
}

TEST(Pareto, JustUnderTheCutNeedsOneMoreBar) {
  auto bars = pareto({{"a", "A", 79}, {"b", "B", 11}, {"c", "C", 10}});
  EXPECT_EQ(vital_few(bars), (std::vector<std::string>{"a", "b"}));
}

TEST(Pareto, OneDominantCauseIsTheVitalFewAlone) {
  auto bars = pareto({{"a", "A", 95}, {"b", "B", 3}, {"c", "C", 2}});
  EXPECT_EQ(vital_few(bars), std::vector<std::string>{"a"});
}

TEST(Pareto, TiesKeepTheOrderOfLabel) {
  auto bars =
      pareto({{"z", "Patient", 3}, {"y", "Environment", 3}, {"x", "Communication", 3}, {"w", "Task", 5}});
  EXPECT_EQ(keys(bars), (std::vector<std::string>{"w", "x", "y", "z"}));
  // The same counts in another order give the same chart.
  auto again =
      pareto({{"x", "Communication", 3}, {"w", "Task", 5}, {"z", "Patient", 3}, {"y", "Environment", 3}});
  EXPECT_EQ(keys(again), keys(bars));
}

TEST(Pareto, ATieAcrossTheCutIsSplitByLabel) {
  // 60%, 80%, 100%: "Beta" reaches the cut and "Gamma", with the same count, falls after it.
  auto bars = pareto({{"g", "Gamma", 2}, {"b", "Beta", 2}, {"a", "Alpha", 6}});
  EXPECT_EQ(vital_few(bars), (std::vector<std::string>{"a", "b"}));
}

TEST(Pareto, ZeroCountsAreDropped) {
  auto bars = pareto({{"a", "A", 0}, {"b", "B", 4}, {"c", "C", 0}});
  ASSERT_EQ(keys(bars), std::vector<std::string>{"b"});
  EXPECT_DOUBLE_EQ(bars[0].percent, 100.0);
  EXPECT_TRUE(bars[0].vital_few);
}

TEST(Pareto, NothingToChart) {
  EXPECT_TRUE(pareto({}).empty());
  EXPECT_TRUE(pareto({{"a", "A", 0}}).empty());
}

TEST(Pareto, AnotherCut) {
  auto counts = std::vector<CategoryCount>{{"a", "A", 50}, {"b", "B", 30}, {"c", "C", 20}};
  EXPECT_EQ(vital_few(pareto(counts, 50.0)), std::vector<std::string>{"a"});
  EXPECT_EQ(vital_few(pareto(counts, 90.0)), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(vital_few(pareto(counts, 100.0)), (std::vector<std::string>{"a", "b", "c"}));
}

}  // namespace
}  // namespace hqms
