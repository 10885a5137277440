#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace hqms {

enum class Role {
  staff_reporter,
  department_manager,
  patient_safety_officer,
  quality_manager,
  quality_analyst,
  auditor,  // compliance specialist or auditor: read-mostly
  executive,
  administrator,
};

enum class Permission {
  org_read,
  org_manage,
  users_read,
  users_manage,
  audit_read,
  incidents_report,     // report events and follow one's own reports
  incidents_read,       // see events in scope (patient identifiers masked)
  incidents_read_phi,   // see the patient identifiers of events in scope
  incidents_triage,     // triage, assign, flag sentinel events, move through the workflow, record disclosure
  incidents_configure,  // external reporting rules, sentinel clock, holidays
  investigations_read,
  investigations_manage,
  capa_read,          // see corrective and preventive actions in scope
  capa_manage,        // raise, plan, progress, verify and close CAPAs in scope
  risks_read,         // see the risk register and FMEA studies in scope
  risks_manage,       // keep risks and FMEA studies in scope
  risks_configure,    // the risk matrix bands
  indicators_read,    // quality indicators and dashboards in scope
  indicators_manage,  // indicator targets, chart annotations and the analysts' own indicators
  data_import,        // import EHR encounters, survey responses, observations and complaints
};

std::span<const Role> all_roles();
std::span<const Permission> all_permissions();

std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);
std::string_view label(Role role);
std::string_view description(Role role);

std::string_view to_string(Permission permission);
std::span<const Permission> permissions_of(Role role);
bool role_has(Role role, Permission permission);

}  // namespace hqms
