#include "core/incidents/incident_rules.hpp"

#include <string>

#include "core/incidents/category_fields.hpp"
#include "core/incidents/harm_consistency.hpp"

namespace hqms {
namespace {

constexpr std::size_t kDescriptionMinLength = 10;
constexpr std::size_t kLocationMaxLength = 200;
constexpr std::size_t kPatientIdentifierMaxLength = 64;
constexpr std::size_t kPatientNameMaxLength = 200;
constexpr std::size_t kPeopleInvolvedMaxLength = 2000;
// Reporters' and servers' clocks disagree by a little; an event "two minutes from now" is a skewed clock, not
// a report about the future.
constexpr auto kClockSkew = std::chrono::minutes(10);
constexpr int kOldestReportYears = 5;

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string at_most(std::size_t n) {
  return "must be at most " + std::to_string(n) + " characters";
}

void check_length(std::vector<FieldError>& errors, const char* field, const std::string& text,
                  std::size_t max) {
  if (text.size() > max) errors.push_back({field, at_most(max)});
}

// The same calendar date five years earlier (29 February falls back to the 28th), at the same time of day:
// "five years ago" as a reporter counts it.
Timestamp years_before(Timestamp t, int years) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  year_month_day ymd{day};
  ymd = (ymd.year() - std::chrono::years(years)) / ymd.month() / ymd.day();
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / last;
  return Timestamp{sys_days{ymd}} + (t - day);
}

void check_occurrence(std::vector<FieldError>& errors, Timestamp occurred_at, Timestamp now) {
  if (occurred_at == Timestamp{})
    errors.push_back({"occurredAt", "say when the event happened"});
  else if (occurred_at > now + kClockSkew)
    errors.push_back({"occurredAt", "cannot be in the future"});
  else if (occurred_at < years_before(now, kOldestReportYears))
    errors.push_back(
        {"occurredAt", "cannot be more than " + std::to_string(kOldestReportYears) + " years ago"});
}

void check_patient(std::vector<FieldError>& errors, const IncidentSubmission& s) {
  if (!s.patient) return;
  if (s.type == EventType::unsafe_condition) {
    errors.push_back({"patient", "an unsafe condition involves no patient"});
    return;
  }
  if (trimmed(s.patient->identifier).empty())
    errors.push_back({"patient.identifier", "is required when a patient is named (medical record number)"});
  else
    check_length(errors, "patient.identifier", s.patient->identifier, kPatientIdentifierMaxLength);
  check_length(errors, "patient.name", s.patient->name, kPatientNameMaxLength);
}

bool ends_without_action(IncidentState s) {
  return s == IncidentState::rejected || s == IncidentState::duplicate || s == IncidentState::merged;
}

// Higher is worse; unknown is below everything so that it meets no threshold.
int harm_rank(HarmLevel harm) {
  switch (harm) {
    case HarmLevel::death:
      return 4;
    case HarmLevel::severe:
      return 3;
    case HarmLevel::moderate:
      return 2;
    case HarmLevel::mild:
      return 1;
    case HarmLevel::no_harm:
      return 0;
    case HarmLevel::unknown:
      break;
  }
  return -1;
}

}  // namespace

std::vector<FieldError> check_submission(const IncidentSubmission& s, const Organisation& org,
                                         Timestamp now) {
  // In the order of the report form, so the first error shown is the first one the reporter meets.
  auto errors = check_harm_consistency(HarmAssessment{
      .type = s.type, .category = s.category, .harm = s.harm, .duration = s.harm_duration, .merp = s.merp});
  for (auto& e : check_event_details(s.category, s.details)) errors.push_back(std::move(e));

  if (s.department_id == 0)
    errors.push_back({"departmentId", "say in which department it happened"});
  else if (!org.department(s.department_id))
    errors.push_back({"departmentId", "is not a department of this organisation"});
  check_length(errors, "location", s.location, kLocationMaxLength);

  check_occurrence(errors, s.occurred_at, now);
  check_patient(errors, s);
  check_length(errors, "peopleInvolved", s.people_involved, kPeopleInvolvedMaxLength);

  const auto description = trimmed(s.description);
  if (description.empty())
    errors.push_back({"description", "say what happened"});
  else if (description.size() < kDescriptionMinLength)
    errors.push_back({"description", "must be at least " + std::to_string(kDescriptionMinLength) +
                                         " characters: say what "
                                         "happened"});
  else
    check_length(errors, "description", s.description, kNarrativeMaxLength);
  check_length(errors, "immediateActions", s.immediate_actions, kNarrativeMaxLength);
  return errors;
}

bool requires_disclosure(HarmLevel harm) {
  return harm_at_least(harm, HarmLevel::moderate);
}

bool harm_at_least(HarmLevel harm, HarmLevel threshold) {
  if (harm == HarmLevel::unknown || threshold == HarmLevel::unknown) return false;
  return harm_rank(harm) >= harm_rank(threshold);
}

OverdueReasons overdue_reasons(const IncidentReport& r, Date today, const BusinessCalendar& calendar) {
  OverdueReasons reasons;
  reasons.analysis = r.sentinel && r.analysis_due && *r.analysis_due < today && !is_final(r.state);

  if (requires_disclosure(r.event.harm) && !r.disclosure && !ends_without_action(r.state)) {
    const Date submitted = std::chrono::floor<std::chrono::days>(r.submitted_at);
    reasons.disclosure = today > calendar.add_business_days(submitted, kDisclosureDueBusinessDays);
  }
  return reasons;
}

}  // namespace hqms
