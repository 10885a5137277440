#pragma once
// HL7 FHIR R4 AdverseEvent: HQMS reports out as resources, and Bundles of them (from an EHR) in as
// submissions for the triage queue. Pure mapping: no I/O.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/incidents/incident_report.hpp"

namespace hqms {

struct FhirExportContext {
  const Organisation& org;
  bool include_patient = false;  // PHI: the subject identifier only for callers allowed to see it
  std::string recorder_display;  // reporter's name, empty for anonymous reports
  std::string handler_display;   // contributor
};

// An AdverseEvent (R4) for a report: id, identifier (the reference), actuality (actual for incidents,
// potential for near misses and unsafe conditions), category (the HQMS category as a coding, plus the FHIR
// adverse-event-category code where one fits), event (text), subject (Patient reference by identifier, or
// a "masked" display when PHI is withheld), date, detected, recordedDate, location (display), seriousness
// (serious / non-serious), severity (mild / moderate / severe), outcome (resolved, recovering, ongoing,
// resolvedWithSequelae, fatal, unknown from the harm level and duration), recorder, contributor,
// suspectEntity (the drug or device named in the details, when there is one), and an extension holding the
// HQMS harm level and NCC MERP category.
nlohmann::json to_fhir_adverse_event(const IncidentReport& report, const FhirExportContext& context);

struct FhirImportedEvent {
  IncidentSubmission submission;
  std::string source_identifier;  // the resource's identifier or id, kept in the description's trailer
};

// Reads a Bundle (type collection, transaction or batch) of AdverseEvent resources. Every problem is a
// field error on its FHIR path (`entry[2].resource.date`, `entry[0].resource.resourceType` ...) and any
// error means nothing is returned, so an import is all or nothing. Location is matched to a department by
// its code or name (Location display or extension); category from the HQMS coding or the FHIR code;
// harm from the HQMS extension, else from seriousness/severity/outcome; the submission must also pass
// check_submission() (its errors are reported under the entry's path).
Result<std::vector<FhirImportedEvent>> from_fhir_bundle(const nlohmann::json& bundle, const Organisation& org,
                                                        Timestamp now);

}  // namespace hqms
