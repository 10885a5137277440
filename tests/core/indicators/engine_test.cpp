#include <gtest/gtest.h>

#include "core/indicators/engine_fixture.hpp"
#include "core/indicators/indicator_engine.hpp"

namespace hqms::indicators {
namespace {

using namespace testing;
using Check = Condition::Test;

constexpr double exact = 1e-9;

CubeRequest window(std::vector<const IndicatorDefinition*> indicators, std::vector<std::string> strata = {}) {
  CubeRequest request;
  request.indicators = std::move(indicators);
  request.from = jan_1;
  request.to = feb_28;
  request.strata = std::move(strata);
  return request;
}

// The figures of one indicator over the whole hospital (or `units`), January then February.
std::vector<SeriesPoint> figures(const IndicatorDefinition& definition, std::vector<std::size_t> units = {}) {
  const auto data = hospital();
  auto cubes = compute_cubes(data, window({&definition}));
  EXPECT_TRUE(cubes.ok()) << (cubes.ok() ? "" : cubes.error().message);
  if (!cubes.ok()) return {};
  const auto* cube = cubes->find(definition.code);
  EXPECT_NE(cube, nullptr);
  if (cube == nullptr) return {};
  EXPECT_EQ(cube->periods.count, 2u);
  return series(*cube, units);
}

std::vector<double> counts(const IndicatorDefinition& definition) {
  std::vector<double> out;
  for (const auto& point : figures(definition)) out.push_back(point.numerator);
  return out;
}

const auto mortality = indicator("mortality", IndicatorType::proportion,
                                 count_of("encounters", {is("died", true)}), count_of("encounters"), 100);
const auto length_of_stay =
    indicator("length_of_stay", IndicatorType::mean,
              aggregate_of("encounters", Aggregate::sum, "patient_days"), count_of("encounters"));

TEST(EngineUnits, AreEveryDepartmentOfEverySourceSortedBySiteThenDepartment) {
  const auto data = hospital();
  auto cubes = compute_cubes(data, window({&mortality}));
  ASSERT_TRUE(cubes.ok());
  const std::vector<Unit> expected{{"N", "CARD"}, {"N", "ICU"}, {"S", "ER"}, {"S", "ICU"}};
  EXPECT_EQ(cubes->units, expected);
  EXPECT_EQ(cubes->unit_index("S", "ER"), 2u);
  EXPECT_EQ(cubes->unit_index("S", "ICU"), 3u);
  EXPECT_FALSE(cubes->unit_index("S", "CARD").has_value());
}

TEST(EngineIndicators, ProportionPerMonthIgnoresRowsOutsideTheWindow) {
  // January: 9 stays, 4 died (rows 1, 4, 8, 14). February: 9 stays, none died. December and March both died.
  const auto points = figures(mortality);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_EQ(points[0].numerator, 4);
  EXPECT_EQ(points[0].denominator, 9);
  EXPECT_NEAR(*points[0].value, 400.0 / 9, exact);
  EXPECT_EQ(points[1].numerator, 0);
  EXPECT_EQ(points[1].denominator, 9);
  EXPECT_NEAR(*points[1].value, 0, exact);
}

TEST(EngineIndicators, MeanOfASumOverACountForAUnitSubset) {
  auto all = figures(length_of_stay);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_NEAR(*all[0].value, 56.0 / 9, exact);  // 5+3+10+7+8+2+4+12+5
  EXPECT_NEAR(*all[1].value, 36.0 / 9, exact);  // 4+2+6+1+9+3+6+1+4
  auto icu = figures(length_of_stay, {1});      // N ICU: 10+7+12 over 3, then 6+1 over 2
  ASSERT_EQ(icu.size(), 2u);
  EXPECT_NEAR(*icu[0].value, 29.0 / 3, exact);
  EXPECT_NEAR(*icu[1].value, 3.5, exact);
  auto er = figures(length_of_stay, {2});  // S ER has no stays: no value
  ASSERT_EQ(er.size(), 2u);
  EXPECT_FALSE(er[0].value.has_value());
}

TEST(EngineIndicators, AMeanKeepsTheSumOfTheSquaresOfItsValues) {
  auto all = figures(length_of_stay);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_NEAR(all[0].numerator_squares, 436, exact);  // 25+9+100+49+64+4+16+144+25
  EXPECT_NEAR(all[1].numerator_squares, 200, exact);  // 16+4+36+1+81+9+36+1+16
  auto icu = figures(length_of_stay, {1});            // N ICU: 10, 7, 12; then 6, 1
  EXPECT_NEAR(icu[0].numerator_squares, 293, exact);
  EXPECT_NEAR(icu[1].numerator_squares, 37, exact);

  // By sex, the strata add up to the whole; a proportion keeps no squares.
  const auto data = hospital();
  auto cubes = compute_cubes(data, window({&length_of_stay, &mortality}, {"sex"}));
  ASSERT_TRUE(cubes.ok());
  const auto* by_sex = cubes->find("length_of_stay", "sex");
  ASSERT_NE(by_sex, nullptr);
  const auto women = series(*by_sex, {}, 0), men = series(*by_sex, {}, 1);
  EXPECT_NEAR(women[0].numerator_squares + men[0].numerator_squares, 436, exact);
  EXPECT_NEAR(series(*cubes->find("length_of_stay"), {})[1].numerator_squares, 200, exact);
  EXPECT_TRUE(cubes->find("mortality")->numerator_squares.empty());
}

TEST(EngineIndicators, MedianSkipsMissingValuesAndAveragesTheMiddlePair) {
  const auto ed_time = indicator("ed_time", IndicatorType::median,
                                 aggregate_of("encounters", Aggregate::median, "ed_minutes"));
  // January: 60 80 90 100 120 240 300 (two stays without ED minutes); February: 15 20 30 45 200.
  auto all = figures(ed_time);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(*all[0].value, 100);
  EXPECT_EQ(all[0].numerator, 7);
  EXPECT_EQ(*all[1].value, 30);
  EXPECT_EQ(all[1].numerator, 5);
  auto south = figures(ed_time, {3});  // S ICU: 100 and 300, then 15 20 45
  EXPECT_EQ(*south[0].value, 200);
  EXPECT_EQ(*south[1].value, 20);
  auto two_units = figures(ed_time, {0, 3});  // + N CARD 120 80, then 200: 80 100 120 300 | 15 20 45 200
  EXPECT_EQ(*two_units[0].value, 110);
  EXPECT_EQ(*two_units[1].value, 32.5);
  EXPECT_FALSE(figures(ed_time, {2})[0].value.has_value());
}

TEST(EngineConditions, StartsWithMatchesEachCodeOnceAndUnknownPrefixesMatchNothing) {
  EXPECT_EQ(counts(indicator(
                "ami", IndicatorType::count,
                count_of("encounters", {values("primary_diagnosis", Check::starts_with, {"I21", "I22"})}))),
            (std::vector<double>{3, 4}));
  EXPECT_EQ(
      counts(indicator("z99", IndicatorType::count,
                       count_of("encounters", {values("primary_diagnosis", Check::starts_with, {"Z99"})}))),
      (std::vector<double>{0, 0}));
}

TEST(EngineConditions, InAndNotInOnDimensions) {
  EXPECT_EQ(
      counts(indicator("older", IndicatorType::count,
                       count_of("encounters", {values("age_band", Check::in, {"65-74", "85+", "unknown"})}))),
      (std::vector<double>{6, 4}));
  EXPECT_EQ(counts(indicator("alive", IndicatorType::count,
                             count_of("encounters", {values("disposition", Check::not_in, {"died"})}))),
            (std::vector<double>{5, 9}));
  // A value no row has excludes nothing.
  EXPECT_EQ(counts(indicator("all", IndicatorType::count,
                             count_of("encounters", {values("disposition", Check::not_in, {"absconded"})}))),
            (std::vector<double>{9, 9}));
}

TEST(EngineConditions, AnyStartsWithLooksAtEveryCodeOfTheRow) {
  // Rows 0 (0SR9) in January; 3 (02H, 0SRB), 10 (0SR) and 13 (0SR1) in February.
  EXPECT_EQ(
      counts(indicator("hip", IndicatorType::count,
                       count_of("encounters", {values("procedures", Check::any_starts_with, {"0SR"})}))),
      (std::vector<double>{1, 3}));
}

TEST(EngineConditions, FlagsCombineAndCanBeFalse) {
  EXPECT_EQ(counts(indicator("readmitted_alive", IndicatorType::count,
                             count_of("encounters", {is("died", false), is("readmitted_30d", true)}))),
            (std::vector<double>{2, 3}));
  EXPECT_EQ(
      counts(indicator("surgical", IndicatorType::count, count_of("encounters", {is("surgical", true)}))),
      (std::vector<double>{1, 5}));
}

TEST(EngineConditions, BetweenIsInclusiveAndNaNNeverMatches) {
  EXPECT_EQ(counts(indicator("quick", IndicatorType::count,
                             count_of("encounters", {between("ed_minutes", 0, 100)}))),
            (std::vector<double>{4, 4}));
  EXPECT_EQ(counts(indicator("slow", IndicatorType::count,
                             count_of("encounters", {between("ed_minutes", 200, std::nullopt)}))),
            (std::vector<double>{2, 1}));
  EXPECT_EQ(counts(indicator("mid_window", IndicatorType::count,
                             count_of("encounters", {between("discharge_day", jan_1 + 10, feb_1 + 9)}))),
            (std::vector<double>{5, 3}));
}

const auto falls =
    indicator("falls", IndicatorType::rate, count_of("incidents", {values("category", Check::in, {"fall"})}),
              aggregate_of("encounters", Aggregate::sum, "patient_days"), 1000);

TEST(EngineIndicators, RateFromTwoSourcesLinesUpByUnit) {
  auto all = figures(falls);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_NEAR(*all[0].value, 2.0 / 56 * 1000, exact);
  EXPECT_NEAR(*all[1].value, 3.0 / 36 * 1000, exact);
  EXPECT_NEAR(*figures(falls, {0})[0].value, 2.0 / 12 * 1000, exact);  // N CARD: 5+3+4 patient-days
  const auto er = figures(falls, {2});                                 // a fall, but no patient-days
  EXPECT_EQ(er[1].numerator, 1);
  EXPECT_FALSE(er[1].value.has_value());
}

TEST(EngineStrata, StrataAddUpToTheUnstratifiedCube) {
  const auto data = hospital();
  auto cubes = compute_cubes(data, window({&mortality, &falls}, {"sex", "site", "age_band"}));
  ASSERT_TRUE(cubes.ok());
  const auto* whole = cubes->find("mortality");
  const auto* by_sex = cubes->find("mortality", "sex");
  const auto* by_age = cubes->find("mortality", "age_band");
  ASSERT_NE(whole, nullptr);
  ASSERT_NE(by_sex, nullptr);
  ASSERT_NE(by_age, nullptr);
  EXPECT_EQ(cubes->find("mortality", "site"), nullptr);  // units carry the site already
  EXPECT_EQ(by_sex->strata, (std::vector<std::string>{"F", "M"}));
  EXPECT_EQ(by_age->strata, (std::vector<std::string>{"18-44", "65-74", "75-84", "85+"}));
  // Falls count incidents, which have no sex: no cube by sex, but the unstratified one is there.
  EXPECT_NE(cubes->find("falls"), nullptr);
  EXPECT_EQ(cubes->find("falls", "sex"), nullptr);

  for (const auto* cube : {by_sex, by_age}) {
    const auto strata = cube->strata.size();
    ASSERT_EQ(cube->numerator.size(), whole->numerator.size() * strata);
    for (std::size_t cell = 0; cell < whole->numerator.size(); ++cell) {
      double numerator = 0, denominator = 0;
      for (std::size_t s = 0; s < strata; ++s) {
        numerator += cube->numerator[cell * strata + s];
        denominator += cube->denominator[cell * strata + s];
      }
      EXPECT_EQ(numerator, whole->numerator[cell]) << cube->stratum_dimension << " cell " << cell;
      EXPECT_EQ(denominator, whole->denominator[cell]) << cube->stratum_dimension << " cell " << cell;
    }
  }
  // January by sex: women rows 0 4 8 12 15 (4 and 8 died), men rows 1 5 9 14 (1 and 14 died).
  const auto women = series(*by_sex, {}, 0);
  const auto men = series(*by_sex, {}, 1);
  EXPECT_NEAR(*women[0].value, 40, exact);
  EXPECT_NEAR(*men[0].value, 50, exact);
  EXPECT_EQ(series(*by_sex, {}, std::nullopt)[0].denominator, 9);
}

TEST(EngineStrata, AStratumTheIndicatorListsButItsSourceLacksIsAnError) {
  auto listed = falls;
  listed.strata = {"sex"};
  const auto data = hospital();
  auto cubes = compute_cubes(data, window({&listed}, {"sex"}));
  ASSERT_FALSE(cubes.ok());
  EXPECT_EQ(cubes.error().kind, ErrorKind::validation);
  auto unknown = compute_cubes(data, window({&mortality}, {"height"}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::validation);
}

TEST(EngineIndicators, AnUnknownColumnIsAValidationError) {
  const auto broken =
      indicator("broken", IndicatorType::count, count_of("encounters", {is("levitated", true)}));
  const auto data = hospital();
  auto cubes = compute_cubes(data, window({&mortality, &broken}));
  ASSERT_FALSE(cubes.ok());
  EXPECT_EQ(cubes.error().kind, ErrorKind::validation);
  ASSERT_FALSE(cubes.error().fields.empty());
  EXPECT_EQ(cubes.error().fields[0].field.rfind("numerator.where[0]", 0), 0u)
      << cubes.error().fields[0].field;
}

TEST(EngineIndicators, WeeksFollowTheRequestedResolution) {
  const auto data = hospital();
  auto request = window({&mortality});
  request.resolution = Resolution::week;
  auto cubes = compute_cubes(data, request);
  ASSERT_TRUE(cubes.ok());
  const auto* cube = cubes->find("mortality");
  ASSERT_NE(cube, nullptr);
  // Thursday 1 January is in 2026-W01; Saturday 28 February in 2026-W09.
  ASSERT_EQ(cube->periods.count, 9u);
  EXPECT_EQ(cube->periods.label(0), "2026-W01");
  const auto points = series(*cube, {});
  EXPECT_EQ(points[0].denominator, 1);  // only row 0 (1 January) in the window's first, partial week
  EXPECT_EQ(points[1].numerator, 2);    // 5 to 11 January: rows 4 and 8 died, row 9 did not
  EXPECT_EQ(points[1].denominator, 3);
  double total = 0;
  for (const auto& point : points) total += point.denominator;
  EXPECT_EQ(total, 18);
}

TEST(EngineThreads, TwoThreadsOnTheFixtureMatchOne) {
  const auto ed_time = indicator("ed_time", IndicatorType::median,
                                 aggregate_of("encounters", Aggregate::median, "ed_minutes"));
  const auto data = hospital();
  auto one = window({&mortality, &falls, &ed_time}, {"sex"});
  one.threads = 1;
  auto two = one;
  two.threads = 2;
  two.rows_per_thread = 1;
  auto a = compute_cubes(data, one);
  auto b = compute_cubes(data, two);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(a->cubes.size(), b->cubes.size());
  for (std::size_t c = 0; c < a->cubes.size(); ++c) {
    EXPECT_EQ(a->cubes[c].numerator, b->cubes[c].numerator);
    EXPECT_EQ(a->cubes[c].denominator, b->cubes[c].denominator);
    EXPECT_EQ(a->cubes[c].median_offsets, b->cubes[c].median_offsets);
    EXPECT_EQ(a->cubes[c].median_values, b->cubes[c].median_values);
  }
  EXPECT_EQ(*series(*b->find("ed_time"), {})[0].value, 100);
}

TEST(EngineValue, EachTypeShowsItsOwnUnits) {
  EXPECT_NEAR(*indicator_value(falls, 3, 36), 3.0 / 36 * 1000, exact);
  EXPECT_NEAR(*indicator_value(mortality, 1, 4), 25, exact);
  auto mean = indicator("mean", IndicatorType::mean,
                        aggregate_of("encounters", Aggregate::sum, "patient_days"), count_of("encounters"));
  EXPECT_NEAR(*indicator_value(mean, 10, 4), 2.5, exact);
  auto count = indicator("count", IndicatorType::count, count_of("encounters"));
  EXPECT_EQ(*indicator_value(count, 7, 0), 7);
  EXPECT_FALSE(indicator_value(falls, 3, 0).has_value());
  EXPECT_FALSE(indicator_value(mortality, 0, 0).has_value());
  EXPECT_FALSE(indicator_value(mean, 5, 0).has_value());
}

}  // namespace
}  // namespace hqms::indicators
