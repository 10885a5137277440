#pragma once
// Configurable rules for reporting events outside the hospital ("death or severe harm -> the regulator within
// 7 days"), and the obligations they create for one report.
#include <span>
#include <string>
#include <vector>

#include "core/common/business_calendar.hpp"
#include "core/common/result.hpp"
#include "core/incidents/incident_report.hpp"

namespace hqms {

struct ExternalReportingRule {
  Id id = 0;
  std::string name;    // "Serious incident notification"
  std::string agency;  // "Health Information and Quality Authority"
  HarmLevel min_harm = HarmLevel::severe;  // harm at least this (harm_at_least)
  bool sentinel_only = false;              // applies only to flagged sentinel events
  std::optional<EventCategory> category;   // only this category, or any
  int due_days = 7;
  bool business_days = false;  // count business days (holiday calendar) instead of calendar days
  bool active = true;
};

// Field errors for a rule being created or changed: name and agency present (<= 200 characters), due_days
// between 1 and 365.
std::vector<FieldError> check_reporting_rule(const ExternalReportingRule& rule);

// A record that a report was made.
struct ExternalReport {
  Id id = 0;
  Id rule_id = 0;
  Timestamp reported_at{};
  std::string reported_to;
  std::string reference;  // the agency's own reference, if any
  Id recorded_by = 0;
};

struct ReportingObligation {
  Id rule_id = 0;
  std::string rule_name;
  std::string agency;
  Date due_on{};
  bool overdue = false;  // due before `today` and no report made for this rule
  std::optional<ExternalReport> made;
};

// The active rules that apply to `report`, each with its due date counted from the day the event was
// submitted, and whether a report under that rule was made.
std::vector<ReportingObligation> reporting_obligations(const IncidentReport& report,
                                                       std::span<const ExternalReportingRule> rules,
                                                       std::span<const ExternalReport> made, Date today,
                                                       const BusinessCalendar& calendar);

}  // namespace hqms
