#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/encounters/encounter_record.hpp"
#include "core/encounters/survey_response.hpp"
#include "core/encounters/unit_records.hpp"
#include "core/import/import_fixtures.hpp"

namespace hqms::encounters {
namespace {

EncounterRecord valid_stay() {
  EncounterRecord r;
  r.encounter_id = "E-1";
  r.patient_pseudonym = "P-1";
  r.site = "NORTH";
  r.department = "ICU";
  r.encounter_class = "inpatient";
  r.admitted_at = 1'700'000'000;
  r.discharged_at = r.admitted_at + 3 * 86400;
  r.age_band = "45-64";
  r.sex = "female";
  r.ethnicity = "unknown";
  r.payer = "unknown";
  r.primary_diagnosis = "I21.4";
  r.disposition = "home";
  r.patient_days = 3;
  return r;
}

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(EncounterRules, AValidStayPasses) {
  testing::KnownUnitsStub units;
  EXPECT_TRUE(check_encounter(valid_stay(), &units).empty());
  EXPECT_TRUE(check_encounter(valid_stay(), nullptr).empty());
}

TEST(EncounterRules, EachRuleNamesItsField) {
  testing::KnownUnitsStub units;
  const auto broken = [&](auto change) {
    auto r = valid_stay();
    change(r);
    return fields(check_encounter(r, &units));
  };
  using F = std::vector<std::string>;
  EXPECT_EQ(broken([](EncounterRecord& r) { r.encounter_id = ""; }), F{"encounter_id"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.patient_pseudonym = ""; }), F{"patient_pseudonym"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.site = ""; }), (F{"site"}));
  EXPECT_EQ(broken([](EncounterRecord& r) { r.department = "CARDIO"; }), F{"department"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.site = "SOUTH"; }), F{"department"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.encounter_class = "outpatient"; }), F{"encounter_class"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.discharged_at = r.admitted_at - 1; }), F{"discharged_at"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.age_band = "65+"; }), F{"age_band"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.sex = "F"; }), F{"sex"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.ethnicity = ""; }), F{"ethnicity"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.payer = ""; }), F{"payer"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.primary_diagnosis = "i21"; }), F{"primary_diagnosis"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.primary_diagnosis = "I21."; }), F{"primary_diagnosis"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.disposition = "discharged"; }), F{"disposition"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.patient_days = -0.5; }), F{"patient_days"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.medication_doses = -1; }), F{"medication_doses"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.ed_minutes = -5; }), F{"ed_minutes"});
  // Three nights: at most four device-days.
  EXPECT_EQ(broken([](EncounterRecord& r) { r.central_line_days = 4; }), F{});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.central_line_days = 4.5; }), F{"central_line_days"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.urinary_catheter_days = 5; }), F{"urinary_catheter_days"});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.primary_diagnosis = ""; }), F{});  // not every visit is coded
  EXPECT_EQ(broken([](EncounterRecord& r) { r.primary_diagnosis = "T80.211A"; }), F{});
  EXPECT_EQ(broken([](EncounterRecord& r) { r.primary_diagnosis = "C4A.0"; }), F{});
}

TEST(EncounterRules, ValueSetMessagesListTheAllowedValues) {
  auto r = valid_stay();
  r.disposition = "gone";
  const auto errors = check_encounter(r, nullptr);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("care_facility"), std::string::npos);
  EXPECT_NE(errors[0].message.find("'gone'"), std::string::npos);
}

TEST(EncounterRules, SurveyObservationAndComplaintRules) {
  SurveyAnswer answers[] = {{"overall_rating", 9}, {"recommend", 5}, {"parking", 1}};
  SurveyResponseRecord response{"R-1", "NORTH", "ICU", 20000, "18-44", "male", "unknown", "unknown", answers};
  EXPECT_EQ(fields(check_survey_response(response, nullptr)),
            (std::vector<std::string>{"recommend", "parking"}));
  response.answers = {};
  EXPECT_EQ(fields(check_survey_response(response, nullptr)), (std::vector<std::string>{""}));

  ObservationRecord observation{"O-1", "hand_hygiene", "NORTH", "ICU", 20000, "", true};
  EXPECT_TRUE(check_observation(observation, nullptr).empty());
  observation.moment = "after_patient";
  EXPECT_TRUE(check_observation(observation, nullptr).empty());
  observation.moment = "whenever";
  EXPECT_EQ(fields(check_observation(observation, nullptr)), (std::vector<std::string>{"moment"}));

  ComplaintRecord complaint{"C-1", "NORTH", "ICU", 20000, "billing", "high"};
  EXPECT_TRUE(check_complaint(complaint, nullptr).empty());
  complaint.department = "SURG";
  testing::KnownUnitsStub units;
  EXPECT_EQ(fields(check_complaint(complaint, &units)), (std::vector<std::string>{"department"}));
}

}  // namespace
}  // namespace hqms::encounters
