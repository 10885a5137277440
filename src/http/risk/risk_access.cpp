#include "http/risk/risk_access.hpp"

namespace hqms::http {
namespace {

bool allowed_on_either_register(const RequestContext& ctx, Permission permission, const Risk& risk) {
  const auto policy = ctx.policy();
  return policy.allows(permission, risk.scope) ||
         (risk.escalated_to && policy.allows(permission, *risk.escalated_to));
}

}  // namespace

bool owns(const Risk& risk, Id user) {
  return risk.owner_id && *risk.owner_id == user;
}

bool may_read(const RequestContext& ctx, const Risk& risk) {
  return owns(risk, ctx.principal().user.id) || allowed_on_either_register(ctx, Permission::risks_read, risk);
}

bool may_edit(const RequestContext& ctx, const Risk& risk) {
  return allowed_on_either_register(ctx, Permission::risks_manage, risk);
}

bool may_review(const RequestContext& ctx, const Risk& risk) {
  return may_edit(ctx, risk) || owns(risk, ctx.principal().user.id);
}

bool may_raise_capa(const RequestContext& ctx, const Risk& risk) {
  if (!may_read(ctx, risk)) return false;
  const auto policy = ctx.policy();
  if (risk.scope.type == ScopeType::department) return policy.allows(Permission::capa_manage, risk.scope);
  for (const auto& site : ctx.org().sites)
    for (const auto& dept : site.departments) {
      const ScopeRef at{ScopeType::department, dept.id};
      if (ctx.org().contains(risk.scope, at) && policy.allows(Permission::capa_manage, at)) return true;
    }
  return false;
}

}  // namespace hqms::http
