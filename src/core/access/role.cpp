#include "core/access/role.hpp"

#include <algorithm>
#include <array>

#include "core/common/enum_table.hpp"

namespace hqms {
namespace {

constexpr EnumTable<Role, 8> kRoles{{
    {Role::staff_reporter, "staff_reporter", "Staff reporter",
     "Any nurse, doctor or staff member: reports events and follows their own reports."},
    {Role::department_manager, "department_manager", "Department manager",
     "Leads a department or unit: sees its events and actions and owns its improvement work."},
    {Role::patient_safety_officer, "patient_safety_officer", "Patient safety officer",
     "Triages safety events, leads investigations and root-cause analysis."},
    {Role::quality_manager, "quality_manager", "Quality manager",
     "Runs the quality management system: CAPA, risks, audits, documents and management review."},
    {Role::quality_analyst, "quality_analyst", "Quality analyst",
     "Imports data, defines indicators and builds dashboards."},
    {Role::auditor, "auditor", "Compliance specialist / auditor",
     "Read-mostly access for audits and compliance, including the audit trail."},
    {Role::executive, "executive", "Executive", "Reads dashboards and management-review reports."},
    {Role::administrator, "administrator", "Administrator",
     "Manages users, roles and the organisation structure; reads the audit trail."},
}};

constexpr std::array kAllPermissions{Permission::org_read,
                                     Permission::org_manage,
                                     Permission::users_read,
                                     Permission::users_manage,
                                     Permission::audit_read,
                                     Permission::incidents_report,
                                     Permission::incidents_read,
                                     Permission::incidents_read_phi,
                                     Permission::incidents_triage,
                                     Permission::incidents_configure,
                                     Permission::investigations_read,
                                     Permission::investigations_manage,
                                     Permission::capa_read,
                                     Permission::capa_manage,
                                     Permission::risks_read,
                                     Permission::risks_manage,
                                     Permission::risks_configure,
                                     Permission::indicators_read,
                                     Permission::indicators_manage,
                                     Permission::data_import};

// Which role holds which permission. Scope is applied separately (AccessPolicy): a permission held through a
// grant reaches only the grant's scope.
// Patient identifiers (incidents.read_phi) go only to those who act on the patient's care or the event:
// managers of the department, patient safety officers and quality managers.
constexpr std::array kReporter{Permission::org_read, Permission::incidents_report};
// Department managers own their department's improvement work: they keep its CAPAs, risks and FMEAs.
constexpr std::array kDepartmentManager{
    Permission::org_read,           Permission::incidents_report,    Permission::incidents_read,
    Permission::incidents_read_phi, Permission::investigations_read, Permission::capa_read,
    Permission::capa_manage,        Permission::risks_read,          Permission::risks_manage,
    Permission::indicators_read};
constexpr std::array kPatientSafetyOfficer{Permission::org_read,
                                           Permission::incidents_report,
                                           Permission::incidents_read,
                                           Permission::incidents_read_phi,
                                           Permission::incidents_triage,
                                           Permission::investigations_read,
                                           Permission::investigations_manage,
                                           Permission::capa_read,
                                           Permission::capa_manage,
                                           Permission::risks_read,
                                           Permission::risks_manage,
                                           Permission::indicators_read};
constexpr std::array kQualityManager{Permission::org_read,
                                     Permission::incidents_report,
                                     Permission::incidents_read,
                                     Permission::incidents_read_phi,
                                     Permission::incidents_triage,
                                     Permission::incidents_configure,
                                     Permission::investigations_read,
                                     Permission::investigations_manage,
                                     Permission::capa_read,
                                     Permission::capa_manage,
                                     Permission::risks_read,
                                     Permission::risks_manage,
                                     Permission::risks_configure,
                                     Permission::indicators_read,
                                     Permission::indicators_manage};
// Analysts keep the indicators and bring the EHR and survey data in; executives read.
constexpr std::array kQualityAnalyst{Permission::org_read,        Permission::incidents_report,
                                     Permission::incidents_read,  Permission::investigations_read,
                                     Permission::capa_read,       Permission::risks_read,
                                     Permission::indicators_read, Permission::indicators_manage,
                                     Permission::data_import};
constexpr std::array kReader{Permission::org_read,       Permission::incidents_report,
                             Permission::incidents_read, Permission::investigations_read,
                             Permission::capa_read,      Permission::risks_read,
                             Permission::indicators_read};
constexpr std::array kAuditor{
    Permission::org_read,       Permission::audit_read,          Permission::incidents_report,
    Permission::incidents_read, Permission::investigations_read, Permission::capa_read,
    Permission::risks_read,     Permission::indicators_read};
constexpr std::array kAdministrator{
    Permission::org_read,   Permission::org_manage,       Permission::users_read, Permission::users_manage,
    Permission::audit_read, Permission::incidents_report, Permission::data_import};

}  // namespace

std::span<const Role> all_roles() {
  return enum_values(kRoles);
}
std::span<const Permission> all_permissions() {
  return kAllPermissions;
}

std::string_view to_string(Role role) {
  return enum_name(kRoles, role).id;
}
std::string_view label(Role role) {
  return enum_name(kRoles, role).label;
}
std::string_view description(Role role) {
  return enum_name(kRoles, role).meaning;
}

std::optional<Role> role_from_string(std::string_view text) {
  return enum_from_id(kRoles, text);
}

std::string_view to_string(Permission permission) {
  switch (permission) {
    case Permission::org_read:
      return "org.read";
    case Permission::org_manage:
      return "org.manage";
    case Permission::users_read:
      return "users.read";
    case Permission::users_manage:
      return "users.manage";
    case Permission::audit_read:
      return "audit.read";
    case Permission::incidents_report:
      return "incidents.report";
    case Permission::incidents_read:
      return "incidents.read";
    case Permission::incidents_read_phi:
      return "incidents.read_phi";
    case Permission::incidents_triage:
      return "incidents.triage";
    case Permission::incidents_configure:
      return "incidents.configure";
    case Permission::investigations_read:
      return "investigations.read";
    case Permission::investigations_manage:
      return "investigations.manage";
    case Permission::capa_read:
      return "capa.read";
    case Permission::capa_manage:
      return "capa.manage";
    case Permission::risks_read:
      return "risks.read";
    case Permission::risks_manage:
      return "risks.manage";
    case Permission::risks_configure:
      return "risks.configure";
    case Permission::indicators_read:
      return "indicators.read";
    case Permission::indicators_manage:
      return "indicators.manage";
    case Permission::data_import:
      return "data.import";
  }
  return "";
}

std::span<const Permission> permissions_of(Role role) {
  switch (role) {
    case Role::staff_reporter:
      return kReporter;
    case Role::department_manager:
      return kDepartmentManager;
    case Role::patient_safety_officer:
      return kPatientSafetyOfficer;
    case Role::quality_manager:
      return kQualityManager;
    case Role::quality_analyst:
      return kQualityAnalyst;
    case Role::executive:
      return kReader;
    case Role::auditor:
      return kAuditor;
    case Role::administrator:
      return kAdministrator;
  }
  return kReporter;
}

bool role_has(Role role, Permission permission) {
  auto perms = permissions_of(role);
  return std::find(perms.begin(), perms.end(), permission) != perms.end();
}

}  // namespace hqms
