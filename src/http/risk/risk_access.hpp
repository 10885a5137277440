#pragma once
// Who may see and who may keep a risk. A risk sits on the register it was raised on (a department, a site or
// the organisation) and, once escalated, on the register above too: risks.read / risks.manage at either
// reach it. Its owner may read it and record reviews whatever their role.
#include "core/risk/risk.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

bool owns(const Risk& risk, Id user);
bool may_read(const RequestContext& ctx, const Risk& risk);
bool may_edit(const RequestContext& ctx, const Risk& risk);
bool may_review(const RequestContext& ctx, const Risk& risk);
// A CAPA lives in a department: raising one for a department risk needs capa.manage there; for a site or
// organisation risk, capa.manage in some department under it.
bool may_raise_capa(const RequestContext& ctx, const Risk& risk);

}  // namespace hqms::http
