#include "core/spc/making_data_count.hpp"

#include <gtest/gtest.h>

#include "core/spc/spc_fixtures.hpp"
#include "core/spc/xmr_chart.hpp"

namespace hqms::spc {
namespace {

using testing::series;

// A chart with centre 0, 2-sigma lines at +-2 and limits at +-3, so that the rules can be tested on their
// own.
ChartResult flat_chart(const std::vector<double>& values, std::vector<std::size_t> excluded = {}) {
  ChartResult chart;
  for (std::size_t i = 0; i < values.size(); ++i) {
    ChartPoint p;
    p.value = values[i];
    p.centre = 0;
    p.lower = -3.0;
    p.upper = 3.0;
    p.lower_2sigma = -2.0;
    p.upper_2sigma = 2.0;
    for (auto e : excluded) p.excluded = p.excluded || e == i;
    chart.points.push_back(p);
  }
  chart.phases.push_back(PhaseResult{0, values.size(), {}});
  return chart;
}

std::vector<SpecialCause> causes(const std::vector<double>& values, std::vector<std::size_t> excluded = {}) {
  std::vector<SpecialCause> out;
  for (const auto& p : classify_points(flat_chart(values, excluded), ImprovementDirection::increase))
    out.push_back(p.cause);
  return out;
}

constexpr auto cc = SpecialCause::common_cause;

TEST(MakingDataCountRules, ShiftOfSevenIsASignalAndSixIsNot) {
  const auto up = SpecialCause::shift_above;
  EXPECT_EQ(causes({-1, 1, 1, 1, 1, 1, 1, 1, -1}),
            (std::vector<SpecialCause>{cc, up, up, up, up, up, up, up, cc}));
  EXPECT_EQ(causes({-1, 1, 1, 1, 1, 1, 1, -1}), std::vector<SpecialCause>(8, cc));
  // A point on the centre line breaks the shift.
  EXPECT_EQ(causes({1, 1, 1, 0, 1, 1, 1, 1}), std::vector<SpecialCause>(8, cc));
  EXPECT_EQ(causes({-1, -1, -1, -1, -1, -1, -1})[0], SpecialCause::shift_below);
}

TEST(MakingDataCountRules, TrendOfSevenIsASignalAndSixIsNot) {
  const auto in = SpecialCause::trend_increasing;
  EXPECT_EQ(causes({-1.5, -1, -0.5, 0.1, 0.5, 1, 1.5}), std::vector<SpecialCause>(7, in));
  EXPECT_EQ(causes({-1, -0.5, 0.1, 0.5, 1, 1.5}), std::vector<SpecialCause>(6, cc));
  // A repeated value is no step: the trend is broken.
  EXPECT_EQ(causes({-1.5, -1, -0.5, -0.5, 0.5, 1, 1.5}), std::vector<SpecialCause>(7, cc));
  EXPECT_EQ(causes({1.5, 1, 0.5, -0.1, -0.5, -1, -1.5, 0})[6], SpecialCause::trend_decreasing);
}

TEST(MakingDataCountRules, WhereTwoTrendsMeetThePointTakesTheStepToItsRight) {
  // Up 7 points (index 0..6), down 7 points (index 6..12): the peak takes the downward step after it.
  const std::vector<double> v{-1.5, -1, -0.5, 0.1, 0.5, 1, 1.5, 1, 0.5, 0.1, -0.5, -1, -1.5};
  const auto c = causes(v);
  EXPECT_EQ(c[5], SpecialCause::trend_increasing);
  EXPECT_EQ(c[6], SpecialCause::trend_decreasing);
  EXPECT_EQ(c[12], SpecialCause::trend_decreasing);
}

TEST(MakingDataCountRules, TwoOfThreeCloseToALimitOnTheSameSide) {
  const auto up = SpecialCause::two_of_three_above;
  // 2.5 and 2.5 are close to the upper limit, the 0.1 between them is on the same side: only the close
  // points.
  EXPECT_EQ(causes({-0.5, 2.5, 0.1, 2.5, -0.5}), (std::vector<SpecialCause>{cc, up, cc, up, cc}));
  // The middle point on the other side of the centre line spoils the window.
  EXPECT_EQ(causes({-0.5, 2.5, -0.1, 2.5, -0.5}), std::vector<SpecialCause>(5, cc));
  // A point beyond the limit is not "close": it signals on its own and does not make a pair.
  EXPECT_EQ(causes({-0.5, 2.5, 3.5, 0.5, -0.5}),
            (std::vector<SpecialCause>{cc, cc, SpecialCause::above_upper_limit, cc, cc}));
  EXPECT_EQ(causes({-2.5, -2.5, -1})[1], SpecialCause::two_of_three_below);
  // plotthedots wants all three points of the window on one side, even the one that is not close.
  EXPECT_EQ(causes({-2.5, -2.5, 1}), std::vector<SpecialCause>(3, cc));
}

TEST(MakingDataCountRules, BeyondTheLimitsTakesPrecedence) {
  // A trend whose last point also crosses the upper limit: that point reads "above the upper limit".
  const auto c = causes({-1.5, -1, -0.5, 0.1, 0.5, 1, 3.5});
  EXPECT_EQ(c[5], SpecialCause::trend_increasing);
  EXPECT_EQ(c[6], SpecialCause::above_upper_limit);
  EXPECT_EQ(causes({-4})[0], SpecialCause::below_lower_limit);
}

TEST(MakingDataCountRules, ExcludedPointsAreSkippedAndNeverFlagged) {
  // Seven judged points above the line with an excluded one in between still form a shift.
  const auto c = causes({1, 1, 1, -9, 1, 1, 1, 1}, {3});
  EXPECT_EQ(c[3], cc);
  EXPECT_EQ(c[0], SpecialCause::shift_above);
  EXPECT_EQ(c[7], SpecialCause::shift_above);
}

TEST(MakingDataCountRules, PointsReadAsImprovingOrConcerningByDirection) {
  auto chart = flat_chart({0, 4, -4});
  auto up = classify_points(chart, ImprovementDirection::increase);
  EXPECT_EQ(up[0].variation, PointVariation::common_cause);
  EXPECT_EQ(up[1].variation, PointVariation::improvement);
  EXPECT_EQ(up[2].variation, PointVariation::concern);
  auto down = classify_points(chart, ImprovementDirection::decrease);
  EXPECT_EQ(down[1].variation, PointVariation::concern);
  EXPECT_EQ(down[2].variation, PointVariation::improvement);
  auto neither = classify_points(chart, ImprovementDirection::neutral);
  EXPECT_EQ(neither[1].variation, PointVariation::neutral_high);
  EXPECT_EQ(neither[2].variation, PointVariation::neutral_low);
}

TEST(MakingDataCountIcons, VariationIconFollowsTheLastPoint) {
  using enum ImprovementDirection;
  EXPECT_EQ(read_chart(flat_chart({0, 4}), increase, {}).variation, VariationIcon::improvement_high);
  EXPECT_EQ(read_chart(flat_chart({0, -4}), increase, {}).variation, VariationIcon::concern_low);
  EXPECT_EQ(read_chart(flat_chart({0, 4}), decrease, {}).variation, VariationIcon::concern_high);
  EXPECT_EQ(read_chart(flat_chart({0, -4}), decrease, {}).variation, VariationIcon::improvement_low);
  EXPECT_EQ(read_chart(flat_chart({0, 4}), neutral, {}).variation, VariationIcon::neutral_high);
  EXPECT_EQ(read_chart(flat_chart({0, -4}), neutral, {}).variation, VariationIcon::neutral_low);
  EXPECT_EQ(read_chart(flat_chart({4, 0}), increase, {}).variation, VariationIcon::common_cause);
  // An excluded last point is passed over.
  EXPECT_EQ(read_chart(flat_chart({4, 0}, {1}), increase, {}).variation, VariationIcon::improvement_high);
  EXPECT_EQ(to_string(VariationIcon::concern_high), "concern_high");
}

TEST(MakingDataCountIcons, AssuranceComparesTheTargetWithTheLimits) {
  using enum ImprovementDirection;
  const auto chart = flat_chart({0, 1});  // limits -3 .. 3
  EXPECT_EQ(read_chart(chart, increase, -3.5).assurance, AssuranceIcon::consistently_met);
  EXPECT_EQ(read_chart(chart, increase, 3.5).assurance, AssuranceIcon::consistently_failed);
  EXPECT_EQ(read_chart(chart, decrease, -3.5).assurance, AssuranceIcon::consistently_failed);
  EXPECT_EQ(read_chart(chart, decrease, 3.5).assurance, AssuranceIcon::consistently_met);
  EXPECT_EQ(read_chart(chart, increase, 3.0).assurance, AssuranceIcon::hit_and_miss);  // on the limit
  EXPECT_EQ(read_chart(chart, increase, 0.0).assurance, AssuranceIcon::hit_and_miss);
  EXPECT_EQ(read_chart(chart, neutral, 3.5).assurance, AssuranceIcon::none);
  EXPECT_EQ(read_chart(chart, increase, {}).assurance, AssuranceIcon::none);
  EXPECT_EQ(to_string(AssuranceIcon::hit_and_miss), "inconsistent");
  EXPECT_EQ(improvement_direction_from_string("decrease"), decrease);
}

TEST(MakingDataCountIcons, OnAnXmrChartWithPlotTheDotsLimits) {
  // 12 points: mean 10.5; moving ranges all 1 except 13 -> the 24 at the end is beyond 10.5 + 2.66 x amr.
  auto in = series({10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 24});
  auto chart = individuals_chart(in, {XmrMethod::making_data_count, true});
  ASSERT_TRUE(chart.ok());
  auto reading = read_chart(*chart, ImprovementDirection::decrease, 5.0);
  EXPECT_EQ(reading.points[11].cause, SpecialCause::above_upper_limit);
  EXPECT_EQ(reading.variation, VariationIcon::concern_high);
  EXPECT_EQ(reading.assurance, AssuranceIcon::consistently_failed);
  ASSERT_EQ(reading.short_phases.size(), 1u);
  EXPECT_TRUE(reading.short_phases[0]);  // 12 < 13 points: trial limits
}

}  // namespace
}  // namespace hqms::spc
