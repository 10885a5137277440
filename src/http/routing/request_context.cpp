#include "http/routing/request_context.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

namespace hqms::http {

Result<Id> RequestContext::id_param(const std::string& name) const {
  const auto& raw = param(name);
  Id id = 0;
  auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
  if (ec != std::errc{} || ptr != raw.data() + raw.size() || id <= 0)
    return Error::not_found("There is nothing at this address.");
  return id;
}

void place_audit_event(AuditEvent& event, const Organisation& org, ScopeRef scope) {
  event.site_id.reset();
  event.department_id.reset();
  if (scope.type == ScopeType::site) event.site_id = scope.id;
  if (scope.type == ScopeType::department) {
    event.department_id = scope.id;
    if (auto* d = org.department(scope.id)) event.site_id = d->site_id;
  }
}

AuditEvent RequestContext::audit_event(std::string action, std::string entity_type, std::string entity_id,
                                       std::string summary, nlohmann::json before, nlohmann::json after,
                                       ScopeRef scope) const {
  AuditEvent e;
  if (principal_) {
    e.actor_id = principal_->user.id;
    e.actor_username = principal_->user.username;
  }
  e.action = std::move(action);
  e.entity_type = std::move(entity_type);
  e.entity_id = std::move(entity_id);
  e.summary = std::move(summary);
  e.before = std::move(before);
  e.after = std::move(after);
  if (principal_) place_audit_event(e, principal_->org, scope);
  return e;
}

Error RequestContext::deny(std::string_view what, std::optional<ScopeRef> target) {
  const auto scope = target.value_or(ScopeRef{ScopeType::organisation, principal_->org.id});
  auto event =
      audit_event("permission_denied", "route", std::string(req_.raw.method_string()) + " " + req_.path,
                  "Refused: " + std::string(what), nullptr, nullptr, scope);
  auto recorded = store::in_write_transaction(
      db(), [&](store::UnitOfWork& uow) -> Result<void> { return uow.audit().record(event, now()); });
  if (!recorded) spdlog::error("could not record a permission denial: {}", recorded.error().message);
  return Error::forbidden("You do not have permission to " + std::string(what) + ".");
}

Result<void> RequestContext::require(Permission permission, ScopeRef target, std::string_view what) {
  if (policy().allows(permission, target)) return {};
  return deny(what, target);
}

Result<void> RequestContext::require_somewhere(Permission permission, std::string_view what) {
  if (policy().allows_somewhere(permission)) return {};
  return deny(what, std::nullopt);
}

Result<void> RequestContext::require_organisation_wide(Permission permission, std::string_view what) {
  if (policy().allows_organisation_wide(permission)) return {};
  return deny(what, std::nullopt);
}

}  // namespace hqms::http
