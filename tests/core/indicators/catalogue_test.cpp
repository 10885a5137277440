// The shipped indicator catalogue: every entry keeps the definition rules, codes are unique, the six IOM aims
// are covered and each entry names its published source; and a few entries counted end to end on a small
// hand-made data set, with the values worked out by hand.
#include "core/indicators/catalogue.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <set>
#include <string>

#include "core/indicators/indicator_engine.hpp"
#include "core/indicators/sources.hpp"

namespace hqms::indicators {
namespace {

using namespace std::chrono;

DayNumber day_of(year_month_day d) {
  return static_cast<DayNumber>(sys_days{d}.time_since_epoch().count());
}

TEST(Catalogue, EveryEntryKeepsTheDefinitionRules) {
  ASSERT_FALSE(catalogue().empty());
  for (const auto& d : catalogue()) {
    const auto errors = check_indicator(d);
    std::string why;
    for (const auto& e : errors) why += e.field + ": " + e.message + "\n";
    EXPECT_TRUE(errors.empty()) << d.code << "\n" << why;
  }
}

TEST(Catalogue, HoldsAtLeastTwentyIndicatorsWithUniqueCodes) {
  EXPECT_GE(catalogue().size(), 20u);
  std::set<std::string> codes;
  for (const auto& d : catalogue()) EXPECT_TRUE(codes.insert(d.code).second) << d.code << " is listed twice";
}

TEST(Catalogue, CoversEveryIomDomain) {
  std::set<IomDomain> seen;
  for (const auto& d : catalogue()) seen.insert(d.domain);
  for (auto domain : all_iom_domains()) EXPECT_TRUE(seen.contains(domain)) << to_string(domain);
}

TEST(Catalogue, EveryEntryIsBuiltInAndCitesItsSourceWithAnAddress) {
  for (const auto& d : catalogue()) {
    EXPECT_TRUE(d.built_in) << d.code;
    EXPECT_FALSE(d.description.empty()) << d.code;
    EXPECT_FALSE(d.unit_label.empty()) << d.code;
    EXPECT_NE(d.citation.find("https://"), std::string::npos) << d.code << " cites no address";
    EXPECT_EQ(d.period, PeriodUnit::month) << d.code;
    EXPECT_EQ(d.rules, RuleSet::making_data_count) << d.code;
  }
}

// Proportions are drawn on p or p' charts, rates on u or u', means and medians on XmR: the chart each
// published method asks for.
TEST(Catalogue, ChartsFollowTheTypeOfMeasure) {
  for (const auto& d : catalogue()) {
    switch (d.type) {
      case IndicatorType::proportion:
        EXPECT_TRUE(d.chart == ChartType::p || d.chart == ChartType::p_prime) << d.code;
        EXPECT_EQ(d.per, 100) << d.code;
        break;
      case IndicatorType::rate:
        EXPECT_TRUE(d.chart == ChartType::u || d.chart == ChartType::u_prime) << d.code;
        break;
      case IndicatorType::mean:
      case IndicatorType::median:
        EXPECT_EQ(d.chart, ChartType::xmr) << d.code;
        break;
      case IndicatorType::count:
        EXPECT_TRUE(d.chart == ChartType::c || d.chart == ChartType::g || d.chart == ChartType::t) << d.code;
        break;
    }
  }
}

// Stratification is the equity view: every indicator counted from encounters alone can be split by every
// demographic dimension it does not itself select on.
TEST(Catalogue, EncounterIndicatorsCanBeSplitByDemographics) {
  for (const auto& d : catalogue()) {
    const bool encounters_only = d.numerator.source == encounters_source &&
                                 (!d.denominator || d.denominator->source == encounters_source);
    if (!encounters_only) continue;
    std::set<std::string> strata(d.strata.begin(), d.strata.end());
    int demographic = 0;
    for (const char* dim : {"age_band", "sex", "ethnicity", "payer"}) demographic += strata.contains(dim);
    EXPECT_GE(demographic, 3) << d.code;
  }
}

TEST(Catalogue, FindsAnIndicatorByCode) {
  const auto* falls = catalogue_indicator("falls_per_1000_patient_days");
  ASSERT_NE(falls, nullptr);
  EXPECT_EQ(falls->domain, IomDomain::safe);
  EXPECT_EQ(falls->per, 1000);
  EXPECT_EQ(falls->numerator.source, incidents_source);
  EXPECT_EQ(catalogue_indicator("no_such_indicator"), nullptr);
  for (const char* code : {"clabsi_per_1000_central_line_days", "cauti_per_1000_catheter_days",
                           "readmission_30d_percent", "in_hospital_mortality_percent",
                           "medication_errors_per_1000_doses", "ed_median_length_of_stay_minutes",
                           "ed_left_without_being_seen_percent", "hand_hygiene_compliance_percent",
                           "hcahps_overall_rating_top_box_percent", "complaints_per_1000_patient_days",
                           "incident_reporting_rate_per_1000_patient_days", "capa_closed_on_time_percent",
                           "ssi_percent_of_surgical_stays", "falls_with_injury_per_1000_patient_days"})
    EXPECT_NE(catalogue_indicator(code), nullptr) << code;
}

// A tiny month of General Medicine, written row by row into the engine's tables.
class CatalogueCounted : public ::testing::Test {
 protected:
  void encounter(year_month_day discharged, const char* encounter_class, double patient_days,
                 const char* disposition, bool readmitted, std::optional<double> ed_minutes,
                 const char* age_band = "65-74") {
    auto& t = data_.encounters;
    const auto& s = t.schema();
    t.begin_row();
    t.set_dimension(*s.index_of("site"), "MAIN");
    t.set_dimension(*s.index_of("department"), "MED");
    t.set_dimension(*s.index_of("encounter_class"), encounter_class);
    t.set_dimension(*s.index_of("age_band"), age_band);
    t.set_dimension(*s.index_of("sex"), "female");
    t.set_dimension(*s.index_of("ethnicity"), "white_irish");
    t.set_dimension(*s.index_of("payer"), "public");
    t.set_dimension(*s.index_of("disposition"), disposition);
    t.set_day(*s.index_of("discharge_day"), day_of(discharged));
    t.set_day(*s.index_of("admission_day"), day_of(discharged) - static_cast<DayNumber>(patient_days));
    t.set_number(*s.index_of("patient_days"), patient_days);
    t.set_number(*s.index_of("ed_minutes"), ed_minutes ? *ed_minutes : std::nan(""));
    t.set_flag(*s.index_of("readmitted_30d"), readmitted);
    t.set_flag(*s.index_of("died"), std::string_view(disposition) == "died");
    t.set_flag(*s.index_of("left_without_being_seen"),
               std::string_view(disposition) == "left_without_being_seen");
    t.end_row();
  }

  void incident(year_month_day occurred, const char* category, const char* event_type, const char* harm) {
    auto& t = data_.incidents;
    const auto& s = t.schema();
    t.begin_row();
    t.set_dimension(*s.index_of("site"), "MAIN");
    t.set_dimension(*s.index_of("department"), "MED");
    t.set_dimension(*s.index_of("category"), category);
    t.set_dimension(*s.index_of("event_type"), event_type);
    t.set_dimension(*s.index_of("harm"), harm);
    t.set_day(*s.index_of("occurred_day"), day_of(occurred));
    const bool reached = std::string_view(event_type) == "incident";
    const bool harmful = reached && std::string_view(harm) != "no_harm";
    t.set_flag(*s.index_of("reached_patient"), reached);
    t.set_flag(*s.index_of("harmful"), harmful);
    t.end_row();
  }

  std::vector<SeriesPoint> counted(const char* code, year_month_day from, year_month_day to) {
    const auto* d = catalogue_indicator(code);
    EXPECT_NE(d, nullptr) << code;
    CubeRequest request;
    request.indicators = {d};
    request.from = day_of(from);
    request.to = day_of(to);
    auto cubes = compute_cubes(data_, request);
    EXPECT_TRUE(cubes) << (cubes ? "" : cubes.error().message);
    if (!cubes) return {};
    const auto* cube = cubes->find(code);
    EXPECT_NE(cube, nullptr) << code;
    if (!cube) return {};
    return series(*cube, {});
  }

  IndicatorData data_;
};

TEST_F(CatalogueCounted, FallsPerThousandPatientDaysCountOnlyFallsThatReachedThePatient) {
  // March: 400 + 600 patient-days; April: 500.
  encounter(2025y / March / 10, "inpatient", 400, "home", false, std::nullopt);
  encounter(2025y / March / 28, "inpatient", 600, "home", false, std::nullopt);
  encounter(2025y / April / 2, "inpatient", 500, "home", false, std::nullopt);
  // March: two falls that reached the patient (one harmful), a near-miss fall and a medication event.
  incident(2025y / March / 3, "fall", "incident", "no_harm");
  incident(2025y / March / 9, "fall", "incident", "moderate");
  incident(2025y / March / 12, "fall", "near_miss", "no_harm");
  incident(2025y / March / 20, "medication", "incident", "no_harm");
  // April: one fall.
  incident(2025y / April / 15, "fall", "incident", "mild");

  auto falls = counted("falls_per_1000_patient_days", 2025y / March / 1, 2025y / April / 30);
  ASSERT_EQ(falls.size(), 2u);
  EXPECT_DOUBLE_EQ(falls[0].numerator, 2);
  EXPECT_DOUBLE_EQ(falls[0].denominator, 1000);
  ASSERT_TRUE(falls[0].value);
  EXPECT_NEAR(*falls[0].value, 2.0, 1e-9);  // 2 / 1000 x 1000
  ASSERT_TRUE(falls[1].value);
  EXPECT_NEAR(*falls[1].value, 2.0, 1e-9);  // 1 / 500 x 1000

  auto injured = counted("falls_with_injury_per_1000_patient_days", 2025y / March / 1, 2025y / April / 30);
  ASSERT_EQ(injured.size(), 2u);
  EXPECT_DOUBLE_EQ(injured[0].numerator, 1);
  EXPECT_NEAR(*injured[0].value, 1.0, 1e-9);

  auto reporting =
      counted("incident_reporting_rate_per_1000_patient_days", 2025y / March / 1, 2025y / March / 31);
  ASSERT_EQ(reporting.size(), 1u);
  EXPECT_NEAR(*reporting[0].value, 4.0, 1e-9);  // every report, near misses included
}

TEST_F(CatalogueCounted, ReadmissionsLeaveOutDeathsTransfersAndEdVisits) {
  encounter(2025y / May / 2, "inpatient", 3, "home", true, std::nullopt);
  encounter(2025y / May / 4, "inpatient", 5, "home", false, std::nullopt);
  encounter(2025y / May / 6, "inpatient", 2, "care_facility", true, std::nullopt);
  encounter(2025y / May / 8, "inpatient", 4, "home", false, std::nullopt);
  encounter(2025y / May / 9, "inpatient", 9, "died", false, std::nullopt);
  encounter(2025y / May / 10, "inpatient", 1, "transfer", true, std::nullopt);
  encounter(2025y / May / 11, "emergency", 0, "home", true, 120.0);

  auto readmitted = counted("readmission_30d_percent", 2025y / May / 1, 2025y / May / 31);
  ASSERT_EQ(readmitted.size(), 1u);
  EXPECT_DOUBLE_EQ(readmitted[0].numerator, 2);
  EXPECT_DOUBLE_EQ(readmitted[0].denominator, 4);
  EXPECT_NEAR(*readmitted[0].value, 50.0, 1e-9);

  auto mortality = counted("in_hospital_mortality_percent", 2025y / May / 1, 2025y / May / 31);
  ASSERT_EQ(mortality.size(), 1u);
  EXPECT_NEAR(*mortality[0].value, 100.0 / 6.0, 1e-9);

  auto alos = counted("average_length_of_stay_days", 2025y / May / 1, 2025y / May / 31);
  ASSERT_EQ(alos.size(), 1u);
  EXPECT_NEAR(*alos[0].value, 24.0 / 6.0, 1e-9);  // (3 + 5 + 2 + 4 + 9 + 1) / 6 inpatient stays
}

TEST_F(CatalogueCounted, EdMedianCountsDischargedEdVisitsOnly) {
  encounter(2025y / June / 1, "emergency", 0, "home", false, 100.0);
  encounter(2025y / June / 2, "emergency", 0, "home", false, 300.0);
  encounter(2025y / June / 3, "emergency", 0, "home", false, 200.0);
  encounter(2025y / June / 4, "emergency", 0, "left_without_being_seen", false, 20.0);
  encounter(2025y / June / 5, "inpatient", 4, "home", false, 600.0);  // admitted through the ED

  auto median = counted("ed_median_length_of_stay_minutes", 2025y / June / 1, 2025y / June / 30);
  ASSERT_EQ(median.size(), 1u);
  ASSERT_TRUE(median[0].value);
  EXPECT_NEAR(*median[0].value, 200.0, 1e-9);

  auto lwbs = counted("ed_left_without_being_seen_percent", 2025y / June / 1, 2025y / June / 30);
  ASSERT_EQ(lwbs.size(), 1u);
  EXPECT_DOUBLE_EQ(lwbs[0].numerator, 1);
  EXPECT_DOUBLE_EQ(lwbs[0].denominator, 5);  // every ED arrival, the admitted one included
  EXPECT_NEAR(*lwbs[0].value, 20.0, 1e-9);
}

}  // namespace
}  // namespace hqms::indicators
