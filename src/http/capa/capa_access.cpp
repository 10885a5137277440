#include "http/capa/capa_access.hpp"

#include <algorithm>

namespace hqms::http {

ScopeRef capa_scope(const CorrectiveAction& c) {
  return {ScopeType::department, c.department_id};
}

bool is_coordinator(const CorrectiveAction& c, Id user) {
  return c.coordinator_id == user;
}

bool owns_an_action(const CorrectiveAction& c, Id user) {
  return std::any_of(c.actions.begin(), c.actions.end(),
                     [&](const CapaAction& a) { return a.owner_id == user; });
}

bool may_read(const RequestContext& ctx, const CorrectiveAction& c) {
  const auto me = ctx.principal().user.id;
  const auto policy = ctx.policy();
  return is_coordinator(c, me) || owns_an_action(c, me) ||
         policy.allows(Permission::capa_read, capa_scope(c)) ||
         policy.allows(Permission::capa_manage, capa_scope(c));
}

bool may_edit(const RequestContext& ctx, const CorrectiveAction& c) {
  return is_coordinator(c, ctx.principal().user.id) ||
         ctx.policy().allows(Permission::capa_manage, capa_scope(c));
}

bool may_progress(const RequestContext& ctx, const CorrectiveAction& c, const CapaAction& action) {
  return action.owner_id == ctx.principal().user.id || may_edit(ctx, c);
}

bool may_verify(const RequestContext& ctx, const CorrectiveAction& c) {
  return ctx.policy().allows(Permission::capa_manage, capa_scope(c)) &&
         !owns_an_action(c, ctx.principal().user.id);
}

}  // namespace hqms::http
