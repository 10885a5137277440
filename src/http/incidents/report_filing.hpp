#pragma once
// Filing a new report, the same way for staff, anonymous reporters and imports: checked in core, stored,
// and recorded in the audit trail, in the caller's transaction.
#include <optional>
#include <string>

#include "core/incidents/incident_report.hpp"
#include "store/database.hpp"

namespace hqms::http {

struct Filing {
  const Organisation& org;
  IncidentSubmission submission;
  std::optional<Id> reporter_id;  // empty for anonymous reports and imports
  std::optional<Id> actor_id;     // who filed it, for the audit trail: the reporter or the importer
  std::string reporter_username;  // for the audit trail: "anonymous" for anonymous reports
  bool anonymous = false;
  std::string submission_key;  // a retry with the same key finds the first report
  std::string audit_summary;   // how it arrived: "Reported", "Imported from FHIR" ...
};

struct Filed {
  IncidentReport report;
  bool created = false;  // false: an earlier attempt with the same key had filed it
};

// Validates (422 with every field problem), then files. Anonymous reports keep only the day they arrived:
// neither the report nor its audit entry holds the moment, which could single out who was on shift.
Result<Filed> file_report(store::UnitOfWork& uow, const Filing& filing, Timestamp now);

}  // namespace hqms::http
