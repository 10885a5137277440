#include "core/spc/laney_charts.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/spc/spc_fixtures.hpp"

namespace hqms::spc {
namespace {

using testing::exact;
using testing::has_field;
using testing::series;

TEST(SpcLaneyChart, PPrimeScalesEachSigmaBySigmaZ) {
  const std::vector<double> d{100, 200, 100, 400};
  auto chart = p_prime_chart(series({10, 30, 20, 40}, d));
  ASSERT_TRUE(chart.ok());
  const double centre = 100.0 / 800;
  const std::vector<double> p{0.1, 0.15, 0.2, 0.1};
  std::vector<double> z;
  for (std::size_t i = 0; i < 4; ++i) z.push_back((p[i] - centre) / std::sqrt(centre * (1 - centre) / d[i]));
  const double sigma_z =
      (std::fabs(z[1] - z[0]) + std::fabs(z[2] - z[1]) + std::fabs(z[3] - z[2])) / 3 / 1.128;
  for (std::size_t i = 0; i < 4; ++i) {
    const double s = std::sqrt(centre * (1 - centre) / d[i]) * sigma_z;
    const auto& pt = chart->points[i];
    EXPECT_NEAR(pt.centre, centre, exact);
    EXPECT_NEAR(*pt.upper, std::min(1.0, centre + 3 * s), exact);
    EXPECT_NEAR(*pt.lower, std::max(0.0, centre - 3 * s), exact);
    EXPECT_NEAR(*pt.upper_2sigma, centre + 2 * s, exact);
  }
}

TEST(SpcLaneyChart, UPrimePerThousand) {
  const std::vector<double> d{1000, 2000, 1500};
  auto chart = u_prime_chart(series({5, 20, 6}, d), 1000);
  ASSERT_TRUE(chart.ok());
  const double centre = 31.0 / 4500;
  const std::vector<double> u{5.0 / 1000, 20.0 / 2000, 6.0 / 1500};
  std::vector<double> z;
  for (std::size_t i = 0; i < 3; ++i) z.push_back((u[i] - centre) / std::sqrt(centre / d[i]));
  const double sigma_z = (std::fabs(z[1] - z[0]) + std::fabs(z[2] - z[1])) / 2 / 1.128;
  for (std::size_t i = 0; i < 3; ++i) {
    const double s = std::sqrt(centre / d[i]) * sigma_z;
    EXPECT_NEAR(chart->points[i].value, 1000 * u[i], exact);
    EXPECT_NEAR(*chart->points[i].upper, 1000 * (centre + 3 * s), exact);
    EXPECT_NEAR(*chart->points[i].lower, 1000 * std::max(0.0, centre - 3 * s), exact);
  }
}

TEST(SpcLaneyChart, RejectsBadInput) {
  EXPECT_TRUE(has_field(p_prime_chart(series({0, 0}, {10, 10})).error(), "values"));  // no events
  EXPECT_TRUE(has_field(p_prime_chart(series({11, 1}, {10, 10})).error(), "values[0]"));
  EXPECT_TRUE(has_field(u_prime_chart(series({1, 2}, {10})).error(), "denominators"));
  EXPECT_TRUE(has_field(u_prime_chart(series({1}, {10})).error(), "values"));  // one point: no moving range
}

}  // namespace
}  // namespace hqms::spc
