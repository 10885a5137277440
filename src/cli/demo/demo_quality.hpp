#pragma once
// The quality side of the demo hospital: a risk register over every department, two FMEA studies and a
// year of corrective and preventive actions, many raised from the demo investigations. Seeded, so every
// demo is the same; every record is built the way the app would build it (through the core workflow) and
// passes the same checks, or the demo stops with an internal error.
#include <map>
#include <string>
#include <vector>

#include "core/audit/audit_entry.hpp"
#include "core/capa/corrective_action.hpp"
#include "core/common/result.hpp"
#include "core/risk/risk_matrix.hpp"
#include "store/database.hpp"

namespace hqms::cli {

struct DemoQualityCounts {
  int capas = 0;
  int capas_overdue = 0;
  std::map<CapaState, int> capa_states;
  int risks = 0;
  int risks_escalated = 0;
  int risks_review_overdue = 0;
  std::map<RiskBand, int> risk_bands;  // by residual score
  int fmea_studies = 0;
  int failure_modes = 0;
};

// Runs after create_demo_events(): many CAPAs come from the investigations that step opens.
Result<DemoQualityCounts> create_demo_quality(store::Database& db, const Clock& clock);

// An audit entry written by the demo loader rather than by a signed-in person.
AuditEvent demo_audit_event(std::string action, std::string entity_type, std::string entity_id,
                            std::string summary);

// A record that fails the app's own checks is a bug in the generator: the demo stops and says why.
Error demo_drift(const std::string& what, const std::vector<FieldError>& errors);

}  // namespace hqms::cli
