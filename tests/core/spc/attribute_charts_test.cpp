#include "core/spc/attribute_charts.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/spc/spc_fixtures.hpp"

namespace hqms::spc {
namespace {

using testing::change_at;
using testing::exact;
using testing::has_field;
using testing::series;

TEST(SpcPChart, LimitsFollowEachDenominator) {
  auto chart = p_chart(series({2, 5, 3}, {20, 50, 10}));
  ASSERT_TRUE(chart.ok());
  const double centre = 10.0 / 80;  // pooled: sum of numerators / sum of denominators
  const std::vector<double> n{20, 50, 10};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& p = chart->points[i];
    const double sigma = std::sqrt(centre * (1 - centre) / n[i]);
    EXPECT_NEAR(p.centre, centre, exact);
    EXPECT_NEAR(*p.upper, centre + 3 * sigma, exact);
    EXPECT_NEAR(*p.lower, std::max(0.0, centre - 3 * sigma), exact);
    EXPECT_NEAR(*p.upper_2sigma, centre + 2 * sigma, exact);
  }
  EXPECT_NEAR(chart->points[0].value, 0.1, exact);
  EXPECT_NEAR(*chart->points[0].lower, 0, exact);  // 0.125 - 3 x 0.0740 < 0, floored
  EXPECT_NEAR(*chart->points[2].lower_2sigma, 0, exact);
}

TEST(SpcPChart, UpperLimitIsCappedAtOne) {
  auto chart = p_chart(series({1, 0}, {2, 2}));
  ASSERT_TRUE(chart.ok());
  // centre 0.25, sigma sqrt(0.25 x 0.75 / 2) = 0.306: 0.25 + 0.919 > 1.
  EXPECT_NEAR(*chart->points[0].upper, 1, exact);
  EXPECT_NEAR(*chart->points[0].upper_2sigma, 0.25 + 2 * std::sqrt(0.25 * 0.75 / 2), exact);
}

TEST(SpcPChart, RejectsImpossibleCounts) {
  auto chart = p_chart(series({3, -1, 2}, {2, 5, 0}));
  ASSERT_FALSE(chart.ok());
  EXPECT_TRUE(has_field(chart.error(), "values[0]"));  // numerator above denominator
  EXPECT_TRUE(has_field(chart.error(), "values[1]"));  // negative
  EXPECT_TRUE(has_field(chart.error(), "denominators[2]"));
  EXPECT_TRUE(has_field(p_chart(series({1, 2}, {3})).error(), "denominators"));
}

TEST(SpcUChart, RatePerThousandWithPerPointLimits) {
  auto chart = u_chart(series({4, 6, 2}, {1000, 2000, 500}), 1000);
  ASSERT_TRUE(chart.ok());
  const double centre = 12.0 / 3500;
  const std::vector<double> n{1000, 2000, 500};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& p = chart->points[i];
    const double sigma = std::sqrt(centre / n[i]);
    EXPECT_NEAR(p.centre, 1000 * centre, exact);
    EXPECT_NEAR(*p.upper, 1000 * (centre + 3 * sigma), exact);
    EXPECT_NEAR(*p.lower, 1000 * std::max(0.0, centre - 3 * sigma), exact);
    EXPECT_NEAR(*p.lower_2sigma, 1000 * std::max(0.0, centre - 2 * sigma), exact);
  }
  EXPECT_NEAR(chart->points[0].value, 4, exact);
  EXPECT_NEAR(*chart->points[2].lower, 0, exact);
  EXPECT_TRUE(has_field(u_chart(series({1}, {0})).error(), "denominators[0]"));
}

TEST(SpcCChart, SigmaIsTheSquareRootOfTheMeanCount) {
  auto chart = c_chart(series({3, 5, 4, 8}));
  ASSERT_TRUE(chart.ok());
  const auto& p = chart->points[0];
  EXPECT_NEAR(p.centre, 5, exact);
  EXPECT_NEAR(*p.upper, 5 + 3 * std::sqrt(5.0), exact);
  EXPECT_NEAR(*p.lower, 0, exact);  // 5 - 6.71 floored
  EXPECT_NEAR(*p.lower_2sigma, 5 - 2 * std::sqrt(5.0), exact);
  EXPECT_TRUE(has_field(c_chart(series({1, -2})).error(), "values[1]"));
}

TEST(SpcCChart, ExclusionAndPhases) {
  auto in = series({2, 4, 40, 6, 10, 14});
  in.exclusions = {{2, "Counting error"}};
  in.process_changes = {change_at(4, "New reporting system")};
  auto chart = c_chart(in);
  ASSERT_TRUE(chart.ok());
  EXPECT_NEAR(chart->points[0].centre, 4, exact);  // (2 + 4 + 6) / 3
  EXPECT_FALSE(chart->points[2].beyond_limits);    // 40 > 4 + 3 x 2, but excluded
  EXPECT_NEAR(chart->points[5].centre, 12, exact);
  EXPECT_NEAR(*chart->points[5].upper, 12 + 3 * std::sqrt(12.0), exact);
}

}  // namespace
}  // namespace hqms::spc
