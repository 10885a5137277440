#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/encounters/encounter_record.hpp"
#include "core/encounters/survey_response.hpp"
#include "core/encounters/unit_records.hpp"
#include "core/indicators/sources.hpp"

namespace hqms::encounters {
namespace {

using indicators::FactTable;

std::size_t column(const FactTable& table, std::string_view name) {
  const auto index = table.schema().index_of(name);
  if (!index) throw std::runtime_error("no column " + std::string(name));
  return *index;
}
std::string_view text(const FactTable& table, std::string_view name, std::size_t row) {
  const auto c = column(table, name);
  return table.dictionary(c).text(table.dimension(c)[row]);
}
bool flag(const FactTable& table, std::string_view name, std::size_t row) {
  return (table.flags()[row] & (1u << table.flag_bit(column(table, name)))) != 0;
}
float number(const FactTable& table, std::string_view name, std::size_t row) {
  return table.number(column(table, name))[row];
}

TEST(EncounterRulesTableRows, AnEncounterBecomesOneRowWithDerivedFlags) {
  FactTable table(indicators::encounter_schema());
  const std::string_view procedures[] = {"0FT44ZZ", "0DTJ4ZZ"};
  EncounterRecord r;
  r.encounter_id = "E-1";
  r.patient_pseudonym = "P-1";
  r.site = "NORTH";
  r.department = "SURG";
  r.encounter_class = "inpatient";
  r.admitted_at = 20000 * 86400 + 3600;
  r.discharged_at = 20003 * 86400 + 7200;
  r.age_band = "45-64";
  r.sex = "male";
  r.ethnicity = "unknown";
  r.payer = "private";
  r.primary_diagnosis = "K80.20";
  r.procedures = procedures;
  r.disposition = "died";
  r.patient_days = 3;
  r.central_line_days = 2;
  r.medication_doses = 12;
  r.clabsi = true;
  append_encounter(table, r);
  r.procedures = {};
  r.disposition = "left_without_being_seen";
  r.encounter_class = "emergency";
  r.ed_minutes = 95;
  r.clabsi = false;
  r.readmitted_30d = true;
  append_encounter(table, r);

  ASSERT_EQ(table.rows(), 2u);
  EXPECT_EQ(text(table, "site", 0), "NORTH");
  EXPECT_EQ(text(table, "department", 0), "SURG");
  EXPECT_EQ(text(table, "primary_diagnosis", 0), "K80.20");
  EXPECT_EQ(text(table, "encounter_class", 1), "emergency");
  EXPECT_EQ(table.day(column(table, "admission_day"))[0], 20000);
  EXPECT_EQ(table.day(column(table, "discharge_day"))[0], 20003);
  EXPECT_FLOAT_EQ(number(table, "patient_days", 0), 3);
  EXPECT_FLOAT_EQ(number(table, "central_line_days", 0), 2);
  EXPECT_FLOAT_EQ(number(table, "medication_doses", 0), 12);
  EXPECT_TRUE(std::isnan(number(table, "ed_minutes", 0)));
  EXPECT_FLOAT_EQ(number(table, "ed_minutes", 1), 95);
  const auto codes = table.codes(column(table, "procedures"), 0);
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(table.dictionary(column(table, "procedures")).text(codes[1]), "0DTJ4ZZ");
  EXPECT_TRUE(table.codes(column(table, "procedures"), 1).empty());
  EXPECT_TRUE(flag(table, "died", 0));
  EXPECT_FALSE(flag(table, "died", 1));
  EXPECT_TRUE(flag(table, "left_without_being_seen", 1));
  EXPECT_TRUE(flag(table, "surgical", 0));
  EXPECT_FALSE(flag(table, "surgical", 1));
  EXPECT_TRUE(flag(table, "clabsi", 0));
  EXPECT_FALSE(flag(table, "readmitted_30d", 0));
  EXPECT_TRUE(flag(table, "readmitted_30d", 1));
}

TEST(EncounterRulesTableRows, SurveyTopBoxFollowsEachItemsScale) {
  FactTable table(indicators::survey_schema());
  const SurveyAnswer answers[] = {{"overall_rating", 9},
                                  {"overall_rating", 8},
                                  {"nurse_communication", 4},
                                  {"nurse_communication", 3},
                                  {"discharge_information", 2},
                                  {"discharge_information", 1},
                                  {"recommend", 4}};
  const SurveyResponseRecord response{"R-1",    "NORTH",   "ICU",     20100,  "18-44",
                                      "female", "unknown", "unknown", answers};
  append_survey_response(table, response);
  ASSERT_EQ(table.rows(), 7u);
  const std::vector<bool> expected = {true, false, true, false, true, false, true};
  for (std::size_t row = 0; row < table.rows(); ++row) {
    EXPECT_EQ(flag(table, "top_box", row), expected[row]) << row;
    EXPECT_EQ(text(table, "item", row), answers[row].item);
    EXPECT_FLOAT_EQ(number(table, "answer", row), static_cast<float>(answers[row].answer));
    EXPECT_EQ(table.day(column(table, "visit_day"))[row], 20100);
    EXPECT_EQ(text(table, "sex", row), "female");
  }
}

TEST(EncounterRulesTableRows, ObservationsAndComplaintsBecomeRows) {
  FactTable observations(indicators::observation_schema());
  append_observation(observations, {"O-1", "hand_hygiene", "NORTH", "ICU", 20200, "after_patient", true});
  append_observation(observations, {"O-2", "hand_hygiene", "NORTH", "ICU", 20201, "", false});
  ASSERT_EQ(observations.rows(), 2u);
  EXPECT_TRUE(flag(observations, "compliant", 0));
  EXPECT_FALSE(flag(observations, "compliant", 1));
  EXPECT_EQ(text(observations, "moment", 0), "after_patient");
  EXPECT_EQ(observations.day(column(observations, "observed_day"))[1], 20201);

  FactTable complaints(indicators::complaint_schema());
  append_complaint(complaints, {"C-1", "SOUTH", "SURG", 20300, "billing", "high"});
  ASSERT_EQ(complaints.rows(), 1u);
  EXPECT_EQ(text(complaints, "category", 0), "billing");
  EXPECT_EQ(text(complaints, "severity", 0), "high");
  EXPECT_EQ(complaints.day(column(complaints, "received_day"))[0], 20300);
}

}  // namespace
}  // namespace hqms::encounters
