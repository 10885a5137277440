// Walks every route x role x scope and checks allow/deny against the expected rule for that route.
// A route the server has but this table lacks fails the test, so no route can be added unchecked.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "core/access/access_policy.hpp"
#include "support/test_hospital.hpp"

namespace hqms::test {
namespace {

// Where a principal's single grant sits. The records the probes touch live in the Emergency Department
// (Main Campus), so the last two scopes are "somewhere else".
enum class Where { organisation, main_site, emergency, north_site, north_ward };
const std::map<Where, std::pair<ScopeRef, std::string>> kScopes{
    {Where::organisation, {{ScopeType::organisation, kOrganisation}, "organisation"}},
    {Where::main_site, {{ScopeType::site, kMainSite}, "main-site"}},
    {Where::emergency, {{ScopeType::department, kEmergency}, "emergency"}},
    {Where::north_site, {{ScopeType::site, kNorthSite}, "north-site"}},
    {Where::north_ward, {{ScopeType::department, kMedicalWardNorth}, "north-ward"}},
};

// Who may call a route.
struct Rule {
  enum Kind { anyone, signed_in, somewhere, at, organisation_wide } kind;
  Permission permission = Permission::org_read;
  ScopeRef target{};
};

struct Probe {
  std::string method;
  std::string pattern;
  Rule rule;
  std::function<std::pair<std::string, nlohmann::json>(int n)> request;  // target and body for the n-th call
};

bool expected_allowed(const Rule& rule, Role role, ScopeRef scope, const Organisation& org) {
  const Grants grants{{role, scope}};
  AccessPolicy policy(org, grants);
  switch (rule.kind) {
    case Rule::anyone:
    case Rule::signed_in:
      return true;
    case Rule::somewhere:
      return role_has(role, rule.permission);
    case Rule::at:
      return role_has(role, rule.permission) && org.contains(scope, rule.target);
    case Rule::organisation_wide:
      return policy.allows_organisation_wide(rule.permission);
  }
  return false;
}

const ScopeRef kEd{ScopeType::department, kEmergency};
const ScopeRef kMain{ScopeType::site, kMainSite};
const std::string kNurseEd = "/api/v1/users/24";  // nurse.ed, home department Emergency

std::pair<std::string, nlohmann::json> no_body(const std::string& target) {
  return {target, nullptr};
}

std::vector<Probe> probes() {
  auto fixed = [](std::string target) { return [target](int) { return no_body(target); }; };
  return {
      {"GET", "/healthz", {Rule::anyone}, fixed("/healthz")},
      {"GET", "/readyz", {Rule::anyone}, fixed("/readyz")},
      {"GET", "/metrics", {Rule::anyone}, fixed("/metrics")},
      {"POST",
       "/api/v1/auth/login",
       {Rule::anyone},
       [](int) {
         return std::pair{std::string("/api/v1/auth/login"),
                          nlohmann::json{{"username", "cqo"}, {"password", kPassword}}};
       }},
      {"GET", "/api/v1/auth/session", {Rule::signed_in}, fixed("/api/v1/auth/session")},
      {"PUT",
       "/api/v1/auth/password",
       {Rule::signed_in},
       [](int) {
         return std::pair{std::string("/api/v1/auth/password"),
                          nlohmann::json{{"currentPassword", kPassword}, {"newPassword", kPassword}}};
       }},
      {"GET", "/api/v1/me/work", {Rule::signed_in}, fixed("/api/v1/me/work")},
      {"GET", "/api/v1/roles", {Rule::signed_in}, fixed("/api/v1/roles")},
      {"GET", "/api/v1/org", {Rule::somewhere, Permission::org_read}, fixed("/api/v1/org")},
      {"POST",
       "/api/v1/org/sites",
       {Rule::organisation_wide, Permission::org_manage},
       [](int n) {
         return std::pair{
             std::string("/api/v1/org/sites"),
             nlohmann::json{{"code", "S" + std::to_string(n)}, {"name", "Site " + std::to_string(n)}}};
       }},
      {"POST",
       "/api/v1/org/sites/{siteId}/departments",
       {Rule::at, Permission::org_manage, kMain},
       [](int n) {
         return std::pair{
             "/api/v1/org/sites/" + std::to_string(kMainSite) + "/departments",
             nlohmann::json{{"code", "D" + std::to_string(n)}, {"name", "Unit " + std::to_string(n)}}};
       }},
      {"GET", "/api/v1/users", {Rule::somewhere, Permission::users_read}, fixed("/api/v1/users")},
      {"POST",
       "/api/v1/users",
       {Rule::at, Permission::users_manage, kEd},
       [](int n) {
         return std::pair{
             std::string("/api/v1/users"),
             nlohmann::json{
                 {"username", "probe." + std::to_string(n)},
                 {"displayName", "Probe"},
                 {"password", "a long enough passphrase"},
                 {"homeDepartmentId", kEmergency},
                 {"grants",
                  {{{"role", "staff_reporter"}, {"scope", {{"type", "department"}, {"id", kEmergency}}}}}}}};
       }},
      {"GET", "/api/v1/users/{id}", {Rule::at, Permission::users_read, kEd}, fixed(kNurseEd)},
      {"PATCH",
       "/api/v1/users/{id}",
       {Rule::at, Permission::users_manage, kEd},
       [](int n) {
         return std::pair{kNurseEd, nlohmann::json{{"displayName", "Aoife Byrne " + std::to_string(n)}}};
       }},
      {"PUT",
       "/api/v1/users/{id}/grants",
       {Rule::at, Permission::users_manage, kEd},
       [](int) {
         return std::pair{kNurseEd + "/grants",
                          nlohmann::json{{"grants",
                                          {{{"role", "staff_reporter"},
                                            {"scope", {{"type", "department"}, {"id", kEmergency}}}}}}}};
       }},
      {"POST",
       "/api/v1/users/{id}/password",
       {Rule::at, Permission::users_manage, kEd},
       [](int) {
         return std::pair{kNurseEd + "/password",
                          nlohmann::json{{"newPassword", "a long enough passphrase"}}};
       }},
      {"GET", "/api/v1/audit", {Rule::somewhere, Permission::audit_read}, fixed("/api/v1/audit")},
      {"GET",
       "/api/v1/audit/activity",
       {Rule::somewhere, Permission::audit_read},
       fixed("/api/v1/audit/activity")},
      {"GET",
       "/api/v1/audit/verify",
       {Rule::organisation_wide, Permission::audit_read},
       fixed("/api/v1/audit/verify")},
      // Runs last: it ends the principal's session.
      {"POST", "/api/v1/auth/logout", {Rule::signed_in}, fixed("/api/v1/auth/logout")},
  };
}

TEST(AuthorizationMatrix, EveryRouteIsInTheMatrix) {
  TestHospital h;
  ManualClock clock;
  http::App app(h.db(), clock, {});
  std::set<std::string> in_table;
  for (const auto& p : probes()) in_table.insert(p.method + " " + p.pattern);
  std::set<std::string> served;
  for (const auto& r : app.router().routes())
    served.insert(std::string(to_string(r.method)) + " " + r.pattern);
  EXPECT_EQ(in_table, served) << "add every new route to probes() with its access rule";
}

TEST(AuthorizationMatrix, EveryRouteRoleAndScope) {
  TestHospital h;
  Organisation org;
  {
    auto uow = h.db().begin(store::TxMode::read);
    org = *(*uow)->org().load();
  }
  struct Principal {
    Role role;
    Where where;
    HttpClient client;
  };
  std::vector<Principal> principals;
  for (auto role : all_roles())
    for (const auto& [where, scope] : kScopes) {
      std::string username = std::string(to_string(role)).substr(0, 12) + "." + scope.second;
      std::replace(username.begin(), username.end(), '_', '-');
      h.add_user(username, {{role, scope.first}});
      principals.push_back({role, where, h.signed_in(username)});
    }

  int calls = 0, denials = 0;
  const auto denied_before = h.audit_count("permission_denied");
  for (const auto& probe : probes()) {
    // Without a session, only public routes answer.
    auto anonymous = h.client();
    auto [target, body] = probe.request(++calls);
    auto reply = body.is_null() ? anonymous.send(probe.method, target)
                                : anonymous.with_json(probe.method, target, body);
    if (probe.rule.kind == Rule::anyone)
      EXPECT_LT(reply.status, 400) << probe.method << " " << target << ": " << reply.body;
    else
      EXPECT_EQ(reply.status, 401) << probe.method << " " << target;

    for (auto& p : principals) {
      const auto& scope = kScopes.at(p.where);
      auto [t, b] = probe.request(++calls);
      auto r = b.is_null() ? p.client.send(probe.method, t) : p.client.with_json(probe.method, t, b);
      const bool allowed = expected_allowed(probe.rule, p.role, scope.first, org);
      const std::string who =
          std::string(to_string(p.role)) + "@" + scope.second + " " + probe.method + " " + t;
      if (allowed) {
        EXPECT_TRUE(r.status >= 200 && r.status < 300)
            << who << " should be allowed, got " << r.status << " " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << who << " should be denied: " << r.body;
        ++denials;
      }
    }
  }
  EXPECT_EQ(h.audit_count("permission_denied") - denied_before, denials)
      << "every denial is in the audit trail";
}

}  // namespace
}  // namespace hqms::test
