#include "core/encounters/survey_response.hpp"

#include <string>

#include "core/encounters/value_sets.hpp"

namespace hqms::encounters {
namespace {

// HCAHPS scales: four-point frequency (never .. always), yes/no, four-point agreement, 0-10 rating, and the
// four-point recommendation; the top box is the most positive answer, and 9-10 for the rating (CMS).
constexpr SurveyItem items[] = {
    {"nurse_communication", "Nurses always communicated well", 1, 4, 4},
    {"doctor_communication", "Doctors always communicated well", 1, 4, 4},
    {"staff_responsiveness", "Patients always received help as soon as they wanted", 1, 4, 4},
    {"medicine_communication", "Staff always explained medicines before giving them", 1, 4, 4},
    {"cleanliness", "Room and bathroom were always clean", 1, 4, 4},
    {"quietness", "Area around the room was always quiet at night", 1, 4, 4},
    {"discharge_information", "Patients were given information about what to do during recovery", 1, 2, 2},
    {"care_transition", "Patients strongly agreed they understood their care when they left", 1, 4, 4},
    {"overall_rating", "Patients rated the hospital 9 or 10 out of 10", 0, 10, 9},
    {"recommend", "Patients would definitely recommend the hospital", 1, 4, 4},
};

}  // namespace

std::span<const SurveyItem> survey_items() {
  return items;
}

const SurveyItem* survey_item(std::string_view id) {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

std::vector<FieldError> check_survey_response(const SurveyResponseRecord& record, const KnownUnits* units) {
  std::vector<FieldError> errors;
  require_text(errors, "response_id", record.response_id);
  require_unit(errors, record.site, record.department, units);
  require_one_of(errors, "age_band", record.age_band, age_bands);
  require_one_of(errors, "sex", record.sex, sexes);
  require_text(errors, "ethnicity", record.ethnicity);
  require_text(errors, "payer", record.payer);
  if (record.answers.empty()) errors.push_back({"", "no survey item is answered"});
  for (const auto& answer : record.answers) {
    const auto* item = survey_item(answer.item);
    if (!item) {
      errors.push_back({std::string(answer.item), "not a survey item"});
    } else if (answer.answer < item->min_answer || answer.answer > item->max_answer) {
      errors.push_back({std::string(answer.item), "answer " + std::to_string(answer.answer) + " is outside " +
                                                      std::to_string(item->min_answer) + "-" +
                                                      std::to_string(item->max_answer)});
    }
  }
  return errors;
}

}  // namespace hqms::encounters
