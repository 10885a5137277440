#include "http/json/mapping.hpp"

namespace hqms::http {
namespace {

nlohmann::json optional_json(const std::optional<Id>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}
nlohmann::json optional_json(const std::optional<Timestamp>& v) {
  return v ? nlohmann::json(format_iso(*v)) : nlohmann::json();
}
nlohmann::json json_text_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  auto doc = nlohmann::json::parse(text, nullptr, false);
  return doc.is_discarded() ? nlohmann::json(text) : doc;
}

}  // namespace

Response json_ok(const nlohmann::json& doc, int status) {
  return json_response(status, doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

nlohmann::json scope_json(const Organisation& org, ScopeRef scope) {
  return {
      {"type", to_string(scope.type)}, {"id", scope.id}, {"name", org.name_of(scope).value_or("(removed)")}};
}

nlohmann::json grant_json(const Organisation& org, const Grant& grant) {
  return {{"role", to_string(grant.role)}, {"scope", scope_json(org, grant.scope)}};
}

nlohmann::json user_json(const Organisation& org, const User& u, Timestamp now) {
  auto grants = nlohmann::json::array();
  for (const auto& g : u.grants) grants.push_back(grant_json(org, g));
  const auto* home = u.home_department_id ? org.department(*u.home_department_id) : nullptr;
  const bool locked = u.locked_until && *u.locked_until > now;
  return {{"id", u.id},
          {"username", u.username},
          {"displayName", u.display_name},
          {"email", u.email},
          {"homeDepartmentId", optional_json(u.home_department_id)},
          {"homeDepartmentName", home ? nlohmann::json(home->name) : nlohmann::json()},
          {"active", u.active},
          {"lockedUntil", locked ? optional_json(u.locked_until) : nlohmann::json()},
          {"createdAt", format_iso(u.created_at)},
          {"lastLoginAt", optional_json(u.last_login_at)},
          {"grants", std::move(grants)}};
}

nlohmann::json user_audit_json(const User& u) {
  auto grants = nlohmann::json::array();
  for (const auto& g : u.grants)
    grants.push_back(
        {{"role", to_string(g.role)}, {"scope", {{"type", to_string(g.scope.type)}, {"id", g.scope.id}}}});
  return {{"username", u.username}, {"displayName", u.display_name},
          {"email", u.email},       {"homeDepartmentId", optional_json(u.home_department_id)},
          {"active", u.active},     {"grants", std::move(grants)}};
}

nlohmann::json site_json(const Site& s) {
  return {{"id", s.id}, {"code", s.code}, {"name", s.name}};
}

nlohmann::json department_json(const Department& d) {
  return {{"id", d.id}, {"code", d.code}, {"name", d.name}, {"siteId", d.site_id}};
}

nlohmann::json organisation_json(const Organisation& org) {
  auto sites = nlohmann::json::array();
  for (const auto& s : org.sites) {
    auto site = site_json(s);
    auto& depts = site["departments"] = nlohmann::json::array();
    for (const auto& d : s.departments) depts.push_back(department_json(d));
    sites.push_back(std::move(site));
  }
  return {{"id", org.id}, {"name", org.name}, {"sites", std::move(sites)}};
}

nlohmann::json audit_entry_json(const AuditEntry& e) {
  nlohmann::json actor = nullptr;
  if (e.actor_id) actor = {{"id", *e.actor_id}, {"username", e.actor_username}};
  return {{"seq", e.seq},
          {"at", e.at},
          {"actor", actor},
          {"actorUsername", e.actor_username},
          {"action", e.action},
          {"entityType", e.entity_type},
          {"entityId", e.entity_id},
          {"summary", e.summary},
          {"before", json_text_or_null(e.before)},
          {"after", json_text_or_null(e.after)},
          {"siteId", optional_json(e.site_id)},
          {"departmentId", optional_json(e.department_id)},
          {"hash", e.hash},
          {"prevHash", e.prev_hash}};
}

Grants read_grants(BodyReader& body, const std::string& field) {
  Grants grants;
  if (!body.has(field)) return grants;
  const auto& list = body.at(field);
  if (!list.is_array()) {
    body.error(field, "must be a list of grants");
    return grants;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    const auto& g = list[i];
    if (!g.is_object()) {
      body.error(at, "must be an object with role and scope");
      continue;
    }
    auto role = g.contains("role") && g["role"].is_string() ? role_from_string(g["role"].get<std::string>())
                                                            : std::nullopt;
    if (!role) body.error(at + ".role", "must be one of the roles listed by GET /api/v1/roles");
    std::optional<ScopeType> type;
    std::optional<Id> id;
    if (g.contains("scope") && g["scope"].is_object()) {
      const auto& s = g["scope"];
      if (s.contains("type") && s["type"].is_string())
        type = scope_type_from_string(s["type"].get<std::string>());
      if (s.contains("id") && s["id"].is_number_integer()) id = s["id"].get<Id>();
    }
    if (!type || !id)
      body.error(at + ".scope", "must be {\"type\": organisation|site|department, \"id\": number}");
    if (role && type && id) grants.push_back(Grant{*role, ScopeRef{*type, *id}});
  }
  return grants;
}

}  // namespace hqms::http
