#pragma once
// Who may read and who may edit an investigation: investigations.read / .manage over its department, and
// the lead and the team whatever their roles.
#include "core/investigations/investigation.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

ScopeRef investigation_scope(const Investigation& v);
bool on_team(const Investigation& v, Id user);
bool may_read(const RequestContext& ctx, const Investigation& v);
bool may_edit(const RequestContext& ctx, const Investigation& v);

}  // namespace hqms::http
