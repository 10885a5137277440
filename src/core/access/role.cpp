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

constexpr std::array kAllPermissions{Permission::org_read, Permission::org_manage, Permission::users_read,
                                     Permission::users_manage, Permission::audit_read};

// Which role holds which permission. Scope is applied separately (AccessPolicy): a permission held through a
// grant reaches only the grant's scope.
constexpr std::array kReporter{Permission::org_read};
constexpr std::array kAuditor{Permission::org_read, Permission::audit_read};
constexpr std::array kAdministrator{Permission::org_read, Permission::org_manage, Permission::users_read,
                                    Permission::users_manage, Permission::audit_read};

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
  }
  return "";
}

std::span<const Permission> permissions_of(Role role) {
  switch (role) {
    case Role::auditor:
      return kAuditor;
    case Role::administrator:
      return kAdministrator;
    default:
      return kReporter;
  }
}

bool role_has(Role role, Permission permission) {
  auto perms = permissions_of(role);
  return std::find(perms.begin(), perms.end(), permission) != perms.end();
}

}  // namespace hqms
