#pragma once
// Raising a CAPA, wherever it comes from (the CAPA form, an investigation's action plan, an indicator's
// signal): stored with its reference and written to the audit trail in the caller's write transaction, so
// that every way in leaves the same trail.
#include <string>

#include "core/capa/corrective_action.hpp"
#include "http/routing/request_context.hpp"
#include "store/database.hpp"

namespace hqms::http {

// Stores `draft` (already checked by check_capa) and records "create" on entity "capa" with the stored record
// as `after`. The audit summary reads "Raised <reference><summary_tail>" (": <title>", " from INV-...").
Result<CorrectiveAction> store_new_capa(const RequestContext& ctx, store::UnitOfWork& uow,
                                        const CorrectiveAction& draft, const std::string& summary_tail);

}  // namespace hqms::http
