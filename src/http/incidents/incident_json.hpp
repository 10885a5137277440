#pragma once
// How event reports look on the wire (docs/openapi.yaml is the reference). Patient identifiers appear only
// when the caller may see them; the audit trail never holds them.
#include <map>
#include <nlohmann/json.hpp>

#include "core/incidents/external_reporting.hpp"
#include "core/incidents/incident_rules.hpp"
#include "http/incidents/incident_access.hpp"
#include "http/json/body_reader.hpp"
#include "store/incidents/incident_activity_repository.hpp"

namespace hqms::http {

using UserNames = std::map<Id, std::string>;

// The ids of people a report mentions, for one display-name lookup.
std::vector<Id> people_of(const IncidentReport& r);

nlohmann::json incident_summary_json(const Organisation& org, const IncidentReport& r, const UserNames& names,
                                     bool overdue);

struct IncidentDetail {
  const IncidentReport& report;
  IncidentAccess access;
  OverdueReasons overdue;
  const std::vector<ReportingObligation>& obligations;
  const std::vector<store::Attachment>& attachments;
};
nlohmann::json incident_json(const Organisation& org, const IncidentDetail& d, const UserNames& names);

// What the audit trail keeps of a report: everything but the patient's identifiers.
nlohmann::json incident_audit_json(const IncidentReport& r);

// Reads the reporter's part of a report (see docs/openapi.yaml, IncidentSubmission); errors collect in
// `body`.
IncidentSubmission read_submission(BodyReader& body);
// A comment as staff see it, or as the reporter sees it (no staff names).
nlohmann::json comment_json(const store::IncidentComment& c, bool for_reporter);

nlohmann::json reporting_rule_json(const ExternalReportingRule& rule);

}  // namespace hqms::http
