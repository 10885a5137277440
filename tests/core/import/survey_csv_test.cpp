#include "core/import/survey_csv.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/import/import_fixtures.hpp"
#include "core/import/iso_datetime.hpp"

namespace hqms {
namespace {

using testing::KnownUnitsStub;
using testing::problem_places;
using testing::read_fixture;

struct ResponseCopy {
  std::string id, site, department, age_band, sex, ethnicity, payer;
  indicators::DayNumber day = 0;
  std::vector<std::pair<std::string, int>> answers;
};

struct Imported {
  Result<ImportTally> tally;
  std::vector<ResponseCopy> responses;
};

Imported import_survey(std::string_view text, const encounters::KnownUnits* units = nullptr) {
  std::vector<ResponseCopy> out;
  auto tally = read_survey_csv("survey.csv", text, units, [&](const encounters::SurveyResponseRecord& r) {
    ResponseCopy copy{std::string(r.response_id), std::string(r.site), std::string(r.department),
                      std::string(r.age_band),    std::string(r.sex),  std::string(r.ethnicity),
                      std::string(r.payer),       r.visit_day,         {}};
    for (const auto& a : r.answers) copy.answers.emplace_back(std::string(a.item), a.answer);
    out.push_back(std::move(copy));
  });
  return {std::move(tally), std::move(out)};
}

constexpr std::string_view survey_header =
    "response_id,site,department,visit_date,age_band,sex,overall_rating,discharge_information,quietness\n";

TEST(SurveyCsv, GoodFileBringsEveryAnswerAndSkipsBlanks) {
  KnownUnitsStub units;
  const auto result = import_survey(read_fixture("survey_good.csv"), &units);
  ASSERT_TRUE(result.tally.ok()) << result.tally.error().message;
  EXPECT_EQ(result.tally->records_valid, 2u);
  ASSERT_EQ(result.responses.size(), 2u);
  const auto& a = result.responses[0];
  EXPECT_EQ(a.id, "S-1");
  EXPECT_EQ(a.site, "NORTH");
  EXPECT_EQ(a.department, "ICU");
  EXPECT_EQ(a.day, importing::days_from_civil(2025, 3, 9));
  EXPECT_EQ(a.age_band, "65-74");
  EXPECT_EQ(a.sex, "female");
  EXPECT_EQ(a.ethnicity, "White");
  EXPECT_EQ(a.payer, "medicare");
  EXPECT_EQ(a.answers, (std::vector<std::pair<std::string, int>>{{"nurse_communication", 4},
                                                                 {"doctor_communication", 3},
                                                                 {"staff_responsiveness", 4},
                                                                 {"cleanliness", 4},
                                                                 {"quietness", 2},
                                                                 {"discharge_information", 2},
                                                                 {"care_transition", 4},
                                                                 {"overall_rating", 9},
                                                                 {"recommend", 4}}));
  const auto& b = result.responses[1];
  EXPECT_EQ(b.ethnicity, "unknown");
  EXPECT_EQ(b.payer, "unknown");
  EXPECT_EQ(b.answers, (std::vector<std::pair<std::string, int>>{{"nurse_communication", 1},
                                                                 {"discharge_information", 1},
                                                                 {"overall_rating", 10},
                                                                 {"recommend", 3}}));
}

TEST(SurveyCsv, AnswersOutsideTheirItemsScaleAreRefused) {
  const auto result =
      import_survey(std::string(survey_header) +
                    "R-1,NORTH,ICU,2025-03-09,18-44,male,10,2,4\n"   // top of every scale
                    "R-2,NORTH,ICU,2025-03-09,18-44,male,11,,\n"     // rating is 0-10
                    "R-3,NORTH,ICU,2025-03-09,18-44,male,,3,\n"      // yes/no is 1-2
                    "R-4,NORTH,ICU,2025-03-09,18-44,male,0,,0\n"     // 0 is a rating, not a frequency
                    "R-5,NORTH,ICU,2025-03-09,18-44,male,,,\n"       // nothing answered
                    "R-6,NORTH,ICU,2025-03-09,18-44,male,often,,\n"  // not a number
                    "R-7,NORTH,ICU,09/03/2025,18-44,male,5,,\n"      // not an ISO date
                    "R-8,NORTH,ICU,2025-03-09,90+,male,5,,\n");      // no such band
  ASSERT_TRUE(result.tally.ok());
  ASSERT_EQ(result.responses.size(), 1u);
  EXPECT_EQ(result.responses[0].id, "R-1");
  EXPECT_EQ(problem_places(*result.tally),
            (std::vector<std::string>{"3:overall_rating", "4:discharge_information", "5:quietness",
                                      "6:", "7:overall_rating", "8:visit_date", "9:age_band"}));
}

TEST(SurveyCsv, TopBoxFollowsEachItemsScale) {
  const auto* rating = encounters::survey_item("overall_rating");
  const auto* yes_no = encounters::survey_item("discharge_information");
  const auto* nurses = encounters::survey_item("nurse_communication");
  ASSERT_TRUE(rating && yes_no && nurses);
  EXPECT_EQ(rating->min_answer, 0);
  EXPECT_EQ(rating->max_answer, 10);
  EXPECT_EQ(rating->top_box_from, 9);
  EXPECT_EQ(yes_no->max_answer, 2);
  EXPECT_EQ(yes_no->top_box_from, 2);
  EXPECT_EQ(nurses->top_box_from, 4);
  EXPECT_EQ(encounters::survey_items().size(), 10u);
  EXPECT_EQ(encounters::survey_item("parking"), nullptr);
}

TEST(SurveyCsv, HeaderWithoutVisitDateIsAnError) {
  const auto result = import_survey("response_id,site,department,age_band,sex,overall_rating\n");
  ASSERT_FALSE(result.tally.ok());
  ASSERT_EQ(result.tally.error().fields.size(), 1u);
  EXPECT_EQ(result.tally.error().fields[0].field, "visit_date");
}

TEST(SurveyCsv, UnknownDepartmentIsRefused) {
  KnownUnitsStub units;
  const auto result =
      import_survey(std::string(survey_header) + "R-1,NORTH,WARD9,2025-03-09,18-44,male,9,,\n", &units);
  ASSERT_TRUE(result.tally.ok());
  EXPECT_TRUE(result.responses.empty());
  EXPECT_EQ(problem_places(*result.tally), (std::vector<std::string>{"2:department"}));
}

struct ObservationCopy {
  std::string id, kind, site, department, moment;
  indicators::DayNumber day = 0;
  bool compliant = false;
};

TEST(ObservationCsv, ReadsHandHygieneAuditsAndRefusesBadOnes) {
  KnownUnitsStub units;
  std::vector<ObservationCopy> out;
  const auto tally = read_observation_csv(
      "hh.csv",
      "observation_id,kind,site,department,observed_on,moment,compliant\r\n"
      "O-1,hand_hygiene,NORTH,ICU,2025-03-01,before_patient,yes\r\n"
      "O-2,hand_hygiene,NORTH,ED,2025-03-02,,0\r\n"
      "O-3,hand_hygiene,NORTH,ICU,2025-03-02,after_lunch,1\r\n"
      "O-4,hand_hygiene,NORTH,ICU,2025-03-02,,\r\n"
      "O-5,glove_use,NORTH,ICU,2025-03-02,,1\r\n"
      "O-6,hand_hygiene,NORTH,ICU,2025-03-32,,1\r\n",
      &units, [&](const encounters::ObservationRecord& r) {
        out.push_back({std::string(r.observation_id), std::string(r.kind), std::string(r.site),
                       std::string(r.department), std::string(r.moment), r.observed_day, r.compliant});
      });
  ASSERT_TRUE(tally.ok()) << tally.error().message;
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, "O-1");
  EXPECT_EQ(out[0].kind, "hand_hygiene");
  EXPECT_EQ(out[0].moment, "before_patient");
  EXPECT_EQ(out[0].day, importing::days_from_civil(2025, 3, 1));
  EXPECT_TRUE(out[0].compliant);
  EXPECT_EQ(out[1].department, "ED");
  EXPECT_EQ(out[1].moment, "");
  EXPECT_FALSE(out[1].compliant);
  EXPECT_EQ(problem_places(*tally),
            (std::vector<std::string>{"4:moment", "5:compliant", "6:kind", "7:observed_on"}));
}

TEST(ObservationCsv, HeaderWithoutCompliantIsAnError) {
  const auto tally = read_observation_csv("hh.csv", "observation_id,kind,site,department,observed_on\n",
                                          nullptr, [](const encounters::ObservationRecord&) {});
  ASSERT_FALSE(tally.ok());
  ASSERT_EQ(tally.error().fields.size(), 1u);
  EXPECT_EQ(tally.error().fields[0].field, "compliant");
}

TEST(ComplaintCsv, ReadsComplaintsAndRefusesBadOnes) {
  KnownUnitsStub units;
  std::vector<std::string> seen;
  const auto tally =
      read_complaint_csv("complaints.csv",
                         "\xEF\xBB\xBF"
                         "complaint_id,site,department,received_on,category,severity\n"
                         "C-1,SOUTH,SURG,2025-04-01,waiting_times,low\n"
                         "C-2,SOUTH,SURG,2025-04-01,parking,low\n"
                         "C-3,SOUTH,SURG,2025-04-01,billing,critical\n"
                         ",SOUTH,SURG,2025-04-01,billing,high\n"
                         "\"C-5\",\"SOUTH\",\"SURG\",\"2025-04-02\",\"staff_attitude\",\"high\"\n",
                         &units, [&](const encounters::ComplaintRecord& r) {
                           seen.push_back(std::string(r.complaint_id) + "/" + std::string(r.category) + "/" +
                                          std::string(r.severity) + "/" + std::to_string(r.received_day));
                         });
  ASSERT_TRUE(tally.ok()) << tally.error().message;
  const auto april_1 = std::to_string(importing::days_from_civil(2025, 4, 1));
  const auto april_2 = std::to_string(importing::days_from_civil(2025, 4, 2));
  EXPECT_EQ(seen, (std::vector<std::string>{"C-1/waiting_times/low/" + april_1,
                                            "C-5/staff_attitude/high/" + april_2}));
  EXPECT_EQ(problem_places(*tally), (std::vector<std::string>{"3:category", "4:severity", "5:complaint_id"}));
  EXPECT_EQ(tally->problems[0].record_id, "C-2");
}

}  // namespace
}  // namespace hqms
