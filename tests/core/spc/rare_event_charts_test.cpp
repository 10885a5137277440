#include "core/spc/rare_event_charts.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/spc/spc_fixtures.hpp"

namespace hqms::spc {
namespace {

using testing::exact;
using testing::has_field;
using testing::series;

TEST(SpcGChart, GeometricLimitsAroundTheMeanAndTheMedianAsCentre) {
  auto chart = g_chart(series({5, 0, 12, 3, 20}));
  ASSERT_TRUE(chart.ok());
  const double mean = 40.0 / 5;
  const double sigma = std::sqrt(mean * (mean + 1));
  const auto& p = chart->points[0];
  EXPECT_NEAR(p.centre, 5, exact);  // median of 0 3 5 12 20
  EXPECT_NEAR(*p.upper, mean + 3 * sigma, exact);
  EXPECT_NEAR(*p.lower, 0, exact);
  EXPECT_NEAR(*p.upper_2sigma, mean + 2 * sigma, exact);
  EXPECT_TRUE(has_field(g_chart(series({-1, 2})).error(), "values[0]"));
}

TEST(SpcTChart, IChartOnTheTransformedTimesBackTransformed) {
  const std::vector<double> days{10, 20, 15, 30, 25};
  auto chart = t_chart(series(days));
  ASSERT_TRUE(chart.ok());
  std::vector<double> t;
  for (double d : days) t.push_back(std::pow(d, 1 / 3.6));
  const double mean = (t[0] + t[1] + t[2] + t[3] + t[4]) / 5;
  std::vector<double> mr;
  for (std::size_t i = 1; i < 5; ++i) mr.push_back(std::fabs(t[i] - t[i - 1]));
  const double amr = (mr[0] + mr[1] + mr[2] + mr[3]) / 4;
  ASSERT_LT(*std::max_element(mr.begin(), mr.end()), 3.267 * amr);  // nothing screened
  const double sigma = amr / 1.128;
  const auto& p = chart->points[0];
  EXPECT_NEAR(p.value, 10, exact);
  EXPECT_NEAR(p.centre, std::pow(mean, 3.6), exact);
  EXPECT_NEAR(*p.upper, std::pow(mean + 3 * sigma, 3.6), exact);
  ASSERT_GT(mean - 3 * sigma, 0);
  EXPECT_NEAR(*p.lower, std::pow(mean - 3 * sigma, 3.6), exact);
  EXPECT_NEAR(*p.lower_2sigma, std::pow(mean - 2 * sigma, 3.6), exact);
}

TEST(SpcTChart, NegativeTransformedLowerLimitBecomesZero) {
  auto chart = t_chart(series({1, 400, 1, 400, 1}));
  ASSERT_TRUE(chart.ok());
  EXPECT_NEAR(*chart->points[0].lower, 0, exact);
  EXPECT_TRUE(has_field(t_chart(series({3, 0})).error(), "values[1]"));
}

}  // namespace
}  // namespace hqms::spc
