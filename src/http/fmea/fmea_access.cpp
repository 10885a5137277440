#include "http/fmea/fmea_access.hpp"

#include <algorithm>

namespace hqms::http {

ScopeRef study_scope(const FmeaStudy& study) {
  return {ScopeType::department, study.department_id};
}

bool on_team(const FmeaStudy& study, Id user) {
  return study.lead_id == user || std::find(study.team.begin(), study.team.end(), user) != study.team.end();
}

bool may_read(const RequestContext& ctx, const FmeaStudy& study) {
  return on_team(study, ctx.principal().user.id) ||
         ctx.policy().allows(Permission::risks_read, study_scope(study));
}

bool may_edit(const RequestContext& ctx, const FmeaStudy& study) {
  return on_team(study, ctx.principal().user.id) ||
         ctx.policy().allows(Permission::risks_manage, study_scope(study));
}

}  // namespace hqms::http
