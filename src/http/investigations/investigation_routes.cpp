// Root-cause analysis records. Those with investigations.manage over the department, the lead and the team
// may edit; investigations.read over the department may read.
#include <algorithm>

#include "core/investigations/investigation.hpp"
#include "http/investigations/investigation_access.hpp"
#include "http/investigations/investigation_json.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

Result<Response> investigation_response(RequestContext& ctx, store::UnitOfWork& uow, const Investigation& v,
                                        int status = 200) {
  std::vector<IncidentReport> events;
  for (auto id : v.incident_ids) {
    auto e = uow.incidents().get(id);
    if (!e) return e.error();
    events.push_back(std::move(*e));
  }
  std::vector<Id> people;
  if (v.lead_id) people.push_back(*v.lead_id);
  for (const auto& m : v.team) people.push_back(m.user_id);
  for (const auto& a : v.actions)
    if (a.owner_id) people.push_back(*a.owner_id);
  auto names = uow.users().display_names(people);
  if (!names) return names.error();
  std::map<Id, std::string> capa_references;
  for (const auto& a : v.actions)
    if (a.corrective_action_id)
      if (auto c = uow.capa().get(*a.corrective_action_id)) capa_references[c->id] = c->reference;
  return json_ok(investigation_json(ctx, v, events, *names, capa_references), status);
}

Result<Response> list_investigations(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::incidents_report, "view investigations"); !r)
    return r.error();
  QueryReader query(ctx.req());
  store::InvestigationQuery q;
  q.visible = ctx.policy().scope_filter(Permission::investigations_read);
  q.caller_id = ctx.principal().user.id;
  q.state = query.choice("state", investigation_state_from_string);
  q.text = query.text("q", 200);
  q.page = query.page({"updatedAt", "reference", "title"}, "-updatedAt");
  if (auto r = query.finish(); !r) return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto page = (*uow)->investigations().list(q);
  if (!page) return page.error();
  std::vector<Id> leads;
  for (const auto& v : page->items)
    if (v.lead_id) leads.push_back(*v.lead_id);
  auto names = (*uow)->users().display_names(leads);
  if (!names) return names.error();
  return json_ok(page_json(*page, [&](const Investigation& v) {
    const auto* dept = ctx.org().department(v.department_id);
    return json{
        {"id", v.id},
        {"reference", v.reference},
        {"title", v.title},
        {"state", to_string(v.state)},
        {"departmentName", dept ? dept->name : ""},
        {"lead", v.lead_id ? json{{"id", *v.lead_id}, {"displayName", (*names)[*v.lead_id]}} : json(nullptr)},
        {"incidentCount", v.incident_ids.size()},
        {"updatedAt", format_iso(v.updated_at)}};
  }));
}

// The events may join: each exists, lies where the caller may read events (a team member who may not read an
// event cannot pull it in) and is in no other investigation.
Result<void> check_events(RequestContext& ctx, store::UnitOfWork& uow, const std::vector<Id>& ids,
                          Id investigation_id, Refusal& refused) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto e = uow.incidents().get(ids[i]);
    const std::string field = "incidentIds[" + std::to_string(i) + "]";
    if (!e) return Error::validation({{field, "is not a known event report"}});
    const ScopeRef scope{ScopeType::department, e->event.department_id};
    if (!ctx.policy().allows(Permission::investigations_manage, scope) &&
        !ctx.policy().allows(Permission::incidents_read, scope))
      return refused.refuse("link event " + e->reference + " to an investigation", scope);
    if (e->investigation_id && *e->investigation_id != investigation_id)
      return Error{ErrorKind::conflict,
                   e->reference + " is already part of another investigation.",
                   {{field, "is already in another investigation"}},
                   {}};
  }
  return {};
}

// Joining an investigation moves a triaged event on to "under investigation" (audited like any transition).
Result<void> start_investigating(RequestContext& ctx, store::UnitOfWork& uow, const std::vector<Id>& ids) {
  for (auto incident_id : ids) {
    auto e = uow.incidents().get(incident_id);
    if (!e) return e.error();
    if (e->state != IncidentState::in_triage) continue;
    auto moved = *e;
    moved.state = IncidentState::under_investigation;
    moved.updated_at = ctx.now();
    if (auto r = uow.incidents().update(moved); !r) return r.error();
    auto logged = uow.audit().record(
        ctx.audit_event("transition", "incident", std::to_string(e->id),
                        "Under investigation: " + e->reference, {{"state", to_string(e->state)}},
                        {{"state", to_string(moved.state)}}, {ScopeType::department, e->event.department_id}),
        ctx.now());
    if (!logged) return logged.error();
  }
  return {};
}

// The events linked by this save that were not linked before: only these need checking and moving on, so
// that a team member without rights over the events can still save the analysis.
std::vector<Id> newly_linked(const Investigation& before, const Investigation& after) {
  std::vector<Id> added;
  for (auto id : after.incident_ids)
    if (std::find(before.incident_ids.begin(), before.incident_ids.end(), id) == before.incident_ids.end())
      added.push_back(id);
  return added;
}

// The people the record names are users (422 rather than the database's foreign-key failure).
Result<void> check_people(store::UnitOfWork& uow, const Investigation& v) {
  std::vector<FieldError> errors;
  auto check = [&](Id id, std::string field) -> Result<void> {
    auto user = uow.users().get(id);
    if (user) return {};
    if (user.error().kind != ErrorKind::not_found) return user.error();
    errors.push_back({std::move(field), "is not a known user"});
    return {};
  };
  if (v.lead_id)
    if (auto r = check(*v.lead_id, "leadId"); !r) return r;
  for (std::size_t i = 0; i < v.team.size(); ++i)
    if (auto r = check(v.team[i].user_id, "team[" + std::to_string(i) + "].userId"); !r) return r;
  for (std::size_t i = 0; i < v.actions.size(); ++i)
    if (v.actions[i].owner_id)
      if (auto r = check(*v.actions[i].owner_id, "actions[" + std::to_string(i) + "].ownerId"); !r) return r;
  if (!errors.empty()) return Error::validation(std::move(errors));
  return {};
}

Result<Response> create_investigation(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  Investigation v;
  v.title = body->string("title", true, 300).value_or("");
  v.incident_ids = read_ids(*body, "incidentIds");
  if (v.incident_ids.empty()) body->error("incidentIds", "name at least one event report");
  v.lead_id = body->nullable_id("leadId").value_or(std::nullopt);
  if (auto r = body->finish(); !r) return r.error();
  if (!v.lead_id) v.lead_id = ctx.principal().user.id;
  v.fishbone_categories = default_fishbone_categories();
  v.created_at = v.updated_at = ctx.now();
  Refusal refused;
  auto created = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Investigation> {
    refused.what.reset();
    auto first = uow.incidents().get(v.incident_ids.front());
    if (!first) return Error::validation({{"incidentIds[0]", "is not a known event report"}});
    auto draft = v;
    draft.site_id = first->site_id;
    draft.department_id = first->event.department_id;
    if (!ctx.policy().allows(Permission::investigations_manage, investigation_scope(draft)))
      return refused.refuse("start an investigation there", investigation_scope(draft));
    if (auto r = check_events(ctx, uow, draft.incident_ids, 0, refused); !r) return r.error();
    if (auto errors = check_investigation(draft); !errors.empty())
      return Error::validation(std::move(errors));
    if (auto r = check_people(uow, draft); !r) return r.error();
    auto id = uow.investigations().create(draft);
    if (!id) return id.error();
    if (auto r = start_investigating(ctx, uow, draft.incident_ids); !r) return r.error();
    auto stored = uow.investigations().get(*id);
    if (!stored) return stored.error();
    auto logged =
        uow.audit().record(ctx.audit_event("create", "investigation", std::to_string(*id),
                                           "Started the investigation " + stored->reference, nullptr,
                                           investigation_audit_json(*stored), investigation_scope(*stored)),
                           ctx.now());
    if (!logged) return logged.error();
    return stored;
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!created) return created.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return investigation_response(ctx, **uow, *created, 201);
}

Result<Investigation> load_readable(RequestContext& ctx, store::UnitOfWork& uow) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto v = uow.investigations().get(*id);
  if (!v) return v.error();
  if (!may_read(ctx, *v)) return ctx.deny("view this investigation", investigation_scope(*v));
  return v;
}

Result<Response> get_investigation(RequestContext& ctx) {
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto v = load_readable(ctx, **uow);
  if (!v) return v.error();
  return investigation_response(ctx, **uow, *v);
}

Result<Response> save_investigation(RequestContext& ctx, bool complete) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  // Completing takes no body; saving takes the record.
  auto body = complete ? BodyReader::parse_text("{}") : BodyReader::parse(ctx.req());
  if (!body) return body.error();
  Refusal refused;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Investigation> {
    refused.what.reset();
    auto before = uow.investigations().get(*id);
    if (!before) return before.error();
    if (!may_read(ctx, *before))
      return refused.refuse("view this investigation", investigation_scope(*before));
    if (!may_edit(ctx, *before))
      return refused.refuse("change this investigation", investigation_scope(*before));
    if (before->state == InvestigationState::completed)
      return Error::conflict(before->reference + " is completed and can no longer be changed.");
    auto after = *before;
    if (!complete) {
      body->version(after.version);
      read_record(*body, after);
      if (auto r = body->finish(); !r) return r.error();
      if (auto errors = check_investigation(after); !errors.empty())
        return Error::validation(std::move(errors));
      if (auto r = check_people(uow, after); !r) return r.error();
      const auto added = newly_linked(*before, after);
      if (auto r = check_events(ctx, uow, added, after.id, refused); !r) return r.error();
      if (auto r = start_investigating(ctx, uow, added); !r) return r.error();
    } else {
      if (auto errors = check_completion(after); !errors.empty())
        return Error::validation(std::move(errors), "The investigation is not ready to complete.");
      after.state = InvestigationState::completed;
      after.completed_at = ctx.now();
    }
    after.updated_at = ctx.now();
    if (auto r = uow.investigations().update(after); !r) return r.error();
    auto stored = uow.investigations().get(*id);
    if (!stored) return stored.error();
    auto logged = uow.audit().record(
        ctx.audit_event(
            complete ? "complete" : "update", "investigation", std::to_string(*id),
            (complete ? "Completed the investigation " : "Changed the investigation ") + stored->reference,
            investigation_audit_json(*before), investigation_audit_json(*stored),
            investigation_scope(*stored)),
        ctx.now());
    if (!logged) return logged.error();
    return stored;
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!saved) return saved.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return investigation_response(ctx, **uow, *saved);
}

}  // namespace

void add_investigation_routes(Router& router) {
  router.add(Method::get, "/api/v1/investigations", Access::signed_in, list_investigations);
  router.add(Method::post, "/api/v1/investigations", Access::signed_in, create_investigation);
  router.add(Method::get, "/api/v1/investigations/{id}", Access::signed_in, get_investigation);
  router.add(Method::put, "/api/v1/investigations/{id}", Access::signed_in,
             [](RequestContext& ctx) { return save_investigation(ctx, false); });
  router.add(Method::post, "/api/v1/investigations/{id}/complete", Access::signed_in,
             [](RequestContext& ctx) { return save_investigation(ctx, true); });
}

}  // namespace hqms::http
