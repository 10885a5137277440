#include "http/capa/capa_create.hpp"

#include "http/capa/capa_access.hpp"
#include "http/capa/capa_json.hpp"

namespace hqms::http {

Result<CorrectiveAction> store_new_capa(const RequestContext& ctx, store::UnitOfWork& uow,
                                        const CorrectiveAction& draft, const std::string& summary_tail) {
  auto id = uow.capa().create(draft);
  if (!id) return id.error();
  auto stored = uow.capa().get(*id);
  if (!stored) return stored.error();
  auto logged = uow.audit().record(
      ctx.audit_event("create", "capa", std::to_string(*id), "Raised " + stored->reference + summary_tail,
                      nullptr, capa_audit_json(*stored), capa_scope(*stored)),
      ctx.now());
  if (!logged) return logged.error();
  return stored;
}

}  // namespace hqms::http
