#pragma once
// Who may do what with one CAPA. capa.read / capa.manage over its department reach it by role; beyond that
// the coordinator answers for the whole CAPA (reads and edits it) and each action owner reads it and moves
// their own action along.
#include "core/capa/corrective_action.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

ScopeRef capa_scope(const CorrectiveAction& c);
bool is_coordinator(const CorrectiveAction& c, Id user);
bool owns_an_action(const CorrectiveAction& c, Id user);

bool may_read(const RequestContext& ctx, const CorrectiveAction& c);
bool may_edit(const RequestContext& ctx, const CorrectiveAction& c);
// Progress and evidence of one action: its owner, or anyone who may edit the CAPA.
bool may_progress(const RequestContext& ctx, const CorrectiveAction& c, const CapaAction& action);
// The effectiveness check: capa.manage over the department and no action of their own (closing needs
// someone other than the action owners; check_verifier has the last word).
bool may_verify(const RequestContext& ctx, const CorrectiveAction& c);

}  // namespace hqms::http
