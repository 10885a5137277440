// The demo hospital's indicator data, read back the way the dashboards read it (the store's load, the engine,
// the charts): three years of every kind of record, the analysts' annotations, and the special causes the
// user guide promises, each found by the same rules the dashboard applies.
#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <numeric>

#include "core/indicators/catalogue.hpp"
#include "core/indicators/indicator_chart.hpp"
#include "core/indicators/indicator_engine.hpp"
#include "store/database.hpp"
#include "support/demo_copy.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

using namespace std::chrono;
using indicators::DayNumber;

constexpr int kMonths = 36;  // the demo's window, ending with the last complete month

class DemoIndicators : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = std::make_unique<TestDatabase>();
    try {
      copy_demo_into(*db_, HQMS_BINARY);
      exit_code_ = 0;
    } catch (const std::exception& e) {
      output_ = e.what();
      exit_code_ = 1;
      return;
    }
    auto opened = store::open_database(db_->location(), db_->options());
    if (!opened) return;
    database_ = std::move(*opened);
    auto tx = database_->begin(store::TxMode::read);
    if (!tx) return;
    data_ = std::make_unique<indicators::IndicatorData>();
    if (!(*tx)->indicator_data().load(*data_)) data_.reset();
  }
  static void TearDownTestSuite() {
    data_.reset();
    database_.reset();
    db_.reset();
  }
  void SetUp() override {
    ASSERT_EQ(exit_code_, 0) << output_;
    ASSERT_NE(data_, nullptr) << "the demo's data could not be loaded";
    const year_month_day today{floor<days>(system_clock::now())};
    first_ = today.year() / today.month() - months(kMonths);
  }

  DayNumber day(year_month ym, bool last = false) const {
    const sys_days d = last ? sys_days(ym / std::chrono::last) : sys_days(ym / 1);
    return static_cast<DayNumber>(d.time_since_epoch().count());
  }
  std::string label(int month) const {
    const auto ym = first_ + months(month);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(ym.year()),
                  static_cast<unsigned>(ym.month()));
    return text;
  }

  struct Counted {
    indicators::CubeSet cubes;
    const indicators::IndicatorCube* cube = nullptr;
  };
  Counted count(const char* code) const {
    Counted out;
    const auto* d = indicators::catalogue_indicator(code);
    EXPECT_NE(d, nullptr) << code;
    if (!d) return out;
    indicators::CubeRequest request;
    request.indicators = {d};
    request.from = day(first_);
    request.to = day(first_ + months(kMonths - 1), true);
    auto cubes = indicators::compute_cubes(*data_, request);
    EXPECT_TRUE(cubes) << (cubes ? "" : cubes.error().message);
    if (!cubes) return out;
    out.cubes = std::move(*cubes);
    out.cube = out.cubes.find(code);
    EXPECT_NE(out.cube, nullptr);
    if (out.cube) {
      EXPECT_EQ(out.cube->periods.count, static_cast<std::size_t>(kMonths)) << code;
    }
    return out;
  }
  // The organisation's series, or one department's.
  std::vector<indicators::SeriesPoint> series(const Counted& c, const char* site = nullptr,
                                              const char* department = nullptr) const {
    if (!c.cube) return {};
    std::vector<std::size_t> units;
    if (department) {
      auto unit = c.cubes.unit_index(site, department);
      EXPECT_TRUE(unit) << department;
      if (unit) units.push_back(*unit);
    }
    return indicators::series(*c.cube, units);
  }
  indicators::IndicatorChart chart(const char* code, const Counted& c,
                                   const std::vector<indicators::SeriesPoint>& s,
                                   indicators::ChartOptions options = {}) const {
    auto drawn = indicators::indicator_chart(*c.cube->indicator, c.cube->periods, s, options);
    EXPECT_TRUE(drawn) << code << ": " << (drawn ? "" : drawn.error().message);
    return drawn ? *drawn : indicators::IndicatorChart{};
  }
  static double value(const indicators::SeriesPoint& p) { return p.value.value_or(-1); }
  static double mean_value(const std::vector<indicators::SeriesPoint>& s, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; ++i) sum += value(s[static_cast<std::size_t>(i)]);
    return sum / (to - from);
  }

  static inline std::unique_ptr<TestDatabase> db_;
  static inline std::unique_ptr<store::Database> database_;
  static inline std::unique_ptr<indicators::IndicatorData> data_;
  static inline std::string output_;
  static inline int exit_code_ = -1;
  year_month first_{};
};

TEST_F(DemoIndicators, HoldThreeYearsOfEveryKindOfRecord) {
  EXPECT_GT(data_->encounters.rows(), 50000u);
  EXPECT_GT(data_->survey.rows(), 30000u) << "answers from about 250 responses a month";
  EXPECT_GT(data_->observations.rows(), 12000u);
  EXPECT_GT(data_->complaints.rows(), 400u);

  // Falls have a numerator (HQMS's own reports) and a denominator (imported patient-days) in every month.
  auto falls = series(count("falls_per_1000_patient_days"));
  ASSERT_EQ(falls.size(), static_cast<std::size_t>(kMonths));
  for (int m = 0; m < kMonths; ++m) {
    EXPECT_GT(falls[m].numerator, 10) << label(m);
    EXPECT_GT(falls[m].denominator, 4000) << label(m);
  }
  for (const char* code :
       {"medication_errors_per_1000_doses", "pressure_injury_reports_per_1000_patient_days",
        "hcahps_overall_rating_top_box_percent", "complaints_per_1000_patient_days",
        "ed_median_length_of_stay_minutes", "average_length_of_stay_days"}) {
    auto s = series(count(code));
    ASSERT_EQ(s.size(), static_cast<std::size_t>(kMonths)) << code;
    for (int m = 0; m < kMonths; ++m) EXPECT_TRUE(s[m].value) << code << " has no value in " << label(m);
  }
}

TEST_F(DemoIndicators, RecordTheDocumentedProcessChanges) {
  auto tx = database_->begin(store::TxMode::read);
  ASSERT_TRUE(tx);
  auto org = (*tx)->org().load();
  ASSERT_TRUE(org);
  const ScopeRef organisation{ScopeType::organisation, org->id};
  for (auto [code, month] : {std::pair{"clabsi_per_1000_central_line_days", 18},
                             std::pair{"hand_hygiene_compliance_percent", 24}}) {
    auto notes = (*tx)->indicator_settings().list_annotations(code, organisation);
    ASSERT_TRUE(notes) << notes.error().message;
    ASSERT_EQ(notes->size(), 1u) << code;
    const auto& a = notes->front().annotation;
    EXPECT_EQ(a.kind, indicators::ChartAnnotation::Kind::process_change) << code;
    EXPECT_EQ(a.period, label(month)) << code;
    EXPECT_GE(a.reason.size(), 40u) << code;
  }
}

TEST_F(DemoIndicators, ClabsiFallsAfterTheLineBundle) {
  auto s = series(count("clabsi_per_1000_central_line_days"));
  ASSERT_EQ(s.size(), static_cast<std::size_t>(kMonths));
  double before = 0, before_days = 0, after = 0, after_days = 0;
  for (int m = 0; m < kMonths; ++m) {
    (m < 18 ? before : after) += s[m].numerator;
    (m < 18 ? before_days : after_days) += s[m].denominator;
  }
  ASSERT_GT(before_days, 0);
  ASSERT_GT(after_days, 0);
  EXPECT_GT(before / before_days, 2 * after / after_days) << before << " then " << after;
}

TEST_F(DemoIndicators, HandHygieneShiftsUpAfterTheCampaign) {
  auto c = count("hand_hygiene_compliance_percent");
  auto s = series(c);
  ASSERT_EQ(s.size(), static_cast<std::size_t>(kMonths));
  EXPECT_GT(mean_value(s, 24, kMonths), mean_value(s, 0, 24) + 8);
  indicators::ChartOptions phased;
  phased.annotations.push_back(
      {indicators::ChartAnnotation::Kind::process_change, label(24), "campaign", {}});
  auto drawn = chart("hand_hygiene_compliance_percent", c, s, phased);
  ASSERT_EQ(drawn.result.points.size(), static_cast<std::size_t>(kMonths));
  EXPECT_GT(drawn.result.points[30].centre, drawn.result.points[10].centre + 8)
      << "two phases, two centre lines";
}

TEST_F(DemoIndicators, OneMonthOfMortalityIsBeyondTheUpperLimit) {
  auto c = count("in_hospital_mortality_percent");
  auto s = series(c);
  ASSERT_EQ(s.size(), static_cast<std::size_t>(kMonths));
  for (int m = 0; m < kMonths; ++m)
    if (m != 26) {
      EXPECT_LT(value(s[m]), value(s[26])) << label(26) << " is the worst month";
    }
  auto drawn = chart("in_hospital_mortality_percent", c, s);
  bool surge = false;
  for (const auto& signal : drawn.signals)
    if (signal.point == 26 && signal.rule == "beyond_limits") surge = signal.reading == "concern";
  EXPECT_TRUE(surge) << label(26) << " should be beyond the upper limit";
}

// The number who leave is set from the month's share at the Main Campus ED, so its chart climbs every month;
// the organisation's, diluted by the other site and the admitted patients, ends beyond its upper limit.
TEST_F(DemoIndicators, EdLeftWithoutBeingSeenTrendsUpForEightMonths) {
  auto c = count("ed_left_without_being_seen_percent");
  auto ed = series(c, "MAIN", "ED");
  ASSERT_EQ(ed.size(), static_cast<std::size_t>(kMonths));
  for (int m = 29; m < kMonths; ++m) EXPECT_GT(value(ed[m]), value(ed[m - 1]) + 0.5) << label(m);
  auto drawn = chart("ed_left_without_being_seen_percent", c, ed);
  ASSERT_EQ(drawn.signals.empty(), false);
  bool trend = false;
  for (const auto& signal : drawn.signals)
    if (signal.point == kMonths - 1) trend = signal.reading == "concern";
  EXPECT_TRUE(trend) << "the ED's last month is a special cause of concern";
  EXPECT_EQ(drawn.point_classes.back().variation, spc::PointVariation::concern);

  auto organisation = chart("ed_left_without_being_seen_percent", c, series(c));
  ASSERT_FALSE(organisation.result.points.empty());
  EXPECT_GT(organisation.result.points.back().value, *organisation.result.points.back().upper);
}

TEST_F(DemoIndicators, FallsOnGeneralMedicineRiseToAConcern) {
  auto c = count("falls_per_1000_patient_days");
  auto med = series(c, "MAIN", "MED");
  ASSERT_EQ(med.size(), static_cast<std::size_t>(kMonths));
  EXPECT_GT(value(med[35]), value(med[33]));
  EXPECT_GT(mean_value(med, 33, 36), mean_value(med, 0, 33) * 1.5);
  auto drawn = chart("falls_per_1000_patient_days", c, med);
  ASSERT_FALSE(drawn.point_classes.empty());
  EXPECT_EQ(drawn.point_classes.back().variation, spc::PointVariation::concern);
  EXPECT_TRUE(drawn.variation == spc::VariationIcon::concern_high) << spc::to_string(drawn.variation);
}

// The rest is common-cause variation: at most one point in 36 beyond the limits, as chance allows.
TEST_F(DemoIndicators, OtherIndicatorsShowCommonCauseVariation) {
  for (const char* code :
       {"readmission_30d_percent", "average_length_of_stay_days", "hcahps_overall_rating_top_box_percent",
        "complaints_per_1000_patient_days", "ed_median_length_of_stay_minutes"}) {
    auto c = count(code);
    auto drawn = chart(code, c, series(c));
    int beyond = 0;
    for (const auto& signal : drawn.signals) beyond += signal.rule == "beyond_limits";
    EXPECT_LE(beyond, 1) << code;
  }
}

}  // namespace
}  // namespace hqms::test
