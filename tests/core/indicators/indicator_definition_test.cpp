#include "core/indicators/indicator_definition.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace hqms::indicators {
namespace {

IndicatorDefinition falls_rate() {
  IndicatorDefinition d;
  d.code = "falls_rate";
  d.name = "Falls per 1,000 patient-days";
  d.type = IndicatorType::rate;
  d.per = 1000;
  d.numerator = {
      "incidents", Aggregate::count, "", {{"category", Condition::Test::in, true, {"fall"}, {}, {}}}};
  d.denominator = Measure{"encounters", Aggregate::sum, "patient_days", {}};
  d.chart = ChartType::u;
  return d;
}

bool has_error(const std::vector<FieldError>& errors, const std::string& field) {
  return std::any_of(errors.begin(), errors.end(), [&](const auto& e) { return e.field == field; });
}

TEST(IndicatorDefinition, AWellFormedRateAcrossTwoSourcesPasses) {
  EXPECT_TRUE(check_indicator(falls_rate()).empty());
}

TEST(IndicatorDefinition, NamesTheFieldOfEachMisuse) {
  auto d = falls_rate();
  d.code = "Falls Rate";
  d.numerator.where.push_back({"harm", Condition::Test::is, true, {}, {}, {}});     // a dimension, not a flag
  d.numerator.where.push_back({"ward", Condition::Test::in, true, {"x"}, {}, {}});  // no such column
  d.denominator->column = "age_band";                                               // sum of a dimension
  auto errors = check_indicator(d);
  EXPECT_TRUE(has_error(errors, "code"));
  EXPECT_TRUE(has_error(errors, "numerator.where[1]"));
  EXPECT_TRUE(has_error(errors, "numerator.where[2].column"));
  EXPECT_TRUE(has_error(errors, "denominator.column"));
  EXPECT_FALSE(has_error(errors, "numerator.where[0]"));
}

TEST(IndicatorDefinition, TypeDecidesTheDenominatorAndTheChart) {
  auto rate = falls_rate();
  rate.denominator.reset();
  EXPECT_TRUE(has_error(check_indicator(rate), "denominator"));

  auto count = falls_rate();
  count.type = IndicatorType::count;
  count.chart = ChartType::c;
  EXPECT_TRUE(has_error(check_indicator(count), "denominator"));  // a count has none
  count.denominator.reset();
  EXPECT_TRUE(check_indicator(count).empty());

  auto proportion = falls_rate();
  proportion.type = IndicatorType::proportion;
  proportion.chart = ChartType::u;  // u charts are for rates
  EXPECT_TRUE(has_error(check_indicator(proportion), "chart"));
  proportion.chart = ChartType::p_prime;
  EXPECT_FALSE(has_error(check_indicator(proportion), "chart"));
}

TEST(IndicatorDefinition, MediansAndMeansNeedTheirAggregates) {
  IndicatorDefinition median;
  median.code = "ed_median";
  median.name = "ED median minutes";
  median.type = IndicatorType::median;
  median.chart = ChartType::xmr;
  median.numerator = {"encounters", Aggregate::count, "", {}};
  EXPECT_TRUE(has_error(check_indicator(median), "numerator.aggregate"));
  median.numerator = {"encounters", Aggregate::median, "ed_minutes", {}};
  EXPECT_TRUE(check_indicator(median).empty());

  auto mean = median;
  mean.type = IndicatorType::mean;
  mean.numerator.aggregate = Aggregate::sum;
  mean.denominator = Measure{"encounters", Aggregate::sum, "patient_days", {}};
  EXPECT_TRUE(has_error(check_indicator(mean), "denominator.aggregate"));
  mean.denominator = Measure{"encounters", Aggregate::count, "", {}};
  EXPECT_TRUE(check_indicator(mean).empty());
  // Xbar-S charts a mean, and only a mean.
  mean.chart = ChartType::xbar_s;
  EXPECT_TRUE(check_indicator(mean).empty());
  median.chart = ChartType::xbar_s;
  EXPECT_TRUE(has_error(check_indicator(median), "chart"));
  EXPECT_FALSE(chart_fits(IndicatorType::rate, ChartType::xbar_s));
  // The engine's own sum of squares is not for definitions.
  mean.numerator.aggregate = Aggregate::sum_of_squares;
  EXPECT_TRUE(has_error(check_indicator(mean), "numerator.aggregate"));
}

TEST(IndicatorDefinition, ConditionsNeedValuesAndSaneBounds) {
  auto d = falls_rate();
  d.denominator->where = {{"disposition", Condition::Test::in, true, {}, {}, {}},
                          {"patient_days", Condition::Test::between, true, {}, {}, {}},
                          {"patient_days", Condition::Test::between, true, {}, 5.0, 1.0},
                          {"procedures", Condition::Test::any_starts_with, true, {"0SR"}, {}, {}},
                          {"discharge_day", Condition::Test::between, true, {}, 19000.0, {}}};
  auto errors = check_indicator(d);
  EXPECT_TRUE(has_error(errors, "denominator.where[0]"));
  EXPECT_TRUE(has_error(errors, "denominator.where[1]"));
  EXPECT_TRUE(has_error(errors, "denominator.where[2]"));
  EXPECT_FALSE(has_error(errors, "denominator.where[3]"));
  EXPECT_FALSE(has_error(errors, "denominator.where[4]"));
}

TEST(IndicatorDefinition, StrataMustExistInEverySourceCounted) {
  auto d = falls_rate();
  d.strata = {"department", "age_band", "colour"};
  auto errors = check_indicator(d);
  EXPECT_FALSE(has_error(errors, "strata[0]"));
  EXPECT_TRUE(has_error(errors, "strata[1]"));  // incidents carry no age band
  EXPECT_TRUE(has_error(errors, "strata[2]"));
  d.numerator = {
      "encounters", Aggregate::count, "", {{"pressure_injury", Condition::Test::is, true, {}, {}, {}}}};
  d.strata = {"age_band", "sex"};
  EXPECT_TRUE(check_indicator(d).empty());
}

TEST(IndicatorDefinition, EnumNamesRoundTrip) {
  for (auto domain : all_iom_domains()) EXPECT_EQ(iom_domain_from_string(to_string(domain)), domain);
  EXPECT_EQ(label(IomDomain::patient_centred), "Patient-centred");
  EXPECT_EQ(chart_type_from_string("p_prime"), ChartType::p_prime);
  EXPECT_EQ(rule_set_from_string("anhoej"), RuleSet::anhoej);
  EXPECT_FALSE(chart_type_from_string("pie"));
}

}  // namespace
}  // namespace hqms::indicators
