#pragma once
// A reported patient-safety event as HQMS keeps it: what the reporter said, what triage decided, and the
// clocks and records that follow from it.
#include <map>
#include <optional>
#include <string>

#include "core/common/business_calendar.hpp"
#include "core/common/timestamp.hpp"
#include "core/incidents/classification.hpp"
#include "core/incidents/incident_workflow.hpp"
#include "core/org/organisation.hpp"

namespace hqms {

// Category-specific answers (see category_fields.hpp), by field name.
using EventDetails = std::map<std::string, std::string>;

// Triage's judgement of how bad the outcome is or could have been, after the Severity Assessment Code idea:
// it ranks the queue, while HarmLevel records what actually happened.
enum class Severity { minor, moderate, major, catastrophic };
std::string_view to_string(Severity v);
std::optional<Severity> severity_from_string(std::string_view s);
std::string_view label(Severity v);

// Who was involved. Patient identifiers are protected health information: only roles allowed to see
// PHI receive them (the http layer masks them for everyone else).
struct PatientInvolved {
  std::string identifier;  // medical record number or similar
  std::string name;
};

// What a reporter supplies, signed in or anonymous.
struct IncidentSubmission {
  EventType type = EventType::incident;
  EventCategory category = EventCategory::other;
  HarmLevel harm = HarmLevel::unknown;
  HarmDuration harm_duration = HarmDuration::unknown;
  std::optional<MerpCategory> merp;
  EventDetails details;
  Id department_id = 0;  // where it happened; the site follows from the department
  std::string location;  // finer than the department: "Bay 3, bed 12"
  Timestamp occurred_at{};
  std::optional<PatientInvolved> patient;  // none for unsafe conditions
  std::string people_involved;             // staff roles involved, free text
  std::string description;                 // what happened
  std::string immediate_actions;
};

// A record of telling the patient or family (duty of candour).
struct Disclosure {
  Timestamp disclosed_at{};
  std::string disclosed_to;  // "patient", "daughter (next of kin)" ...
  std::string method;        // in person, telephone, letter
  std::string notes;
  Id recorded_by = 0;
};

struct IncidentReport {
  Id id = 0;
  std::string reference;  // PSE-2026-000123: what people quote on the phone
  IncidentSubmission event;
  Id site_id = 0;

  bool anonymous = false;
  std::optional<Id> reporter_id;  // never set for anonymous reports
  Timestamp submitted_at{};       // anonymous reports: the day only

  IncidentState state = IncidentState::submitted;
  std::string state_reason;  // for rejected, duplicate, merged
  std::optional<Id> merged_into;

  std::optional<Severity> severity;
  std::optional<Id> handler_id;
  std::optional<Id> investigator_id;
  bool sentinel = false;
  bool related_to_natural_course = false;
  std::optional<Date> sentinel_flagged_on;
  std::optional<Date> analysis_due;  // comprehensive systematic analysis and action plan
  std::optional<Id> investigation_id;
  std::optional<Disclosure> disclosure;

  Timestamp updated_at{};
  int version = 1;  // optimistic concurrency for edits from two browsers
};

}  // namespace hqms
