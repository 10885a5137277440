#include "core/spc/xbar_s_chart.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/spc/spc_fixtures.hpp"

namespace hqms::spc {
namespace {

using testing::exact;
using testing::has_field;
using testing::series;

const double pi = std::numbers::pi;

TEST(SpcXbarSChart, C4MatchesItsClosedForms) {
  EXPECT_NEAR(c4_constant(2), std::sqrt(2 / pi), 1e-12);
  EXPECT_NEAR(c4_constant(3), std::sqrt(pi) / 2, 1e-12);
  EXPECT_NEAR(c4_constant(4), std::sqrt(2.0 / 3) * 2 / std::sqrt(pi), 1e-12);
  // The printed control-chart table: A3(5) = 1.427, B4(5) = 2.089, B3(6) = 0.030.
  const auto c5 = [](double n) { return std::sqrt(1 - c4_constant(n) * c4_constant(n)); };
  EXPECT_NEAR(3 / (c4_constant(5) * std::sqrt(5.0)), 1.427, 5e-4);
  EXPECT_NEAR(1 + 3 * c5(5) / c4_constant(5), 2.089, 5e-4);
  EXPECT_NEAR(1 - 3 * c5(6) / c4_constant(6), 0.030, 5e-4);
}

ChartInput subgroups(std::vector<double> means, std::vector<double> sizes, std::vector<double> sds) {
  auto in = series(std::move(means), std::move(sizes));
  in.subgroup_sds = std::move(sds);
  return in;
}

TEST(SpcXbarSChart, EqualSizesUseTheMeanStandardDeviation) {
  const auto in = subgroups({10, 12, 11}, {4, 4, 4}, {2, 1, 3});
  auto xbar = xbar_chart(in);
  ASSERT_TRUE(xbar.ok());
  const double c4 = std::sqrt(2.0 / 3) * 2 / std::sqrt(pi);
  const double a3 = 3 / (c4 * 2);  // sqrt(4) = 2
  EXPECT_NEAR(xbar->points[0].centre, 11, exact);
  EXPECT_NEAR(*xbar->points[0].upper, 11 + a3 * 2, exact);
  EXPECT_NEAR(*xbar->points[0].lower, 11 - a3 * 2, exact);
  EXPECT_NEAR(*xbar->points[0].upper_2sigma, 11 + 2 * a3 / 3 * 2, exact);
  auto s = s_chart(in);
  ASSERT_TRUE(s.ok());
  const double spread = std::sqrt(1 - c4 * c4) / c4;
  EXPECT_NEAR(s->points[0].value, 2, exact);
  EXPECT_NEAR(s->points[0].centre, 2, exact);
  EXPECT_NEAR(*s->points[0].upper, (1 + 3 * spread) * 2, exact);
  EXPECT_NEAR(*s->points[0].lower, std::max(0.0, 1 - 3 * spread) * 2, exact);
}

TEST(SpcXbarSChart, VaryingSizesPoolTheStandardDeviation) {
  const auto in = subgroups({10, 14}, {3, 5}, {2, 1});
  auto xbar = xbar_chart(in);
  ASSERT_TRUE(xbar.ok());
  const double centre = (3 * 10.0 + 5 * 14.0) / 8;
  const double pooled = std::sqrt((2 * 4.0 + 4 * 1.0) / (2 + 4));
  for (std::size_t i = 0; i < 2; ++i) {
    const double n = in.denominators[i];
    EXPECT_NEAR(*xbar->points[i].upper, centre + 3 / (c4_constant(n) * std::sqrt(n)) * pooled, exact);
  }
  auto s = s_chart(in);
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(s->points[1].centre, pooled, exact);
  const double c4 = c4_constant(5);
  EXPECT_NEAR(*s->points[1].upper, (1 + 3 * std::sqrt(1 - c4 * c4) / c4) * pooled, exact);
}

TEST(SpcXbarSChart, RejectsSubgroupsOfOneAndMissingDeviations) {
  EXPECT_TRUE(has_field(xbar_chart(subgroups({1, 2}, {1, 3}, {0, 1})).error(), "denominators[0]"));
  EXPECT_TRUE(has_field(s_chart(subgroups({1, 2}, {3, 3}, {1})).error(), "subgroup_sds"));
  EXPECT_TRUE(has_field(s_chart(subgroups({1, 2}, {3, 3}, {1, -1})).error(), "subgroup_sds[1]"));
}

}  // namespace
}  // namespace hqms::spc
