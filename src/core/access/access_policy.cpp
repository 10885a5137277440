#include "core/access/access_policy.hpp"

#include <algorithm>

namespace hqms {

bool ScopeFilter::covers(std::optional<Id> site_id, std::optional<Id> department_id) const {
  if (everything) return true;
  if (site_id && std::find(site_ids.begin(), site_ids.end(), *site_id) != site_ids.end()) return true;
  return department_id &&
         std::find(department_ids.begin(), department_ids.end(), *department_id) != department_ids.end();
}

bool AccessPolicy::allows(Permission permission, ScopeRef target) const {
  return std::any_of(grants_.begin(), grants_.end(), [&](const Grant& g) {
    return role_has(g.role, permission) && org_.contains(g.scope, target);
  });
}

bool AccessPolicy::allows_somewhere(Permission permission) const {
  return std::any_of(grants_.begin(), grants_.end(),
                     [&](const Grant& g) { return role_has(g.role, permission) && org_.exists(g.scope); });
}

bool AccessPolicy::allows_organisation_wide(Permission permission) const {
  return allows(permission, {ScopeType::organisation, org_.id});
}

ScopeFilter AccessPolicy::scope_filter(Permission permission) const {
  ScopeFilter filter;
  for (const auto& g : grants_) {
    if (!role_has(g.role, permission) || !org_.exists(g.scope)) continue;
    switch (g.scope.type) {
      case ScopeType::organisation:
        filter.everything = true;
        break;
      case ScopeType::site:
        filter.site_ids.push_back(g.scope.id);
        break;
      case ScopeType::department:
        filter.department_ids.push_back(g.scope.id);
        break;
    }
  }
  if (filter.everything) return ScopeFilter{true, {}, {}};
  std::erase_if(filter.department_ids, [&](Id d) {
    const auto& sites = filter.site_ids;
    return std::find(sites.begin(), sites.end(), org_.department(d)->site_id) != sites.end();
  });
  return filter;
}

bool AccessPolicy::may_grant(const Grant& grant) const {
  return allows(Permission::users_manage, grant.scope);
}

bool AccessPolicy::may_manage(ScopeRef account_scope, const Grants& their_grants) const {
  if (!allows(Permission::users_manage, account_scope)) return false;
  return std::all_of(their_grants.begin(), their_grants.end(), [&](const Grant& g) { return may_grant(g); });
}

std::vector<Permission> AccessPolicy::permissions() const {
  std::vector<Permission> out;
  for (auto p : all_permissions())
    if (allows_somewhere(p)) out.push_back(p);
  return out;
}

}  // namespace hqms
