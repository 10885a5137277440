#include "core/spc/xmr_chart.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/spc/spc_fixtures.hpp"

namespace hqms::spc {
namespace {

using testing::change_at;
using testing::exact;
using testing::has_field;
using testing::series;

// Ten points with one wild value: its two moving ranges (53) are screened out by qicharts2's rule.
const std::vector<double> with_outlier{5, 7, 6, 8, 7, 6, 7, 60, 7, 6};

TEST(SpcXmrChart, Qicharts2ScreensLargeMovingRangesAndDividesBy1128) {
  auto chart = individuals_chart(series(with_outlier));
  ASSERT_TRUE(chart.ok());
  const double centre = 119.0 / 10;
  // Moving ranges 2 1 2 1 1 1 53 53 1: mean 115 / 9; 53 >= 3.267 x 115 / 9 = 41.7 is screened out,
  // leaving 2 1 2 1 1 1 1 with mean 9 / 7.
  const double sigma = (9.0 / 7) / 1.128;
  const auto& p = chart->points[0];
  EXPECT_NEAR(p.centre, centre, exact);
  EXPECT_NEAR(*p.upper, centre + 3 * sigma, exact);
  EXPECT_NEAR(*p.lower, centre - 3 * sigma, exact);
  EXPECT_NEAR(*p.upper_2sigma, centre + 2 * sigma, exact);
  EXPECT_NEAR(*p.lower_2sigma, centre - 2 * sigma, exact);
  EXPECT_TRUE(chart->points[7].beyond_limits);
}

TEST(SpcXmrChart, MakingDataCountUses266TimesTheMeanMovingRange) {
  auto chart = individuals_chart(series(with_outlier), {XmrMethod::making_data_count, true});
  ASSERT_TRUE(chart.ok());
  const double mean = 119.0 / 10;
  const double amr = 9.0 / 7;  // screened as plotthedots does by default (screen_outliers = TRUE)
  const auto& p = chart->points[3];
  EXPECT_NEAR(p.centre, mean, exact);
  EXPECT_NEAR(*p.upper, mean + 2.66 * amr, exact);
  EXPECT_NEAR(*p.lower, mean - 2.66 * amr, exact);
  EXPECT_NEAR(*p.upper_2sigma, mean + 2 * (2.66 / 3) * amr, exact);
  EXPECT_NEAR(*p.lower_2sigma, mean - 2 * (2.66 / 3) * amr, exact);
}

TEST(SpcXmrChart, MakingDataCountCanLeaveMovingRangesUnscreened) {
  auto chart = individuals_chart(series(with_outlier), {XmrMethod::making_data_count, false});
  ASSERT_TRUE(chart.ok());
  const double amr = 115.0 / 9;
  EXPECT_NEAR(*chart->points[0].upper, 11.9 + 2.66 * amr, exact);
  EXPECT_NEAR(*chart->points[0].lower, 11.9 - 2.66 * amr, exact);
}

TEST(SpcXmrChart, ExcludedPointGivesTheLimitsNoWeightAndIsNotFlagged) {
  auto in = series(with_outlier);
  in.exclusions = {{7, "Duplicate import"}};
  auto chart = individuals_chart(in);
  ASSERT_TRUE(chart.ok());
  // Basis 5 7 6 8 7 6 7 7 6: mean 59 / 9; moving ranges across the gap 2 1 2 1 1 1 0 1, mean 9 / 8, none
  // screened (3.267 x 9 / 8 = 3.68).
  const double centre = 59.0 / 9;
  const double sigma = (9.0 / 8) / 1.128;
  EXPECT_NEAR(chart->points[0].centre, centre, exact);
  EXPECT_NEAR(*chart->points[0].upper, centre + 3 * sigma, exact);
  EXPECT_TRUE(chart->points[7].excluded);
  EXPECT_NEAR(chart->points[7].value, 60, exact);
  EXPECT_FALSE(chart->points[7].beyond_limits);
  EXPECT_FALSE(chart->points[7].runs_signal);
  EXPECT_FALSE(chart->points[7].in_baseline);
}

TEST(SpcXmrChart, PhasesRecalculateAndABaselineFreezesTheLimits) {
  auto in = series({1, 2, 3, 4, 10, 12, 11, 50, 60});
  in.process_changes = {change_at(4, "New discharge process", 3)};
  auto chart = individuals_chart(in);
  ASSERT_TRUE(chart.ok());
  // Phase 1: mean 2.5, moving ranges 1 1 1.
  EXPECT_NEAR(*chart->points[0].upper, 2.5 + 3 * (1.0 / 1.128), exact);
  // Phase 2 frozen on 10 12 11: mean 11, moving ranges 2 1, mean 1.5.
  const double upper = 11 + 3 * (1.5 / 1.128);
  EXPECT_NEAR(chart->points[4].centre, 11, exact);
  EXPECT_NEAR(*chart->points[8].upper, upper, exact);
  EXPECT_TRUE(chart->points[7].beyond_limits);
  EXPECT_TRUE(chart->points[8].beyond_limits);
  EXPECT_FALSE(chart->points[7].in_baseline);
  EXPECT_EQ(chart->points[8].phase, 1u);
}

TEST(SpcXmrChart, MovingRangeChartAsQicharts2) {
  auto chart = moving_range_chart(series(with_outlier));
  ASSERT_TRUE(chart.ok());
  EXPECT_TRUE(std::isnan(chart->points[0].value));
  EXPECT_NEAR(chart->points[1].value, 2, exact);
  // Centre = the mean of all nine moving ranges (no screening), upper = 3.267 x centre, lower = 0.
  const double centre = 115.0 / 9;
  EXPECT_NEAR(chart->points[1].centre, centre, exact);
  EXPECT_NEAR(*chart->points[1].upper, 3.267 * centre, exact);
  EXPECT_NEAR(*chart->points[1].lower, 0, exact);
  EXPECT_TRUE(chart->points[7].beyond_limits);
  EXPECT_TRUE(chart->points[8].beyond_limits);
  EXPECT_FALSE(chart->points[0].beyond_limits);
  EXPECT_FALSE(chart->phases[0].runs.signal);
}

TEST(SpcXmrChart, NeedsTwoPointsPerPhase) {
  auto in = series({1, 2, 3});
  in.process_changes = {change_at(2, "New triage")};
  auto chart = individuals_chart(in);
  ASSERT_FALSE(chart.ok());
  EXPECT_TRUE(has_field(chart.error(), "process_changes[0]"));
  EXPECT_TRUE(has_field(individuals_chart(series({4})).error(), "values"));
  auto short_baseline = series({4, 5, 6});
  short_baseline.baseline_points = 1;
  EXPECT_TRUE(has_field(individuals_chart(short_baseline).error(), "values"));
}

}  // namespace
}  // namespace hqms::spc
