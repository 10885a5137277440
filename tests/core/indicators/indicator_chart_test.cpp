#include "core/indicators/indicator_chart.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/spc/xbar_s_chart.hpp"

namespace hqms::indicators {
namespace {

constexpr double exact = 1e-9;

IndicatorDefinition rate_indicator() {
  IndicatorDefinition d;
  d.code = "falls_rate";
  d.name = "Falls";
  d.type = IndicatorType::rate;
  d.per = 1000;
  d.numerator = {"incidents", Aggregate::count, "", {}};
  d.denominator = Measure{"encounters", Aggregate::sum, "patient_days", {}};
  d.chart = ChartType::u;
  d.direction = Direction::lower_is_better;
  return d;
}

IndicatorDefinition mean_indicator() {
  IndicatorDefinition d;
  d.code = "los";
  d.name = "Length of stay";
  d.type = IndicatorType::mean;
  d.per = 1;
  d.numerator = {"encounters", Aggregate::sum, "patient_days", {}};
  d.denominator = Measure{"encounters", Aggregate::count, "", {}};
  d.chart = ChartType::xmr;
  d.direction = Direction::lower_is_better;
  return d;
}

// A monthly axis from January 2024 and a series with the indicator's values.
PeriodAxis months(std::size_t count) {
  return period_axis(Resolution::month, 19723 /* 2024-01-01 */,
                     19723 + static_cast<DayNumber>(count) * 31 - 20);
}

std::vector<SeriesPoint> rate_series(const IndicatorDefinition& d, std::vector<double> num,
                                     std::vector<double> den) {
  std::vector<SeriesPoint> out;
  for (std::size_t i = 0; i < num.size(); ++i)
    out.push_back({i, num[i], den[i], indicator_value(d, num[i], den[i])});
  return out;
}

std::vector<SeriesPoint> mean_series(const std::vector<double>& values) {
  std::vector<SeriesPoint> out;
  for (std::size_t i = 0; i < values.size(); ++i) out.push_back({i, values[i] * 10, 10, values[i]});
  return out;
}

TEST(IndicatorChart, URateIsPooledAndShownPerThousand) {
  auto d = rate_indicator();
  auto chart = indicator_chart(d, months(4), rate_series(d, {2, 4, 6, 4}, {1000, 1000, 1000, 1000}), {});
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  ASSERT_EQ(chart->result.points.size(), 4u);
  // centre 16 / 4000 = 0.004 per patient-day; sigma sqrt(0.004 / 1000) = 0.002; shown per 1000.
  for (const auto& p : chart->result.points) {
    EXPECT_NEAR(p.centre, 4.0, exact);
    EXPECT_NEAR(*p.upper, 10.0, exact);
    EXPECT_NEAR(*p.lower, 0.0, exact);
  }
  EXPECT_NEAR(chart->result.points[2].value, 6.0, exact);
  EXPECT_EQ(chart->periods[0], "2024-01");
  EXPECT_EQ(chart->periods[3], "2024-04");
}

TEST(IndicatorChart, ProportionsAreShownAsPercentages) {
  IndicatorDefinition d = rate_indicator();
  d.type = IndicatorType::proportion;
  d.per = 100;
  d.chart = ChartType::p;
  auto chart = indicator_chart(d, months(2), rate_series(d, {10, 20}, {100, 100}), {});
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  const double sigma = std::sqrt(0.15 * 0.85 / 100);
  EXPECT_NEAR(chart->result.points[0].centre, 15.0, exact);
  EXPECT_NEAR(*chart->result.points[0].upper, (0.15 + 3 * sigma) * 100, exact);
  EXPECT_NEAR(chart->result.points[1].value, 20.0, exact);
}

TEST(IndicatorChart, PeriodsWithoutADenominatorAreLeftOutAndSaid) {
  auto d = rate_indicator();
  auto chart = indicator_chart(d, months(4), rate_series(d, {2, 0, 6, 4}, {1000, 0, 1000, 1000}), {});
  ASSERT_TRUE(chart.ok());
  EXPECT_EQ(chart->result.points.size(), 3u);
  EXPECT_EQ(chart->periods[1], "2024-03");
  ASSERT_FALSE(chart->warnings.empty());
  EXPECT_NE(chart->warnings[0].find("1 period"), std::string::npos);
}

TEST(IndicatorChart, AnnotationsMakePhasesExclusionsAndBaselines) {
  auto d = mean_indicator();
  std::vector<double> values{5, 6, 5, 6, 5, 6, 3, 2, 3, 2, 3, 2};
  ChartOptions options;
  options.annotations = {{ChartAnnotation::Kind::process_change, "2024-07", "Discharge lounge opened", {}},
                         {ChartAnnotation::Kind::exclusion, "2024-02", "Ward closed for refurbishment", {}},
                         {ChartAnnotation::Kind::baseline, "2024-04", "", {}}};
  auto chart = indicator_chart(d, months(12), mean_series(values), options);
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  ASSERT_EQ(chart->result.phases.size(), 2u);
  EXPECT_EQ(chart->result.phases[1].begin, 6u);
  EXPECT_TRUE(chart->result.points[1].excluded);
  // The first phase's limits come from its first four points less the excluded one: 5, 5, 6.
  EXPECT_NEAR(chart->result.points[0].centre, 16.0 / 3, exact);
  EXPECT_FALSE(chart->result.points[4].in_baseline);
  // The second phase has its own centre.
  EXPECT_NEAR(chart->result.points[8].centre, 2.5, exact);
}

TEST(IndicatorChart, AnnotationsNeedAReasonAndOffChartOnesAreOnlyNoted) {
  auto d = mean_indicator();
  ChartOptions unexplained;
  unexplained.annotations = {{ChartAnnotation::Kind::exclusion, "2024-02", "", {}}};
  auto refused = indicator_chart(d, months(6), mean_series({1, 2, 3, 2, 1, 2}), unexplained);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "annotations[0].reason");

  ChartOptions elsewhere;
  elsewhere.annotations = {{ChartAnnotation::Kind::exclusion, "2019-02", "Old", {}}};
  auto drawn = indicator_chart(d, months(6), mean_series({1, 2, 3, 2, 1, 2}), elsewhere);
  ASSERT_TRUE(drawn.ok());
  EXPECT_TRUE(std::any_of(drawn->warnings.begin(), drawn->warnings.end(),
                          [](const auto& w) { return w.find("2019-02") != std::string::npos; }));
}

TEST(IndicatorChart, XbarSOfAMeanTakesEachPeriodsSpreadFromItsSumOfSquares) {
  const auto d = mean_indicator();
  // Each month's lengths of stay; April has one stay, so no spread, and is left out.
  const std::vector<std::vector<double>> months_values{{4, 6, 5}, {7, 3},          {5, 5, 6, 8}, {6},
                                                       {2, 9, 4}, {5, 6, 7, 5, 4}, {3, 8},       {6, 6, 7}};
  std::vector<SeriesPoint> points;
  spc::ChartInput expected_input;
  for (std::size_t i = 0; i < months_values.size(); ++i) {
    const auto& values = months_values[i];
    double sum = 0, squares = 0;
    for (double v : values) sum += v, squares += v * v;
    const double n = static_cast<double>(values.size());
    points.push_back({i, sum, n, sum / n, squares});
    if (values.size() < 2) continue;
    // The standard deviation worked out the long way, from the values themselves.
    double deviations = 0;
    for (double v : values) deviations += (v - sum / n) * (v - sum / n);
    expected_input.values.push_back(sum / n);
    expected_input.denominators.push_back(n);
    expected_input.subgroup_sds.push_back(std::sqrt(deviations / (n - 1)));
  }
  ChartOptions options;
  options.chart = ChartType::xbar_s;
  auto chart = indicator_chart(d, months(months_values.size()), points, options);
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  const auto expected = spc::xbar_chart(expected_input);
  ASSERT_TRUE(expected.ok());
  ASSERT_EQ(chart->result.points.size(), 7u);
  EXPECT_EQ(chart->periods[3], months(8).label(4));  // April is not plotted
  for (std::size_t i = 0; i < 7; ++i) {
    const auto& got = chart->result.points[i];
    const auto& want = expected->points[i];
    EXPECT_NEAR(got.value, want.value, exact);
    EXPECT_NEAR(got.centre, want.centre, exact);
    ASSERT_TRUE(got.upper && got.lower);
    EXPECT_NEAR(*got.upper, *want.upper, exact) << i;
    EXPECT_NEAR(*got.lower, *want.lower, exact) << i;
  }
  EXPECT_NE(std::find(chart->warnings.begin(), chart->warnings.end(),
                      "1 period with fewer than two values was left out."),
            chart->warnings.end());
  // The centre is the size-weighted mean of the plotted months: 121 days over 22 stays.
  EXPECT_NEAR(chart->result.points[0].centre, 121.0 / 22, exact);
}

TEST(IndicatorChart, ChartsThatDoNotFitAreRefused) {
  auto d = rate_indicator();
  ChartOptions p_chart;
  p_chart.chart = ChartType::p;
  EXPECT_FALSE(indicator_chart(d, months(2), rate_series(d, {1, 2}, {100, 100}), p_chart).ok());
  ChartOptions g_chart;
  g_chart.chart = ChartType::g;  // needs a daily series
  EXPECT_FALSE(indicator_chart(d, months(2), rate_series(d, {1, 2}, {100, 100}), g_chart).ok());
}

TEST(IndicatorChart, AShiftOfConcernSignalsUnderBothRuleSets) {
  auto d = mean_indicator();
  std::vector<double> values{10, 11, 9, 10, 11, 9,  10, 11, 9,  10, 11, 9,
                             10, 11, 9, 10, 14, 15, 14, 15, 14, 15, 14, 15};
  auto mdc = indicator_chart(d, months(values.size()), mean_series(values), {});
  ASSERT_TRUE(mdc.ok()) << mdc.error().message;
  ASSERT_FALSE(mdc->signals.empty());
  EXPECT_EQ(mdc->signals.back().point, values.size() - 1);
  EXPECT_EQ(mdc->signals.back().reading, "concern");
  EXPECT_EQ(mdc->variation, spc::VariationIcon::concern_high);

  ChartOptions anhoej;
  anhoej.rules = RuleSet::anhoej;
  auto runs = indicator_chart(d, months(values.size()), mean_series(values), anhoej);
  ASSERT_TRUE(runs.ok());
  ASSERT_FALSE(runs->signals.empty());
  EXPECT_EQ(runs->signals.back().rule, "long_run");
  EXPECT_EQ(runs->signals.back().reading, "concern");
}

TEST(IndicatorChart, TargetGivesTheAssuranceIcon) {
  auto d = mean_indicator();
  d.target = 20;  // lower is better and every limit lies below 20
  auto chart = indicator_chart(d, months(12), mean_series({5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6}), {});
  ASSERT_TRUE(chart.ok());
  EXPECT_EQ(chart->assurance, spc::AssuranceIcon::consistently_met);
  EXPECT_EQ(chart->variation, spc::VariationIcon::common_cause);
}

TEST(IndicatorChart, TChartPlotsDaysBetweenEventsSharingBusyDays) {
  auto d = rate_indicator();
  // Events on days 0, 3 (two), 10, 14, 21, 30 of a daily series.
  const DayNumber first = 19723;
  auto days = period_axis(Resolution::day, first, first + 30);
  std::vector<SeriesPoint> daily;
  for (std::size_t i = 0; i <= 30; ++i) {
    double events = (i == 0 || i == 10 || i == 14 || i == 21 || i == 30) ? 1 : (i == 3 ? 2 : 0);
    daily.push_back({i, events, 100, indicator_value(d, events, 100)});
  }
  ChartOptions t_chart;
  t_chart.chart = ChartType::t;
  auto chart = indicator_chart(d, days, daily, t_chart);
  ASSERT_TRUE(chart.ok()) << chart.error().message;
  // The first event has no interval; the two on day 3 share their day.
  std::vector<double> expected{2.5, 0.5, 7, 4, 7, 9};
  ASSERT_EQ(chart->source.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(*chart->source[i].value, expected[i], exact) << i;
  EXPECT_EQ(chart->periods[0], "2024-01-04");
}

}  // namespace
}  // namespace hqms::indicators
