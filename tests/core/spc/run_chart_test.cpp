#include "core/spc/run_chart.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "core/spc/spc_fixtures.hpp"

namespace hqms::spc {
namespace {

using testing::change_at;
using testing::exact;
using testing::has_field;
using testing::series;

TEST(SpcRunChart, CentreIsTheMedianAndThereAreNoLimits) {
  auto in = series({3, 1, 4, 1, 5, 9, 2, 6});
  auto chart = run_chart(in);
  ASSERT_TRUE(chart.ok());
  // Sorted 1 1 2 3 4 5 6 9: the median of an even count is (3 + 4) / 2.
  for (const auto& p : chart->points) {
    EXPECT_NEAR(p.centre, 3.5, exact);
    EXPECT_FALSE(p.upper);
    EXPECT_FALSE(p.lower);
    EXPECT_FALSE(p.beyond_limits);
  }
  ASSERT_EQ(chart->phases.size(), 1u);
  EXPECT_EQ(chart->phases[0].runs.useful_points, 8u);
}

TEST(SpcRunChart, ALongRunFlagsEveryPointOfThePhase) {
  // 16 points, median (6 + 20) / 2; the first 8 below, the last 8 above: runs of 8 > round(log2 16) + 3 = 7.
  auto in = series({1, 2, 3, 4, 5, 6, 1, 2, 20, 21, 22, 23, 24, 25, 26, 27});
  auto chart = run_chart(in);
  ASSERT_TRUE(chart.ok());
  EXPECT_NEAR(chart->points[0].centre, (6 + 20) / 2.0, exact);
  EXPECT_EQ(chart->phases[0].runs.longest_run, 8u);
  EXPECT_TRUE(chart->phases[0].runs.signal);
  for (const auto& p : chart->points) EXPECT_TRUE(p.runs_signal);
}

TEST(SpcRunChart, PhasesHaveTheirOwnMedianAndRunsAnalysis) {
  auto in = series({1, 2, 3, 10, 20, 30, 40});
  in.process_changes = {change_at(3, "New falls protocol")};
  auto chart = run_chart(in);
  ASSERT_TRUE(chart.ok());
  ASSERT_EQ(chart->phases.size(), 2u);
  EXPECT_NEAR(chart->points[0].centre, 2, exact);
  EXPECT_NEAR(chart->points[3].centre, 25, exact);
  EXPECT_EQ(chart->points[3].phase, 1u);
  EXPECT_EQ(chart->phases[0].runs.useful_points, 2u);  // the 2 sits on its median
  EXPECT_EQ(chart->phases[1].runs.useful_points, 4u);
}

TEST(SpcRunChart, BaselineFreezesTheMedian) {
  auto in = series({1, 2, 3, 100, 200});
  in.baseline_points = 3;
  auto chart = run_chart(in);
  ASSERT_TRUE(chart.ok());
  EXPECT_NEAR(chart->points[4].centre, 2, exact);
  EXPECT_TRUE(chart->points[2].in_baseline);
  EXPECT_FALSE(chart->points[3].in_baseline);
}

TEST(SpcRunChart, ExcludedPointsDoNotMoveTheMedianAndAreNotJudged) {
  auto in = series({1, 2, 1000, 3});
  in.exclusions = {{2, "Wrong unit entered"}};
  auto chart = run_chart(in);
  ASSERT_TRUE(chart.ok());
  EXPECT_NEAR(chart->points[0].centre, 2, exact);  // median of 1 2 3
  EXPECT_TRUE(chart->points[2].excluded);
  EXPECT_NEAR(chart->points[2].value, 1000, exact);  // still plotted
  EXPECT_EQ(chart->phases[0].runs.useful_points, 2u);
}

TEST(SpcRunChart, RejectsBadInputWithFieldNames) {
  EXPECT_TRUE(has_field(run_chart(ChartInput{}).error(), "values"));
  auto in = series({1, 2, 3});
  in.exclusions = {{7, ""}};
  in.process_changes = {change_at(0, "")};
  auto chart = run_chart(in);
  ASSERT_FALSE(chart.ok());
  EXPECT_EQ(chart.error().kind, ErrorKind::validation);
  EXPECT_EQ(testing::fields(chart.error()),
            (std::vector<std::string>{"exclusions[0].index", "exclusions[0].reason", "process_changes[0].at",
                                      "process_changes[0].reason"}));
  auto all_out = series({1, 2});
  all_out.exclusions = {{0, "a"}, {1, "b"}};
  EXPECT_TRUE(has_field(run_chart(all_out).error(), "values"));
  auto not_finite = series({1, std::numeric_limits<double>::quiet_NaN()});
  EXPECT_TRUE(has_field(run_chart(not_finite).error(), "values[1]"));
}

}  // namespace
}  // namespace hqms::spc
