#include "http/investigations/investigation_json.hpp"

#include <algorithm>

#include "http/investigations/investigation_access.hpp"

namespace hqms::http {

using nlohmann::json;

namespace {

std::optional<std::string> opt_date(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return format_date(Timestamp(*d));
}

}  // namespace

json investigation_json(const RequestContext& ctx, const Investigation& v,
                        const std::vector<IncidentReport>& events, const std::map<Id, std::string>& names,
                        const std::map<Id, std::string>& capa_references) {
  auto name = [&](std::optional<Id> id) -> json {
    if (!id) return nullptr;
    auto it = names.find(*id);
    return it == names.end() ? "" : it->second;
  };
  auto capa_reference = [&](std::optional<Id> id) -> json {
    if (!id) return nullptr;
    auto it = capa_references.find(*id);
    return it == capa_references.end() ? json(nullptr) : json(it->second);
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
         {"correctiveActionId", a.corrective_action_id ? json(*a.corrective_action_id) : json(nullptr)},
         {"correctiveActionReference", capa_reference(a.corrective_action_id)}});
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

}  // namespace hqms::http
