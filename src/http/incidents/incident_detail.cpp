#include "http/incidents/incident_detail.hpp"

#include "http/incidents/incident_json.hpp"
#include "http/json/mapping.hpp"

namespace hqms::http {

Result<Response> incident_detail_response(RequestContext& ctx, store::UnitOfWork& uow,
                                          const IncidentReport& r, int status) {
  auto clock = incident_clock(uow, ctx.now());
  if (!clock) return clock.error();
  auto rules = uow.incident_settings().rules();
  if (!rules) return rules.error();
  auto made = uow.incident_activity().external_reports(r.id);
  if (!made) return made.error();
  auto files = uow.incident_activity().attachments(r.id);
  if (!files) return files.error();
  auto names = uow.users().display_names(people_of(r));
  if (!names) return names.error();
  const auto obligations = reporting_obligations(r, *rules, *made, clock->today, clock->calendar);
  const auto overdue = overdue_reasons(r, clock->today, clock->calendar);
  return json_ok(incident_json(ctx.org(), {r, incident_access(ctx, r), overdue, obligations, *files}, *names),
                 status);
}

Result<Response> incident_detail_response(RequestContext& ctx, Id id, int status) {
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto r = (*uow)->incidents().get(id);
  if (!r) return r.error();
  return incident_detail_response(ctx, **uow, *r, status);
}

}  // namespace hqms::http
