#include "core/encounters/encounter_record.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/encounters/value_sets.hpp"

namespace hqms::encounters {
namespace {

constexpr std::int64_t seconds_per_day = 86400;

std::int64_t day_of(std::int64_t seconds) {
  return seconds >= 0 ? seconds / seconds_per_day : -((-seconds + seconds_per_day - 1) / seconds_per_day);
}

bool alnum_upper(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

// ICD-10 (WHO and -CM): a letter, two more characters (digits, or a letter third as in C4A), then optionally
// a dot and up to four characters: A09, I21.4, T80.211A.
bool icd10_shaped(std::string_view code) {
  if (code.size() < 3 || code[0] < 'A' || code[0] > 'Z' || code[1] < '0' || code[1] > '9' ||
      !alnum_upper(code[2]))
    return false;
  if (code.size() == 3) return true;
  if (code[3] != '.' || code.size() < 5 || code.size() > 8) return false;
  return std::all_of(code.begin() + 4, code.end(), alnum_upper);
}

void require_days(std::vector<FieldError>& errors, std::string_view field, double value) {
  if (!std::isfinite(value) || value < 0)
    errors.push_back({std::string(field), "must be a number, 0 or more"});
}

}  // namespace

std::vector<FieldError> check_encounter(const EncounterRecord& record, const KnownUnits* units) {
  std::vector<FieldError> errors;
  require_text(errors, "encounter_id", record.encounter_id);
  require_text(errors, "patient_pseudonym", record.patient_pseudonym);
  require_unit(errors, record.site, record.department, units);
  require_one_of(errors, "encounter_class", record.encounter_class, encounter_classes);
  if (record.discharged_at < record.admitted_at)
    errors.push_back({"discharged_at", "discharge is before admission"});
  require_one_of(errors, "age_band", record.age_band, age_bands);
  require_one_of(errors, "sex", record.sex, sexes);
  require_text(errors, "ethnicity", record.ethnicity);
  require_text(errors, "payer", record.payer);
  if (!record.primary_diagnosis.empty() && !icd10_shaped(record.primary_diagnosis))
    errors.push_back(
        {"primary_diagnosis", "'" + std::string(record.primary_diagnosis) +
                                  "' is not an ICD-10 code (a letter, two digits, then . and up to "
                                  "four characters, e.g. I21.4)"});
  for (const auto code : record.procedures) {
    if (code.empty()) errors.push_back({"procedure_codes", "an empty procedure code"});
  }
  require_one_of(errors, "disposition", record.disposition, dispositions);

  require_days(errors, "patient_days", record.patient_days);
  require_days(errors, "central_line_days", record.central_line_days);
  require_days(errors, "urinary_catheter_days", record.urinary_catheter_days);
  require_days(errors, "medication_doses", record.medication_doses);
  if (record.ed_minutes) require_days(errors, "ed_minutes", *record.ed_minutes);

  // A device counted on every calendar day of the stay gives at most its nights + 1 days.
  if (record.discharged_at >= record.admitted_at) {
    const auto nights = static_cast<double>(day_of(record.discharged_at) - day_of(record.admitted_at));
    const double limit = std::max(record.patient_days, nights) + 1;
    if (record.central_line_days > limit)
      errors.push_back({"central_line_days", "more device-days than days in the stay"});
    if (record.urinary_catheter_days > limit)
      errors.push_back({"urinary_catheter_days", "more device-days than days in the stay"});
  }
  return errors;
}

}  // namespace hqms::encounters
