#pragma once
// The rules a report must satisfy on submission and at triage, and the deadlines that follow from it.
#include <vector>

#include "core/common/result.hpp"
#include "core/incidents/incident_report.hpp"

namespace hqms {

inline constexpr std::size_t kNarrativeMaxLength = 20000;

// Everything wrong with a submission, field by field (`type`, `category`, `harm`, `details.drug`,
// `patient.identifier` ...): required text present and within length, the department known in `org`, the
// time not in the future (a few minutes of clock skew allowed) nor more than 5 years ago, harm consistent with
// the type and NCC MERP category, the category's own fields, a patient only where one can be involved (not
// for unsafe conditions).
std::vector<FieldError> check_submission(const IncidentSubmission& s, const Organisation& org, Timestamp now);

// Duty of candour: moderate harm or worse is disclosed to the patient or family.
bool requires_disclosure(HarmLevel harm);

// Severity ordering of the harm scale for thresholds: death > severe > moderate > mild > no harm; unknown
// meets no threshold.
bool harm_at_least(HarmLevel harm, HarmLevel threshold);

// What makes a report overdue today: a sentinel analysis past its due date while the report is still open,
// or a required disclosure not recorded within 10 business days of submission (both shown red).
struct OverdueReasons {
  bool analysis = false;
  bool disclosure = false;
  bool any() const { return analysis || disclosure; }
};
inline constexpr int kDisclosureDueBusinessDays = 10;
OverdueReasons overdue_reasons(const IncidentReport& r, Date today, const BusinessCalendar& calendar);

}  // namespace hqms
