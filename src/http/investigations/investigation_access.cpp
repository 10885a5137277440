#include "http/investigations/investigation_access.hpp"

#include <algorithm>

namespace hqms::http {

ScopeRef investigation_scope(const Investigation& v) {
  return {ScopeType::department, v.department_id};
}

bool on_team(const Investigation& v, Id user) {
  return v.lead_id == user ||
         std::any_of(v.team.begin(), v.team.end(), [&](const TeamMember& m) { return m.user_id == user; });
}

bool may_read(const RequestContext& ctx, const Investigation& v) {
  return on_team(v, ctx.principal().user.id) ||
         ctx.policy().allows(Permission::investigations_read, investigation_scope(v));
}

bool may_edit(const RequestContext& ctx, const Investigation& v) {
  return on_team(v, ctx.principal().user.id) ||
         ctx.policy().allows(Permission::investigations_manage, investigation_scope(v));
}

}  // namespace hqms::http
