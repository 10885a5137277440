#include "core/spc/funnel_plot.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/spc/spc_fixtures.hpp"

namespace hqms::spc {
namespace {

using testing::exact;
using testing::has_field;

TEST(SpcFunnelPlot, ProportionLimitsNarrowWithTheDenominator) {
  auto plot =
      funnel_plot({{"Ward A", 10, 100}, {"Ward B", 30, 200}, {"Ward C", 1, 50}}, FunnelMeasure::proportion);
  ASSERT_TRUE(plot.ok());
  const double p0 = 41.0 / 350;
  EXPECT_NEAR(plot->overall, p0, exact);
  const std::vector<double> n{100, 200, 50};
  for (std::size_t i = 0; i < 3; ++i) {
    const double s = std::sqrt(p0 * (1 - p0) / n[i]);
    const auto& u = plot->units[i];
    EXPECT_NEAR(u.upper_95, p0 + 1.959963984540054 * s, exact);
    EXPECT_NEAR(u.lower_95, std::max(0.0, p0 - 1.959963984540054 * s), exact);
    EXPECT_NEAR(u.upper_998, p0 + 3.090232306167813 * s, exact);
    EXPECT_NEAR(u.lower_998, std::max(0.0, p0 - 3.090232306167813 * s), exact);
  }
  EXPECT_NEAR(plot->units[2].value, 0.02, exact);
  EXPECT_EQ(plot->units[1].name, "Ward B");
}

TEST(SpcFunnelPlot, RateOutsideTheLimitsIsFlagged) {
  // 30 falls in 2000 patient-days against an overall 40 in 12000.
  auto plot = funnel_plot({{"Ward A", 10, 10000}, {"Ward B", 30, 2000}}, FunnelMeasure::rate, 1000);
  ASSERT_TRUE(plot.ok());
  const double r0 = 40.0 / 12000;
  const double s = std::sqrt(r0 / 2000);
  EXPECT_NEAR(plot->overall, 1000 * r0, exact);
  EXPECT_NEAR(plot->units[1].upper_998, 1000 * (r0 + 3.090232306167813 * s), exact);
  EXPECT_TRUE(plot->units[1].outside_998);
  EXPECT_TRUE(plot->units[0].outside_95);
}

TEST(SpcFunnelPlot, RejectsBadUnits) {
  auto plot = funnel_plot({{"A", 5, 0}, {"B", 6, 5}, {"C", -1, 5}}, FunnelMeasure::proportion);
  ASSERT_FALSE(plot.ok());
  EXPECT_TRUE(has_field(plot.error(), "units[0].denominator"));
  EXPECT_TRUE(has_field(plot.error(), "units[1].numerator"));
  EXPECT_TRUE(has_field(plot.error(), "units[2].numerator"));
  EXPECT_TRUE(has_field(funnel_plot({}, FunnelMeasure::rate).error(), "units"));
}

}  // namespace
}  // namespace hqms::spc
