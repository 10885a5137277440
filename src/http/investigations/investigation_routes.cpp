// Root-cause analysis records. Those with investigations.manage over the department, the lead and the team
// may edit; investigations.read over the department may read.
#include <algorithm>

#include "core/investigations/investigation.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

ScopeRef investigation_scope(const Investigation& v) {
  return {ScopeType::department, v.department_id};
}

bool on_team(const Investigation& v, Id user) {
  return v.lead_id == user ||
         std::any_of(v.team.begin(), v.team.end(), [&](const TeamMember& m) { return m.user_id == user; });
}

bool may_read(const RequestContext& ctx, const Investigation& v) {
  return on_team(v, ctx.principal().user.id) ||
         ctx.policy().allows(Permission::investigations_read, investigation_scope(v));
}

bool may_edit(const RequestContext& ctx, const Investigation& v) {
  return on_team(v, ctx.principal().user.id) ||
         ctx.policy().allows(Permission::investigations_manage, investigation_scope(v));
}

std::optional<std::string> opt_date(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return format_date(Timestamp(*d));
}

json investigation_json(const RequestContext& ctx, const Investigation& v,
                        const std::vector<IncidentReport>& events, const std::map<Id, std::string>& names) {
  auto name = [&](std::optional<Id> id) -> json {
    if (!id) return nullptr;
    auto it = names.find(*id);
    return it == names.end() ? "" : it->second;
  };
  const auto* dept = ctx.org().department(v.department_id);
  auto incidents = json::array();
  for (const auto& e : events)
    incidents.push_back({{"id", e.id},
                         {"reference", e.reference},
                         {"categoryLabel", label(e.event.category)},
                         {"harmLabel", label(e.event.harm)}});
  auto team = json::array();
  for (const auto& m : v.team)
    team.push_back({{"userId", m.user_id}, {"displayName", name(m.user_id)}, {"role", m.role}});
  auto timeline = json::array();
  for (const auto& f : v.timeline) timeline.push_back({{"at", format_iso(f.at)}, {"fact", f.fact}});
  auto whys = json::array();
  for (const auto& w : v.whys) whys.push_back({{"problem", w.problem}, {"whys", w.whys}});
  auto causes = json::array();
  for (const auto& c : v.causes)
    causes.push_back({{"category", c.category}, {"text", c.text}, {"contributing", c.contributing}});
  auto actions = json::array();
  for (const auto& a : v.actions) {
    auto due = opt_date(a.due_on);
    actions.push_back(
        {{"id", a.id},
         {"description", a.description},
         {"ownerId", a.owner_id ? json(*a.owner_id) : json(nullptr)},
         {"ownerName", name(a.owner_id)},
         {"dueOn", due ? json(*due) : json(nullptr)},
         {"strength", to_string(a.strength)},
         {"correctiveActionId", a.corrective_action_id ? json(*a.corrective_action_id) : json(nullptr)}});
  }
  return {{"id", v.id},
          {"reference", v.reference},
          {"title", v.title},
          {"state", to_string(v.state)},
          {"siteId", v.site_id},
          {"departmentId", v.department_id},
          {"departmentName", dept ? dept->name : ""},
          {"lead", v.lead_id ? json{{"id", *v.lead_id}, {"displayName", name(v.lead_id)}} : json(nullptr)},
          {"incidentIds", v.incident_ids},
          {"incidents", std::move(incidents)},
          {"team", std::move(team)},
          {"timeline", std::move(timeline)},
          {"whys", std::move(whys)},
          {"fishboneCategories", v.fishbone_categories},
          {"causes", std::move(causes)},
          {"rootCauses", v.root_causes},
          {"actions", std::move(actions)},
          {"onlyWeakerActions", only_weaker_actions(v.actions)},
          {"createdAt", format_iso(v.created_at)},
          {"updatedAt", format_iso(v.updated_at)},
          {"completedAt", v.completed_at ? json(format_iso(*v.completed_at)) : json(nullptr)},
          {"version", v.version},
          {"can", {{"edit", may_edit(ctx, v) && v.state == InvestigationState::in_progress}}}};
}

// What the audit trail keeps: the whole record but the display names.
json investigation_audit_json(const Investigation& v) {
  json out{{"title", v.title},
           {"state", to_string(v.state)},
           {"leadId", v.lead_id ? json(*v.lead_id) : json(nullptr)},
           {"incidentIds", v.incident_ids},
           {"rootCauses", v.root_causes},
           {"fishboneCategories", v.fishbone_categories}};
  auto causes = json::array();
  for (const auto& c : v.causes) causes.push_back({{"category", c.category}, {"text", c.text}});
  out["causes"] = std::move(causes);
  auto actions = json::array();
  for (const auto& a : v.actions)
    actions.push_back({{"id", a.id}, {"description", a.description}, {"strength", to_string(a.strength)}});
  out["actions"] = std::move(actions);
  out["team"] = json::array();
  for (const auto& m : v.team) out["team"].push_back({{"userId", m.user_id}, {"role", m.role}});
  return out;
}

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
  return json_ok(investigation_json(ctx, v, events, *names), status);
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

std::vector<Id> read_ids(BodyReader& body, const char* field) {
  std::vector<Id> ids;
  if (!body.has(field)) return ids;
  const auto& list = body.at(field);
  if (!list.is_array()) {
    body.error(field, "must be a list of ids");
    return ids;
  }
  for (const auto& id : list) {
    if (!id.is_number_integer() || id.get<Id>() <= 0) {
      body.error(field, "must be a list of ids");
      return {};
    }
    if (std::find(ids.begin(), ids.end(), id.get<Id>()) == ids.end()) ids.push_back(id.get<Id>());
  }
  return ids;
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

// The editable parts of the record from the body; errors collect in `body`.
void read_record(BodyReader& body, Investigation& v) {
  if (auto t = body.string("title", false, 300)) v.title = *t;
  if (body.has("leadId")) v.lead_id = body.nullable_id("leadId").value_or(v.lead_id);
  if (body.has("incidentIds")) v.incident_ids = read_ids(body, "incidentIds");
  auto list = [&](const char* field) -> const json* {
    if (!body.has(field)) return nullptr;
    if (!body.at(field).is_array()) {
      body.error(field, "must be a list");
      return nullptr;
    }
    return &body.at(field);
  };
  auto text = [](const json& j, const char* key) {
    return j.is_object() ? j.value(key, std::string()) : std::string();
  };
  if (const auto* team = list("team")) {
    v.team.clear();
    for (std::size_t i = 0; i < team->size(); ++i) {
      const auto& m = (*team)[i];
      if (!m.is_object() || !m.contains("userId") || !m["userId"].is_number_integer())
        body.error("team[" + std::to_string(i) + "].userId", "must be a user id");
      else
        v.team.push_back({m["userId"].get<Id>(), text(m, "role")});
    }
  }
  if (const auto* timeline = list("timeline")) {
    v.timeline.clear();
    for (std::size_t i = 0; i < timeline->size(); ++i) {
      auto at = parse_date_or_instant(text((*timeline)[i], "at"));
      if (!at) body.error("timeline[" + std::to_string(i) + "].at", "must be an ISO-8601 time");
      v.timeline.push_back({at.value_or(Timestamp{}), text((*timeline)[i], "fact")});
    }
  }
  if (const auto* whys = list("whys")) {
    v.whys.clear();
    for (const auto& w : *whys) {
      WhyChain chain{text(w, "problem"), {}};
      if (w.is_object() && w.contains("whys") && w["whys"].is_array())
        for (const auto& y : w["whys"]) chain.whys.push_back(y.is_string() ? y.get<std::string>() : "");
      v.whys.push_back(std::move(chain));
    }
  }
  auto strings = [&](const char* field, std::vector<std::string>& out) {
    if (const auto* items = list(field)) {
      out.clear();
      for (const auto& s : *items) out.push_back(s.is_string() ? s.get<std::string>() : "");
    }
  };
  strings("fishboneCategories", v.fishbone_categories);
  strings("rootCauses", v.root_causes);
  if (const auto* causes = list("causes")) {
    v.causes.clear();
    for (const auto& c : *causes)
      v.causes.push_back(
          {text(c, "category"), text(c, "text"), c.is_object() && c.value("contributing", true)});
  }
  if (const auto* actions = list("actions")) {
    std::vector<PlannedAction> out;
    for (std::size_t i = 0; i < actions->size(); ++i) {
      const auto& a = (*actions)[i];
      const std::string at = "actions[" + std::to_string(i) + "]";
      PlannedAction action;
      if (a.is_object() && a.contains("id") && a["id"].is_number_integer()) action.id = a["id"].get<Id>();
      action.description = text(a, "description");
      if (a.is_object() && a.contains("ownerId") && a["ownerId"].is_number_integer())
        action.owner_id = a["ownerId"].get<Id>();
      if (auto due = text(a, "dueOn"); !due.empty()) {
        if (auto day = parse_date_or_instant(due))
          action.due_on = std::chrono::floor<std::chrono::days>(*day);
        else
          body.error(at + ".dueOn", "must be a date, YYYY-MM-DD");
      }
      auto strength = action_strength_from_string(text(a, "strength"));
      if (!strength) body.error(at + ".strength", "must be stronger, intermediate or weaker");
      action.strength = strength.value_or(ActionStrength::weaker);
      // The CAPA link is set by the CAPA module, never from here: keep what is stored.
      auto kept =
          std::find_if(v.actions.begin(), v.actions.end(), [&](const auto& x) { return x.id == action.id; });
      if (action.id != 0 && kept != v.actions.end()) action.corrective_action_id = kept->corrective_action_id;
      out.push_back(std::move(action));
    }
    v.actions = std::move(out);
  }
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
      // The version the caller edited, when given (the web page always gives it): a record saved since by
      // someone else is then refused rather than overwritten.
      if (body->has("version")) {
        if (!body->at("version").is_number_integer())
          body->error("version", "must be the version number you are changing");
        else
          after.version = body->at("version").get<int>();
      }
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
