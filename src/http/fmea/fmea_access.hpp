#pragma once
// Who may see and who may fill in an FMEA study: risks.read / risks.manage over its department, and the lead
// and the team whatever their roles (the ward staff who know the process are the ones who write it down).
#include "core/fmea/fmea.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

ScopeRef study_scope(const FmeaStudy& study);
bool on_team(const FmeaStudy& study, Id user);
bool may_read(const RequestContext& ctx, const FmeaStudy& study);
bool may_edit(const RequestContext& ctx, const FmeaStudy& study);

}  // namespace hqms::http
