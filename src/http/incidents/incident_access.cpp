#include "http/incidents/incident_access.hpp"

namespace hqms::http {

ScopeRef incident_scope(const IncidentReport& r) {
  return {ScopeType::department, r.event.department_id};
}

IncidentAccess incident_access(const RequestContext& ctx, const IncidentReport& r) {
  const auto policy = ctx.policy();
  const auto me = ctx.principal().user.id;
  const auto scope = incident_scope(r);
  const bool reporter = r.reporter_id == me;
  const bool assigned = r.handler_id == me || r.investigator_id == me;
  IncidentAccess a;
  a.triage = policy.allows(Permission::incidents_triage, scope);
  a.view = reporter || assigned || a.triage || policy.allows(Permission::incidents_read, scope);
  a.patient = reporter || assigned || policy.allows(Permission::incidents_read_phi, scope);
  a.transition = a.triage || assigned;
  a.comment = a.view;
  a.investigate = policy.allows(Permission::investigations_manage, scope);
  return a;
}

Result<IncidentClock> incident_clock(store::UnitOfWork& uow, Timestamp now) {
  IncidentClock clock;
  auto calendar = uow.incident_settings().calendar();
  if (!calendar) return calendar.error();
  auto sentinel = uow.incident_settings().sentinel_policy();
  if (!sentinel) return sentinel.error();
  clock.calendar = std::move(*calendar);
  clock.sentinel = *sentinel;
  clock.today = utc_day(now);
  // The earliest submission day whose disclosure is not yet overdue today.
  Date day = clock.today;
  while (clock.calendar.add_business_days(day - std::chrono::days(1), kDisclosureDueBusinessDays) >=
         clock.today)
    day -= std::chrono::days(1);
  clock.disclosure_cutoff = Timestamp(day);
  return clock;
}

Result<IncidentReport> load_visible_incident(RequestContext& ctx, store::UnitOfWork& uow, Id id) {
  auto report = uow.incidents().get(id);
  if (!report) return report.error();
  if (!incident_access(ctx, *report).view) return ctx.deny("view this event report", incident_scope(*report));
  return report;
}

store::IncidentQuery caller_incident_query(const RequestContext& ctx, const IncidentClock& clock) {
  store::IncidentQuery q;
  const auto policy = ctx.policy();
  const auto& me = ctx.principal().user;
  q.caller_id = me.id;
  q.visible = policy.scope_filter(Permission::incidents_read);
  q.triage_scope = policy.scope_filter(Permission::incidents_triage);
  q.patient_visible = policy.scope_filter(Permission::incidents_read_phi);
  // "My department": the home department, or the departments the caller holds a role in.
  if (me.home_department_id) q.department_ids.push_back(*me.home_department_id);
  for (const auto& g : me.grants)
    if (g.scope.type == ScopeType::department) q.department_ids.push_back(g.scope.id);
  q.today = clock.today;
  q.disclosure_cutoff = clock.disclosure_cutoff;
  return q;
}

Result<store::IncidentQuery> read_incident_query(RequestContext& ctx, QueryReader& query,
                                                 const IncidentClock& clock, bool paged) {
  auto q = caller_incident_query(ctx, clock);
  const auto queue = query.text("queue");
  if (queue.empty() || queue == "all")
    q.queue = store::IncidentQueue::all;
  else if (queue == "mine")
    q.queue = store::IncidentQueue::mine;
  else if (queue == "department")
    q.queue = store::IncidentQueue::department;
  else if (queue == "triage")
    q.queue = store::IncidentQueue::triage;
  else if (queue == "investigations")
    q.queue = store::IncidentQueue::investigations;
  else if (queue == "overdue")
    q.queue = store::IncidentQueue::overdue;
  else
    return Error::validation({{"queue", "must be all, mine, department, triage, investigations or overdue"}},
                             "The query has invalid parameters.");
  q.state = query.choice("state", incident_state_from_string);
  q.type = query.choice("type", event_type_from_string);
  q.category = query.choice("category", event_category_from_string);
  q.harm = query.choice("harm", harm_level_from_string);
  q.severity = query.choice("severity", severity_from_string);
  q.site_id = query.id("siteId");
  q.department_id = query.id("departmentId");
  q.occurred_from = query.date("from");
  if (auto to = query.date("to")) q.occurred_until = *to + std::chrono::days(1);  // `to` is inclusive
  q.sentinel_only = query.boolean("sentinel").value_or(false);
  q.text = query.text("q", 200);
  if (auto patient = query.text("patientIdentifier", 100); !patient.empty()) q.patient_identifier = patient;
  if (paged)
    q.page = query.page({"submittedAt", "occurredAt", "reference", "harm", "state", "analysisDue"},
                        "-submittedAt");
  else
    q.page.descending = true;  // exports and charts: newest first
  if (auto r = query.finish(); !r) return r.error();
  return q;
}

}  // namespace hqms::http
