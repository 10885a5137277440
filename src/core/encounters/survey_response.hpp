#pragma once
// A patient-experience survey response (HCAHPS-style) and the items HQMS scores with top-box scoring: the
// share of answers in the most positive category ("Always", "Definitely yes", 9-10 of 10), as CMS publishes
// HCAHPS results.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/encounters/encounter_record.hpp"
#include "core/indicators/fact_table.hpp"

namespace hqms::encounters {

struct SurveyItem {
  std::string_view id;     // CSV column name: "nurse_communication"
  std::string_view label;  // "Nurses always communicated well"
  int min_answer = 1;
  int max_answer = 4;
  int top_box_from = 4;  // answers >= this are top box
};
// nurse_communication, doctor_communication, staff_responsiveness, medicine_communication, cleanliness,
// quietness (1-4: never, sometimes, usually, always; top box 4), discharge_information (1-2: no, yes; top box
// 2), care_transition (1-4: strongly disagree .. strongly agree; top box 4), overall_rating (0-10; top box
// 9), recommend (1-4: definitely no .. definitely yes; top box 4).
std::span<const SurveyItem> survey_items();
const SurveyItem* survey_item(std::string_view id);

struct SurveyAnswer {
  std::string_view item;
  int answer = 0;
};

struct SurveyResponseRecord {
  std::string_view response_id;  // unique; importing it again replaces the response's answers
  std::string_view site;
  std::string_view department;
  indicators::DayNumber visit_day = 0;  // discharge or visit date the survey is about
  std::string_view age_band;
  std::string_view sex;
  std::string_view ethnicity;
  std::string_view payer;
  std::span<const SurveyAnswer> answers;  // items left blank are absent
};

std::vector<FieldError> check_survey_response(const SurveyResponseRecord& record, const KnownUnits* units);
// One row per answer into the engine's survey table, with top_box set from the item's scale.
void append_survey_response(indicators::FactTable& table, const SurveyResponseRecord& record);

}  // namespace hqms::encounters
