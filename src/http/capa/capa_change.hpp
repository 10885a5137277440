#pragma once
// One change to a CAPA: the record re-read and locked inside a write transaction, the change applied, saved
// and written to the audit trail with before and after, then answered as it now is.
#include <functional>
#include <string>

#include "core/capa/corrective_action.hpp"
#include "http/routing/request_context.hpp"
#include "store/database.hpp"

namespace hqms::http {

// Applies the change to `after` (a copy of the stored record) once the caller is known to see the CAPA.
// It checks its own permission (noting a refusal in `refused`) and sets `summary`, the audit entry's text.
using ChangeCapa =
    std::function<Result<void>(store::UnitOfWork& uow, const CorrectiveAction& before,
                               CorrectiveAction& after, Refusal& refused, std::string& summary)>;

Result<Response> change_capa(RequestContext& ctx, const std::string& audit_action, const ChangeCapa& change);

// Reads the CAPA named by the path's {id} in a read transaction; 403 (audited) when the caller may not see
// it.
struct VisibleCapa {
  std::unique_ptr<store::UnitOfWork> uow;
  CorrectiveAction capa;
};
Result<VisibleCapa> open_visible_capa(RequestContext& ctx);

}  // namespace hqms::http
