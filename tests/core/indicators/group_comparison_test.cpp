#include "core/indicators/group_comparison.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/spc/funnel_plot.hpp"

namespace hqms::indicators {
namespace {

constexpr double exact = 1e-9;

IndicatorDefinition readmissions() {
  IndicatorDefinition d;
  d.code = "readmissions";
  d.name = "30-day readmissions";
  d.type = IndicatorType::proportion;
  d.per = 100;
  d.numerator = {"encounters", Aggregate::count, "", {}};
  d.denominator = Measure{"encounters", Aggregate::count, "", {}};
  d.chart = ChartType::p;
  d.direction = Direction::lower_is_better;
  return d;
}

TEST(GroupComparison, SmallGroupsAndTheirComplementAreHidden) {
  std::vector<GroupCount> groups{
      {"a", "Group A", 5, 100}, {"b", "Group B", 30, 1000}, {"c", "Group C", 40, 2000}};
  auto result = compare_groups(readmissions(), groups, {11});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->groups[0].suppressed);  // 5 readmissions: fewer than 11
  EXPECT_TRUE(result->groups[1].suppressed);  // hidden too, or A = total - B - C
  EXPECT_FALSE(result->groups[2].suppressed);
  EXPECT_FALSE(result->groups[0].value.has_value());
  EXPECT_FALSE(result->groups[1].numerator.has_value());
  EXPECT_NEAR(*result->overall, 75.0 / 3100 * 100, exact);  // the total still counts every group
  EXPECT_FALSE(result->gap.has_value());                    // one group shown: nothing to compare
}

TEST(GroupComparison, NoSuppressionWhenSwitchedOffAndZeroCountsAreNotSmall) {
  std::vector<GroupCount> groups{{"a", "A", 0, 500}, {"b", "B", 5, 100}};
  auto off = compare_groups(readmissions(), groups, {0});
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->groups[1].suppressed);
  auto on = compare_groups(readmissions(), {{"a", "A", 0, 500}, {"b", "B", 12, 100}}, {11});
  ASSERT_TRUE(on.ok());
  EXPECT_FALSE(on->groups[0].suppressed);  // none readmitted out of 500 identifies nobody
}

TEST(GroupComparison, BestWorstGapAndFunnelLimitsFollowTheDirection) {
  std::vector<GroupCount> groups{{"f", "Female", 40, 400}, {"m", "Male", 110, 600}};
  auto result = compare_groups(readmissions(), groups, {11});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->best, "f");  // 10% < 18.3%, and lower is better
  EXPECT_EQ(result->worst, "m");
  EXPECT_NEAR(*result->gap, 110.0 / 6 - 10, exact);
  EXPECT_NEAR(*result->ratio, 110.0 / 60, exact);
  const double p0 = 150.0 / 1000;
  EXPECT_NEAR(*result->groups[1].upper_95, (p0 + spc::z_95 * std::sqrt(p0 * (1 - p0) / 600)) * 100, exact);
  EXPECT_TRUE(result->groups[1].outside_95);
}

TEST(GroupComparison, MediansCannotBeComparedFromCounts) {
  auto d = readmissions();
  d.type = IndicatorType::median;
  EXPECT_FALSE(compare_groups(d, {{"a", "A", 1, 1}}, {11}).ok());
}

}  // namespace
}  // namespace hqms::indicators
