#include "http/capa/capa_change.hpp"

#include "http/capa/capa_access.hpp"
#include "http/capa/capa_json.hpp"

namespace hqms::http {

Result<Response> change_capa(RequestContext& ctx, const std::string& audit_action, const ChangeCapa& change) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  Refusal refused;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<CorrectiveAction> {
    refused.what.reset();
    auto before = uow.capa().get_for_update(*id);
    if (!before) return before.error();
    if (!may_read(ctx, *before)) return refused.refuse("view this CAPA", capa_scope(*before));
    auto after = *before;
    std::string summary;
    if (auto r = change(uow, *before, after, refused, summary); !r) return r.error();
    after.updated_at = ctx.now();
    if (auto r = uow.capa().update(after); !r) return r.error();
    auto stored = uow.capa().get(*id);
    if (!stored) return stored.error();
    auto logged = uow.audit().record(
        ctx.audit_event(audit_action, "capa", std::to_string(*id), summary, capa_audit_json(*before),
                        capa_audit_json(*stored), capa_scope(*stored)),
        ctx.now());
    if (!logged) return logged.error();
    return stored;
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!saved) return saved.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return capa_response(ctx, **uow, *saved);
}

Result<VisibleCapa> open_visible_capa(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto c = (*uow)->capa().get(*id);
  if (!c) return c.error();
  if (!may_read(ctx, *c)) return ctx.deny("view this CAPA", capa_scope(*c));
  return VisibleCapa{std::move(*uow), std::move(*c)};
}

}  // namespace hqms::http
