#include "core/encounters/unit_records.hpp"

#include "core/encounters/value_sets.hpp"

namespace hqms::encounters {

std::vector<FieldError> check_observation(const ObservationRecord& record, const KnownUnits* units) {
  std::vector<FieldError> errors;
  require_text(errors, "observation_id", record.observation_id);
  require_one_of(errors, "kind", record.kind, observation_kinds);
  require_unit(errors, record.site, record.department, units);
  // The moment is optional, but a recorded one must be one of the five.
  if (!record.moment.empty()) require_one_of(errors, "moment", record.moment, hand_hygiene_moments);
  return errors;
}

std::vector<FieldError> check_complaint(const ComplaintRecord& record, const KnownUnits* units) {
  std::vector<FieldError> errors;
  require_text(errors, "complaint_id", record.complaint_id);
  require_unit(errors, record.site, record.department, units);
  require_one_of(errors, "category", record.category, complaint_categories);
  require_one_of(errors, "severity", record.severity, complaint_severities);
  return errors;
}

}  // namespace hqms::encounters
