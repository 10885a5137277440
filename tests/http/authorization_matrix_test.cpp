// Walks every route x role x scope and checks allow/deny against the expected rule for that route.
// A route the server has but this table lacks fails the test, so no route can be added unchecked.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "core/access/access_policy.hpp"
#include "core/auth/one_time_password.hpp"
#include "core/auth/recovery_codes.hpp"
#include "core/auth/second_factor.hpp"
#include "core/encounters/encounter_record.hpp"
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
  enum Kind { anyone, signed_in, somewhere, at, organisation_wide, assigns_work, beyond_department } kind;
  Permission permission = Permission::org_read;
  ScopeRef target{};
};

struct Probe {
  std::string method;
  std::string pattern;
  Rule rule;
  std::function<std::pair<std::string, nlohmann::json>(int n)> request;  // target and body for the n-th call
  std::string raw_type = {};  // set: the body is a JSON string sent as-is with this Content-Type (uploads)
};

// Records the incident probes act on, made once before the walk. Probes whose allowed call uses a record up
// (a transition, a report made under a rule, an investigation started or completed) take a fresh one from a
// pool on every call.
struct Pool {
  std::vector<Id> ids;
  std::size_t next = 0;
  Id take() { return ids.at(next++ % ids.size()); }
};

// Records the CAPA probes act on (make_capa_records), all in the Emergency Department and coordinated by
// pso.main, their actions owned by nurse.ed: no principal of the walk reaches them but by role.
struct CapaRecords {
  Id capa = 0;  // planned, one action
  Id action = 0;
  Id evidence = 0;
  Id investigation = 0;                                            // its plan items become CAPAs
  std::shared_ptr<Pool> plannable = std::make_shared<Pool>();      // open CAPAs ready to plan
  std::shared_ptr<Pool> awaiting = std::make_shared<Pool>();       // CAPAs awaiting verification
  std::shared_ptr<Pool> plan_items = std::make_shared<Pool>();     // investigation plan items without a CAPA
  std::shared_ptr<Pool> notifications = std::make_shared<Pool>();  // each principal's own, in walk order
};

// Indicator and import probes (make_indicator_records): an analyst's own indicators ("probe_custom" to
// change, "probe_retired" to retire again and again, "probe_signal" with a special cause of concern in the
// Emergency Department in 2026-10), annotations to remove and an import run to read.
struct IndicatorRecords {
  Id import_run = 0;
  std::shared_ptr<Pool> annotations = std::make_shared<Pool>();
};

// Second-factor probes (make_second_factor_records): a sign-in body with a fresh challenge and an unused
// recovery code for every call, and the secret of each principal's pending authenticator in walk order (the
// anonymous call's first), whose current code the confirm probe sends.
struct SecondFactorRecords {
  std::function<nlohmann::json()> sign_in;
  std::function<std::string()> next_code;
};

struct IncidentRecords {
  CapaRecords capa;
  SecondFactorRecords second_factor;
  IndicatorRecords indicators;
  Id incident = 0;
  Id attachment = 0;
  Id rule = 0;
  Id investigation = 0;
  std::string follow_up_code;
  std::shared_ptr<Pool> submitted = std::make_shared<Pool>();       // fresh submitted reports
  std::shared_ptr<Pool> unreported = std::make_shared<Pool>();      // reports with no external report yet
  std::shared_ptr<Pool> uninvestigated = std::make_shared<Pool>();  // reports in no investigation
  std::shared_ptr<Pool> completable = std::make_shared<Pool>();     // investigations ready to complete
  // Risk register and FMEA: a risk and a study in the Emergency Department, a row to change, rows to delete
  // and rows whose recommended action has not become a CAPA yet.
  Id risk = 0;
  Id study = 0;
  Id study_step = 0;
  Id failure_mode = 0;
  std::shared_ptr<Pool> removable_rows = std::make_shared<Pool>();
  std::shared_ptr<Pool> capa_rows = std::make_shared<Pool>();
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
    case Rule::beyond_department:  // held at a site or the organisation
      return role_has(role, rule.permission) && scope.type != ScopeType::department;
    case Rule::assigns_work:  // triages events or manages investigations, CAPAs or risks somewhere
      return role_has(role, Permission::incidents_triage) ||
             role_has(role, Permission::investigations_manage) || role_has(role, Permission::capa_manage) ||
             role_has(role, Permission::risks_manage);
  }
  return false;
}

const ScopeRef kEd{ScopeType::department, kEmergency};
const ScopeRef kMain{ScopeType::site, kMainSite};
const std::string kNurseEd = "/api/v1/users/24";  // nurse.ed, home department Emergency

std::pair<std::string, nlohmann::json> no_body(const std::string& target) {
  return {target, nullptr};
}

nlohmann::json fall_report(const std::string& what) {
  return {{"type", "incident"},
          {"category", "fall"},
          {"harm", "mild"},
          {"harmDuration", "temporary"},
          {"details", {{"assisted", "unassisted"}, {"injury", "minor"}, {"riskAssessmentDone", "yes"}}},
          {"departmentId", kEmergency},
          {"occurredAt", "2026-11-26T07:00:00Z"},
          {"patient", {{"identifier", "MRN0001"}, {"name", "Mary Murphy"}}},
          {"description", what}};
}

nlohmann::json probe_risk(const std::string& title) {
  return {{"title", title},
          {"category", "patient_safety"},
          {"scope", {{"type", "department"}, {"id", kEmergency}}},
          {"inherent", {{"likelihood", 4}, {"consequence", 4}}},
          {"residual", {{"likelihood", 3}, {"consequence", 3}}},
          {"target", {{"likelihood", 2}, {"consequence", 2}}},
          {"treatment", "reduce"},
          {"reviewDueOn", "2027-01-15"}};
}

nlohmann::json probe_failure_mode(Id step, const std::string& mode, const std::string& action = "") {
  return {{"stepId", step},  {"mode", mode},   {"severity", 8},
          {"occurrence", 4}, {"detection", 5}, {"recommendedAction", action}};
}

nlohmann::json fhir_bundle(int n) {
  return {
      {"resourceType", "Bundle"},
      {"type", "collection"},
      {"entry",
       {{{"resource",
          {{"resourceType", "AdverseEvent"},
           {"id", "ehr-" + std::to_string(n)},
           {"actuality", "actual"},
           {"event", {{"text", "Patient slipped in the corridor on the way to X-ray"}}},
           {"date", "2026-11-25T10:00:00Z"},
           {"location", {{"display", "Emergency Department"}}},
           {"category",
            {{{"coding",
               {{{"system", "https://hqms.example.org/fhir/CodeSystem/event-category"},
                 {"code", "other"}}}}}}},
           {"extension",
            {{{"url", "https://hqms.example.org/fhir/StructureDefinition/harm"}, {"valueCode", "no_harm"}}}},
           {"subject", {{"identifier", {{"value", "MRN" + std::to_string(n)}}}}}}}}}}};
}

// An Emergency Department CAPA ready to plan, its action owned by nurse.ed.
nlohmann::json capa_request(const std::string& title) {
  return {{"title", title},
          {"source", "audit_finding"},
          {"departmentId", kEmergency},
          {"problemStatement", "Samples labelled away from the bedside"},
          {"rootCause", "Label printers sit at the nurses' station"},
          {"actions",
           {{{"description", "Printers on the trolleys"},
             {"strength", "stronger"},
             {"ownerId", 24},
             {"dueOn", "2027-01-31"}}}},
          {"effectivenessCriterion", "No mislabelled samples in three audits"},
          {"effectivenessDueOn", "2027-03-31"}};
}

// An analyst's own indicator: Emergency Department stays with a primary diagnosis only the probes use.
nlohmann::json probe_indicator(const std::string& code) {
  nlohmann::json d{{"name", "Probe stays"},
                   {"domain", "safe"},
                   {"type", "count"},
                   {"per", 1},
                   {"unitLabel", "stays"},
                   {"numerator",
                    {{"source", "encounters"},
                     {"aggregate", "count"},
                     {"where", {{{"column", "primary_diagnosis"}, {"startsWith", {"Z99.8"}}}}}}},
                   {"denominator", nullptr},
                   {"direction", "lower_is_better"},
                   {"period", "month"},
                   {"strata", nlohmann::json::array()},
                   {"chart", "c"},
                   {"rules", "making_data_count"}};
  if (!code.empty()) d["code"] = code;
  return d;
}

nlohmann::json probe_annotation(const std::string& reason) {
  return {{"scope", "department:" + std::to_string(kEmergency)},
          {"kind", "exclusion"},
          {"period", "2026-01"},
          {"reason", reason}};
}

std::string probe_encounters() {
  return "encounter_id,patient_pseudonym,site,department,encounter_class,admitted_at,discharged_at,age_band,"
         "sex,"
         "disposition\nPROBE-1,P-PROBE-1,MAIN,ED,emergency,2026-10-01T10:00:00Z,2026-10-01T14:00:00Z,45-64,"
         "female,home\n";
}

std::vector<Probe> probes(const IncidentRecords& rec = {}) {
  auto fixed = [](std::string target) { return [target](int) { return no_body(target); }; };
  const std::string incident = "/api/v1/incidents/" + std::to_string(rec.incident);
  const std::string investigation = "/api/v1/investigations/" + std::to_string(rec.investigation);
  const std::string capa = "/api/v1/capa/" + std::to_string(rec.capa.capa);
  const std::string capa_action = capa + "/actions/" + std::to_string(rec.capa.action);
  const std::string risk = "/api/v1/risks/" + std::to_string(rec.risk);
  const std::string study = "/api/v1/fmea/" + std::to_string(rec.study);
  const std::string failure_mode = study + "/failure-modes/" + std::to_string(rec.failure_mode);
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
      {"POST",
       "/api/v1/auth/login/second-factor",
       {Rule::anyone},
       [rec](int) {
         return std::pair{std::string("/api/v1/auth/login/second-factor"), rec.second_factor.sign_in()};
       }},
      // In this order: each principal confirms the authenticator set up for them, replaces its recovery
      // codes, switches it off, and starts setting up another.
      {"GET", "/api/v1/auth/second-factor", {Rule::signed_in}, fixed("/api/v1/auth/second-factor")},
      {"POST",
       "/api/v1/auth/second-factor/enrolment/confirm",
       {Rule::signed_in},
       [rec](int) {
         return std::pair{std::string("/api/v1/auth/second-factor/enrolment/confirm"),
                          nlohmann::json{{"code", rec.second_factor.next_code()}}};
       }},
      {"POST",
       "/api/v1/auth/second-factor/recovery-codes",
       {Rule::signed_in},
       [](int) {
         return std::pair{std::string("/api/v1/auth/second-factor/recovery-codes"),
                          nlohmann::json{{"password", kPassword}}};
       }},
      {"POST",
       "/api/v1/auth/second-factor/disable",
       {Rule::signed_in},
       [](int) {
         return std::pair{std::string("/api/v1/auth/second-factor/disable"),
                          nlohmann::json{{"password", kPassword}}};
       }},
      {"POST",
       "/api/v1/auth/second-factor/enrolment",
       {Rule::signed_in},
       [](int) {
         return std::pair{std::string("/api/v1/auth/second-factor/enrolment"), nlohmann::json::object()};
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
      {"GET",
       "/api/v1/users/{id}/second-factor",
       {Rule::at, Permission::users_read, kEd},
       fixed(kNurseEd + "/second-factor")},
      // nurse.ed's only grant is in the Emergency Department, so reaching the account is reaching every
      // grant.
      {"DELETE",
       "/api/v1/users/{id}/second-factor",
       {Rule::at, Permission::users_manage, kEd},
       fixed(kNurseEd + "/second-factor")},
      {"GET",
       "/api/v1/security-settings",
       {Rule::somewhere, Permission::users_read},
       fixed("/api/v1/security-settings")},
      {"PUT",
       "/api/v1/security-settings",
       {Rule::organisation_wide, Permission::users_manage},
       [](int) {
         return std::pair{std::string("/api/v1/security-settings"),
                          nlohmann::json{{"requireSecondFactor", false}}};
       }},
      {"GET", "/api/v1/people", {Rule::assigns_work}, fixed("/api/v1/people?q=aoife")},
      {"GET", "/api/v1/audit", {Rule::somewhere, Permission::audit_read}, fixed("/api/v1/audit")},
      {"GET",
       "/api/v1/audit/activity",
       {Rule::somewhere, Permission::audit_read},
       fixed("/api/v1/audit/activity")},
      {"GET",
       "/api/v1/audit/verify",
       {Rule::organisation_wide, Permission::audit_read},
       fixed("/api/v1/audit/verify")},
      {"GET",
       "/api/v1/audit/checkpoint",
       {Rule::organisation_wide, Permission::audit_read},
       fixed("/api/v1/audit/checkpoint")},
      // Incidents.
      {"GET", "/api/v1/incident-form", {Rule::anyone}, fixed("/api/v1/incident-form")},
      {"POST",
       "/api/v1/anonymous-reports",
       {Rule::anyone},
       [](int n) {
         return std::pair{std::string("/api/v1/anonymous-reports"),
                          fall_report("Anonymous probe report " + std::to_string(n))};
       }},
      {"POST",
       "/api/v1/anonymous-reports/follow-up",
       {Rule::anyone},
       [rec](int) {
         return std::pair{std::string("/api/v1/anonymous-reports/follow-up"),
                          nlohmann::json{{"code", rec.follow_up_code}}};
       }},
      {"POST",
       "/api/v1/anonymous-reports/replies",
       {Rule::anyone},
       [rec](int n) {
         return std::pair{
             std::string("/api/v1/anonymous-reports/replies"),
             nlohmann::json{{"code", rec.follow_up_code}, {"body", "Reply " + std::to_string(n)}}};
       }},
      {"POST",
       "/api/v1/incidents",
       {Rule::somewhere, Permission::incidents_report},
       [](int n) {
         return std::pair{std::string("/api/v1/incidents"), fall_report("Probe report " + std::to_string(n))};
       }},
      {"GET",
       "/api/v1/incidents",
       {Rule::somewhere, Permission::incidents_report},
       fixed("/api/v1/incidents")},
      {"GET",
       "/api/v1/incidents/export",
       {Rule::somewhere, Permission::incidents_report},
       fixed("/api/v1/incidents/export?format=csv")},
      {"GET",
       "/api/v1/incidents/pareto",
       {Rule::somewhere, Permission::incidents_report},
       fixed("/api/v1/incidents/pareto?by=category")},
      {"GET",
       "/api/v1/incidents/monthly",
       {Rule::somewhere, Permission::incidents_report},
       fixed("/api/v1/incidents/monthly")},
      {"POST",
       "/api/v1/incidents/fhir-import",
       {Rule::at, Permission::incidents_triage, kEd},
       [](int n) {
         return std::pair{std::string("/api/v1/incidents/fhir-import"), fhir_bundle(n)};
       }},
      {"GET", "/api/v1/incidents/{id}", {Rule::at, Permission::incidents_read, kEd}, fixed(incident)},
      {"POST",
       "/api/v1/incidents/{id}/triage",
       {Rule::at, Permission::incidents_triage, kEd},
       [incident](int) {
         return std::pair{incident + "/triage", nlohmann::json{{"severity", "moderate"}}};
       }},
      {"POST",
       "/api/v1/incidents/{id}/transitions",
       {Rule::at, Permission::incidents_triage, kEd},
       [rec](int) {
         return std::pair{"/api/v1/incidents/" + std::to_string(rec.submitted->take()) + "/transitions",
                          nlohmann::json{{"to", "in_triage"}}};
       }},
      {"PUT",
       "/api/v1/incidents/{id}/disclosure",
       {Rule::at, Permission::incidents_triage, kEd},
       [incident](int) {
         return std::pair{incident + "/disclosure", nlohmann::json{{"disclosedAt", "2026-11-26T07:30:00Z"},
                                                                   {"disclosedTo", "patient"},
                                                                   {"method", "In person"}}};
       }},
      {"POST",
       "/api/v1/incidents/{id}/external-reports",
       {Rule::at, Permission::incidents_triage, kEd},
       [rec](int) {
         return std::pair{
             "/api/v1/incidents/" + std::to_string(rec.unreported->take()) + "/external-reports",
             nlohmann::json{
                 {"ruleId", rec.rule}, {"reportedAt", "2026-11-26T07:30:00Z"}, {"reportedTo", "Regulator"}}};
       }},
      {"GET",
       "/api/v1/incidents/{id}/comments",
       {Rule::at, Permission::incidents_read, kEd},
       fixed(incident + "/comments")},
      {"POST",
       "/api/v1/incidents/{id}/comments",
       {Rule::at, Permission::incidents_read, kEd},
       [incident](int n) {
         return std::pair{incident + "/comments", nlohmann::json{{"body", "Comment " + std::to_string(n)}}};
       }},
      {"POST",
       "/api/v1/incidents/{id}/attachments",
       {Rule::at, Permission::incidents_read, kEd},
       [incident](int) {
         return std::pair{incident + "/attachments?name=note.txt", nlohmann::json("A note")};
       },
       "text/plain"},
      {"GET",
       "/api/v1/incidents/{id}/attachments/{attachmentId}",
       {Rule::at, Permission::incidents_read, kEd},
       fixed(incident + "/attachments/" + std::to_string(rec.attachment))},
      {"GET",
       "/api/v1/incidents/{id}/fhir",
       {Rule::at, Permission::incidents_read, kEd},
       fixed(incident + "/fhir")},
      {"GET", "/api/v1/incident-drafts", {Rule::signed_in}, fixed("/api/v1/incident-drafts")},
      {"PUT",
       "/api/v1/incident-drafts/{key}",
       {Rule::signed_in},
       [](int) {
         return std::pair{std::string("/api/v1/incident-drafts/probe"),
                          nlohmann::json{{"form", {{"description", "half written"}}}}};
       }},
      {"DELETE", "/api/v1/incident-drafts/{key}", {Rule::signed_in}, fixed("/api/v1/incident-drafts/probe")},
      {"GET", "/api/v1/saved-searches", {Rule::signed_in}, fixed("/api/v1/saved-searches?module=incidents")},
      {"POST",
       "/api/v1/saved-searches",
       {Rule::signed_in},
       [](int n) {
         return std::pair{std::string("/api/v1/saved-searches"),
                          nlohmann::json{{"name", "Search " + std::to_string(n)},
                                         {"module", "incidents"},
                                         {"query", "state=submitted"}}};
       }},
      {"DELETE", "/api/v1/saved-searches/{id}", {Rule::signed_in}, fixed("/api/v1/saved-searches/1")},
      {"GET",
       "/api/v1/external-reporting-rules",
       {Rule::somewhere, Permission::incidents_read},
       fixed("/api/v1/external-reporting-rules")},
      {"POST",
       "/api/v1/external-reporting-rules",
       {Rule::organisation_wide, Permission::incidents_configure},
       [](int n) {
         return std::pair{std::string("/api/v1/external-reporting-rules"),
                          nlohmann::json{{"name", "Rule " + std::to_string(n)},
                                         {"agency", "Regulator"},
                                         {"minHarm", "severe"},
                                         {"dueDays", 7}}};
       }},
      {"PUT",
       "/api/v1/external-reporting-rules/{id}",
       {Rule::organisation_wide, Permission::incidents_configure},
       [rec](int) {
         return std::pair{"/api/v1/external-reporting-rules/" + std::to_string(rec.rule),
                          nlohmann::json{{"dueDays", 5}}};
       }},
      {"GET",
       "/api/v1/incident-settings",
       {Rule::somewhere, Permission::incidents_read},
       fixed("/api/v1/incident-settings")},
      {"PUT",
       "/api/v1/incident-settings",
       {Rule::organisation_wide, Permission::incidents_configure},
       [](int) {
         return std::pair{std::string("/api/v1/incident-settings"),
                          nlohmann::json{{"sentinelAnalysisBusinessDays", 45}}};
       }},
      // Investigations.
      {"GET",
       "/api/v1/investigations",
       {Rule::somewhere, Permission::incidents_report},
       fixed("/api/v1/investigations")},
      {"POST",
       "/api/v1/investigations",
       {Rule::at, Permission::investigations_manage, kEd},
       [rec](int n) {
         return std::pair{std::string("/api/v1/investigations"),
                          nlohmann::json{{"title", "Probe RCA " + std::to_string(n)},
                                         {"incidentIds", {rec.uninvestigated->take()}}}};
       }},
      {"GET",
       "/api/v1/investigations/{id}",
       {Rule::at, Permission::investigations_read, kEd},
       fixed(investigation)},
      {"PUT",
       "/api/v1/investigations/{id}",
       {Rule::at, Permission::investigations_manage, kEd},
       [investigation](int n) {
         return std::pair{investigation, nlohmann::json{{"title", "Falls RCA " + std::to_string(n)}}};
       }},
      {"POST",
       "/api/v1/investigations/{id}/complete",
       {Rule::at, Permission::investigations_manage, kEd},
       [rec](int) {
         return std::pair{"/api/v1/investigations/" + std::to_string(rec.completable->take()) + "/complete",
                          nlohmann::json::object()};
       }},
      // Risk register.
      {"GET", "/api/v1/risks", {Rule::signed_in}, fixed("/api/v1/risks")},
      {"GET",
       "/api/v1/risks/heat-map",
       {Rule::somewhere, Permission::risks_read},
       fixed("/api/v1/risks/heat-map")},
      {"GET",
       "/api/v1/risks/export",
       {Rule::somewhere, Permission::risks_read},
       fixed("/api/v1/risks/export?format=csv")},
      {"POST",
       "/api/v1/risks",
       {Rule::at, Permission::risks_manage, kEd},
       [](int n) {
         return std::pair{std::string("/api/v1/risks"), probe_risk("Probe risk " + std::to_string(n))};
       }},
      {"GET", "/api/v1/risks/{id}", {Rule::at, Permission::risks_read, kEd}, fixed(risk)},
      {"PUT",
       "/api/v1/risks/{id}",
       {Rule::at, Permission::risks_manage, kEd},
       [risk](int n) {
         return std::pair{risk, nlohmann::json{{"title", "Falls from trolleys " + std::to_string(n)}}};
       }},
      {"POST",
       "/api/v1/risks/{id}/reviews",
       {Rule::at, Permission::risks_manage, kEd},
       [risk](int) {
         return std::pair{risk + "/reviews",
                          nlohmann::json{{"residual", {{"likelihood", 2}, {"consequence", 3}}},
                                         {"nextReviewOn", "2027-03-01"}}};
       }},
      {"GET", "/api/v1/risk-settings", {Rule::signed_in}, fixed("/api/v1/risk-settings")},
      {"PUT",
       "/api/v1/risk-settings",
       {Rule::organisation_wide, Permission::risks_configure},
       [](int) {
         return std::pair{
             std::string("/api/v1/risk-settings"),
             nlohmann::json{{"bands", {{"moderateFrom", 4}, {"highFrom", 8}, {"extremeFrom", 15}}}}};
       }},
      // FMEA.
      {"GET", "/api/v1/fmea", {Rule::signed_in}, fixed("/api/v1/fmea")},
      {"POST",
       "/api/v1/fmea",
       {Rule::at, Permission::risks_manage, kEd},
       [](int n) {
         return std::pair{std::string("/api/v1/fmea"),
                          nlohmann::json{{"title", "Probe study " + std::to_string(n)},
                                         {"process", "Bedside transfusion"},
                                         {"departmentId", kEmergency},
                                         {"steps", {{{"name", "Check identity"}}}}}};
       }},
      {"GET", "/api/v1/fmea/{id}", {Rule::at, Permission::risks_read, kEd}, fixed(study)},
      {"PUT",
       "/api/v1/fmea/{id}",
       {Rule::at, Permission::risks_manage, kEd},
       [study](int n) {
         return std::pair{study, nlohmann::json{{"title", "Transfusion FMEA " + std::to_string(n)}}};
       }},
      {"GET", "/api/v1/fmea/{id}/export", {Rule::at, Permission::risks_read, kEd}, fixed(study + "/export")},
      {"POST",
       "/api/v1/fmea/{id}/failure-modes",
       {Rule::at, Permission::risks_manage, kEd},
       [study, rec](int n) {
         return std::pair{study + "/failure-modes",
                          probe_failure_mode(rec.study_step, "Probe mode " + std::to_string(n))};
       }},
      {"PUT",
       "/api/v1/fmea/{id}/failure-modes/{fmId}",
       {Rule::at, Permission::risks_manage, kEd},
       [failure_mode](int n) {
         return std::pair{failure_mode, nlohmann::json{{"effects", "Effect " + std::to_string(n)}}};
       }},
      {"DELETE",
       "/api/v1/fmea/{id}/failure-modes/{fmId}",
       {Rule::at, Permission::risks_manage, kEd},
       [study, rec](int) {
         return no_body(study + "/failure-modes/" + std::to_string(rec.removable_rows->take()));
       }},
      {"POST",
       "/api/v1/fmea/{id}/failure-modes/{fmId}/capa",
       {Rule::at, Permission::risks_manage, kEd},  // and capa.manage there, which every such role holds
       [study, rec](int) {
         return std::pair{study + "/failure-modes/" + std::to_string(rec.capa_rows->take()) + "/capa",
                          nlohmann::json::object()};
       }},
      // CAPA.
      {"GET", "/api/v1/capa", {Rule::signed_in}, fixed("/api/v1/capa")},
      {"GET", "/api/v1/capa/board", {Rule::signed_in}, fixed("/api/v1/capa/board")},
      {"GET", "/api/v1/capa/ageing", {Rule::somewhere, Permission::capa_read}, fixed("/api/v1/capa/ageing")},
      {"GET",
       "/api/v1/capa/export",
       {Rule::somewhere, Permission::capa_read},
       fixed("/api/v1/capa/export?format=csv")},
      {"POST",
       "/api/v1/capa",
       {Rule::at, Permission::capa_manage, kEd},
       [](int n) {
         return std::pair{std::string("/api/v1/capa"), capa_request("Probe CAPA " + std::to_string(n))};
       }},
      {"GET", "/api/v1/capa/{id}", {Rule::at, Permission::capa_read, kEd}, fixed(capa)},
      {"PUT",
       "/api/v1/capa/{id}",
       {Rule::at, Permission::capa_manage, kEd},
       [capa](int n) {
         return std::pair{capa, nlohmann::json{{"title", "Bedside labelling " + std::to_string(n)}}};
       }},
      {"POST",
       "/api/v1/capa/{id}/transition",
       {Rule::at, Permission::capa_manage, kEd},
       [rec](int) {
         return std::pair{"/api/v1/capa/" + std::to_string(rec.capa.plannable->take()) + "/transition",
                          nlohmann::json{{"to", "planned"}}};
       }},
      {"POST",
       "/api/v1/capa/{id}/actions/{actionId}/progress",
       {Rule::at, Permission::capa_manage, kEd},
       [capa_action](int) {
         return std::pair{capa_action + "/progress", nlohmann::json{{"status", "in_progress"}}};
       }},
      {"POST",
       "/api/v1/capa/{id}/actions/{actionId}/evidence",
       {Rule::at, Permission::capa_manage, kEd},
       [capa_action](int) {
         return std::pair{capa_action + "/evidence?name=note.txt", nlohmann::json("Signage photographed")};
       },
       "text/plain"},
      {"GET",
       "/api/v1/capa/{id}/evidence/{fileId}",
       {Rule::at, Permission::capa_read, kEd},
       fixed(capa + "/evidence/" + std::to_string(rec.capa.evidence))},
      {"POST",
       "/api/v1/capa/{id}/effectiveness",
       {Rule::at, Permission::capa_manage, kEd},
       [rec](int) {
         return std::pair{"/api/v1/capa/" + std::to_string(rec.capa.awaiting->take()) + "/effectiveness",
                          nlohmann::json{{"result", "effective"}, {"evidence", "Three clean audits"}}};
       }},
      // Needs the right to change the investigation and capa.manage there, which every holder of
      // investigations.manage has.
      {"POST",
       "/api/v1/investigations/{id}/actions/{actionId}/capa",
       {Rule::at, Permission::investigations_manage, kEd},
       [rec](int) {
         return std::pair{"/api/v1/investigations/" + std::to_string(rec.capa.investigation) + "/actions/" +
                              std::to_string(rec.capa.plan_items->take()) + "/capa",
                          nlohmann::json::object()};
       }},
      {"POST",
       "/api/v1/capa/digests",
       {Rule::organisation_wide, Permission::capa_manage},
       [](int) {
         return std::pair{std::string("/api/v1/capa/digests"), nlohmann::json::object()};
       }},
      {"GET", "/api/v1/me/overdue-actions", {Rule::signed_in}, fixed("/api/v1/me/overdue-actions")},
      {"GET", "/api/v1/me/notifications", {Rule::signed_in}, fixed("/api/v1/me/notifications")},
      {"POST",
       "/api/v1/me/notifications/{id}/read",
       {Rule::signed_in},
       [rec](int) {
         return std::pair{
             "/api/v1/me/notifications/" + std::to_string(rec.capa.notifications->take()) + "/read",
             nlohmann::json::object()};
       }},
      // Quality indicators (read side) and the dashboards; figures over the Emergency Department.
      {"GET",
       "/api/v1/indicators",
       {Rule::somewhere, Permission::indicators_read},
       fixed("/api/v1/indicators")},
      {"GET",
       "/api/v1/indicators/{code}",
       {Rule::somewhere, Permission::indicators_read},
       fixed("/api/v1/indicators/readmission_30d_percent")},
      {"GET",
       "/api/v1/indicators/{code}/chart",
       {Rule::at, Permission::indicators_read, kEd},
       fixed("/api/v1/indicators/readmission_30d_percent/chart?scope=department:" +
             std::to_string(kEmergency))},
      {"GET",
       "/api/v1/indicators/{code}/comparison",
       {Rule::at, Permission::indicators_read, kEd},
       fixed("/api/v1/indicators/readmission_30d_percent/comparison?by=age_band&scope=department:" +
             std::to_string(kEmergency))},
      {"GET",
       "/api/v1/indicators/{code}/series.csv",
       {Rule::at, Permission::indicators_read, kEd},
       fixed("/api/v1/indicators/readmission_30d_percent/series.csv?scope=department:" +
             std::to_string(kEmergency))},
      {"GET",
       "/api/v1/indicators/{code}/measure-report",
       {Rule::at, Permission::indicators_read, kEd},
       fixed("/api/v1/indicators/readmission_30d_percent/measure-report?scope=department:" +
             std::to_string(kEmergency))},
      {"GET",
       "/api/v1/dashboards/executive",
       {Rule::somewhere, Permission::indicators_read},
       fixed("/api/v1/dashboards/executive")},
      {"GET",
       "/api/v1/dashboards/department/{departmentId}",
       {Rule::at, Permission::indicators_read, kEd},
       fixed("/api/v1/dashboards/department/" + std::to_string(kEmergency))},
      // Quality indicators (write side) and data imports.
      {"POST",
       "/api/v1/indicators/preview",
       {Rule::somewhere, Permission::indicators_read},
       [](int) {
         return std::pair{std::string("/api/v1/indicators/preview"),
                          nlohmann::json{{"definition", probe_indicator("")}}};
       }},
      {"POST",
       "/api/v1/indicators",
       {Rule::beyond_department, Permission::indicators_manage},
       [](int n) {
         return std::pair{std::string("/api/v1/indicators"), probe_indicator("probe_" + std::to_string(n))};
       }},
      {"PUT",
       "/api/v1/indicators/{code}",
       {Rule::beyond_department, Permission::indicators_manage},
       [](int n) {
         return std::pair{std::string("/api/v1/indicators/probe_custom"),
                          nlohmann::json{{"name", "Probe " + std::to_string(n)}}};
       }},
      {"DELETE",
       "/api/v1/indicators/{code}",
       {Rule::beyond_department, Permission::indicators_manage},
       fixed("/api/v1/indicators/probe_retired")},
      {"PUT",
       "/api/v1/indicators/{code}/settings",
       {Rule::organisation_wide, Permission::indicators_manage},
       [](int n) {
         return std::pair{std::string("/api/v1/indicators/readmission_30d_percent/settings"),
                          nlohmann::json{{"target", 10 + n % 5}}};
       }},
      {"GET",
       "/api/v1/indicators/{code}/annotations",
       {Rule::at, Permission::indicators_read, kEd},
       fixed("/api/v1/indicators/readmission_30d_percent/annotations?scope=department:" +
             std::to_string(kEmergency))},
      {"POST",
       "/api/v1/indicators/{code}/annotations",
       {Rule::at, Permission::indicators_manage, kEd},
       [](int n) {
         return std::pair{std::string("/api/v1/indicators/readmission_30d_percent/annotations"),
                          probe_annotation("Probe " + std::to_string(n))};
       }},
      {"DELETE",
       "/api/v1/indicators/{code}/annotations/{id}",
       {Rule::at, Permission::indicators_manage, kEd},
       [rec](int) {
         return no_body("/api/v1/indicators/readmission_30d_percent/annotations/" +
                        std::to_string(rec.indicators.annotations->take()));
       }},
      // Needs indicators.read at the chart's scope too, which every holder of capa.manage has.
      {"POST",
       "/api/v1/indicators/{code}/capa",
       {Rule::at, Permission::capa_manage, kEd},
       [](int) {
         return std::pair{std::string("/api/v1/indicators/probe_signal/capa"),
                          nlohmann::json{{"scope", "department:" + std::to_string(kEmergency)},
                                         {"departmentId", kEmergency},
                                         {"period", "2026-10"}}};
       }},
      // Rows of departments outside the caller's scope are refused inside the run, which still answers 2xx.
      {"POST",
       "/api/v1/imports",
       {Rule::somewhere, Permission::data_import},
       [](int) {
         return std::pair{std::string("/api/v1/imports?kind=encounters_csv&fileName=probe.csv"),
                          nlohmann::json(probe_encounters())};
       },
       "text/csv"},
      {"GET", "/api/v1/imports", {Rule::somewhere, Permission::data_import}, fixed("/api/v1/imports")},
      {"GET",
       "/api/v1/imports/{id}",
       {Rule::organisation_wide, Permission::data_import},  // someone else's run
       fixed("/api/v1/imports/" + std::to_string(rec.indicators.import_run))},
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

Id created_id(const Reply& r) {
  if (r.status != 201) throw std::runtime_error("setup failed: " + std::to_string(r.status) + " " + r.body);
  return r.json()["id"].get<Id>();
}

// For records known by a code rather than an id (indicators).
void expect_created(const Reply& r) {
  if (r.status != 201) throw std::runtime_error("setup failed: " + std::to_string(r.status) + " " + r.body);
}

// The records the probes act on, made as the demo hospital's own staff.
IncidentRecords make_records(TestHospital& h, int calls_per_probe) {
  IncidentRecords rec;
  auto nurse = h.signed_in("nurse.ed");
  auto pso = h.signed_in("pso.main");
  auto cqo = h.signed_in("cqo");
  auto report = [&](const std::string& what) {
    return created_id(nurse.post("/api/v1/incidents", fall_report(what)));
  };
  rec.incident = report("Fall from a trolley in resus");
  const auto upload =
      nurse.send("POST", "/api/v1/incidents/" + std::to_string(rec.incident) + "/attachments?name=a.txt",
                 "A statement", {{"Content-Type", "text/plain"}});
  rec.attachment = created_id(upload);
  rec.rule = created_id(
      cqo.post("/api/v1/external-reporting-rules",
               {{"name", "Serious incident"}, {"agency", "Regulator"}, {"minHarm", "mild"}, {"dueDays", 7}}));
  auto anonymous = h.client().post("/api/v1/anonymous-reports", fall_report("Anonymous fall"));
  if (anonymous.status != 201) throw std::runtime_error("setup failed: " + anonymous.body);
  rec.follow_up_code = anonymous.json()["followUpCode"];
  const auto first = report("Fall under investigation");
  rec.investigation =
      created_id(pso.post("/api/v1/investigations", {{"title", "Falls in ED"}, {"incidentIds", {first}}}));
  for (int i = 0; i < calls_per_probe; ++i) {
    rec.submitted->ids.push_back(report("Pool report " + std::to_string(i)));
    rec.unreported->ids.push_back(report("Unreported " + std::to_string(i)));
    rec.uninvestigated->ids.push_back(report("Uninvestigated " + std::to_string(i)));
    const auto inv = created_id(pso.post(
        "/api/v1/investigations", {{"title", "Ready " + std::to_string(i)},
                                   {"incidentIds", {report("Ready for closure " + std::to_string(i))}}}));
    auto saved = pso.put("/api/v1/investigations/" + std::to_string(inv),
                         {{"rootCauses", {"No falls risk reassessment after sedation"}},
                          {"actions",
                           {{{"description", "Bed-exit alarms on the sedation bays"},
                             {"ownerId", 24},
                             {"dueOn", "2027-01-31"},
                             {"strength", "stronger"}}}}});
    if (saved.status != 200) throw std::runtime_error("setup failed: " + saved.body);
    rec.completable->ids.push_back(inv);
  }
  rec.risk = created_id(pso.post("/api/v1/risks", probe_risk("Falls from trolleys")));
  auto study = pso.post("/api/v1/fmea", {{"title", "Transfusion FMEA"},
                                         {"process", "Bedside transfusion"},
                                         {"departmentId", kEmergency},
                                         {"steps", {{{"name", "Check identity"}}}}});
  rec.study = created_id(study);
  rec.study_step = study.json()["steps"][0]["id"].get<Id>();
  const std::string rows = "/api/v1/fmea/" + std::to_string(rec.study) + "/failure-modes";
  rec.failure_mode = created_id(pso.post(rows, probe_failure_mode(rec.study_step, "Wrong unit hung")));
  for (int i = 0; i < calls_per_probe; ++i) {
    const auto n = std::to_string(i);
    rec.removable_rows->ids.push_back(
        created_id(pso.post(rows, probe_failure_mode(rec.study_step, "Removable " + n))));
    rec.capa_rows->ids.push_back(created_id(
        pso.post(rows, probe_failure_mode(rec.study_step, "Unchecked " + n, "Barcode scan " + n))));
  }
  return rec;
}

// The CAPA records; `principals` are the walk's users in its order, each given a notification of their own.
CapaRecords make_capa_records(TestHospital& h, int calls_per_probe, const std::vector<Id>& principals) {
  CapaRecords rec;
  auto pso = h.signed_in("pso.main");
  auto nurse = h.signed_in("nurse.ed");
  auto expect_ok = [](const Reply& r) {
    if (r.status != 200) throw std::runtime_error("setup failed: " + std::to_string(r.status) + " " + r.body);
    return r.json();
  };
  auto move = [&](Id id, const std::string& to) {
    return expect_ok(pso.post("/api/v1/capa/" + std::to_string(id) + "/transition", {{"to", to}}));
  };
  rec.capa = created_id(pso.post("/api/v1/capa", capa_request("Bedside labelling")));
  rec.action = move(rec.capa, "planned")["actions"][0]["id"].get<Id>();
  rec.evidence = created_id(nurse.send("POST",
                                       "/api/v1/capa/" + std::to_string(rec.capa) + "/actions/" +
                                           std::to_string(rec.action) + "/evidence?name=a.txt",
                                       "A checklist", {{"Content-Type", "text/plain"}}));
  const auto incident = created_id(nurse.post("/api/v1/incidents", fall_report("Fall raised as CAPAs")));
  rec.investigation =
      created_id(pso.post("/api/v1/investigations", {{"title", "Falls plan"}, {"incidentIds", {incident}}}));
  auto items = nlohmann::json::array();
  for (int i = 0; i < calls_per_probe; ++i) {
    rec.plannable->ids.push_back(
        created_id(pso.post("/api/v1/capa", capa_request("Plannable " + std::to_string(i)))));
    const auto id = created_id(pso.post("/api/v1/capa", capa_request("Awaiting " + std::to_string(i))));
    const auto action = move(id, "planned")["actions"][0]["id"].get<Id>();
    expect_ok(
        nurse.post("/api/v1/capa/" + std::to_string(id) + "/actions/" + std::to_string(action) + "/progress",
                   {{"status", "done"}, {"completionNote", "Done"}}));
    move(id, "awaiting_verification");
    rec.awaiting->ids.push_back(id);
    items.push_back({{"description", "Plan item " + std::to_string(i)},
                     {"ownerId", 24},
                     {"dueOn", "2027-01-31"},
                     {"strength", "intermediate"}});
  }
  const auto plan =
      expect_ok(pso.put("/api/v1/investigations/" + std::to_string(rec.investigation), {{"actions", items}}));
  for (const auto& a : plan["actions"]) rec.plan_items->ids.push_back(a["id"].get<Id>());
  // The walk calls each probe once without a session, then once per principal: the first id is spent on the
  // call that is refused before it is read.
  auto stored = store::in_write_transaction(h.db(), [&](store::UnitOfWork& uow) -> Result<std::vector<Id>> {
    std::vector<Id> ids;
    for (auto user : principals) {
      store::Notification n{
          0,           user, "probe", std::chrono::floor<std::chrono::days>(h.clock().now()),
          "A probe",   "",   "[]",    h.clock().now(),
          std::nullopt};
      auto id = uow.notifications().put(n);
      if (!id) return id.error();
      ids.push_back(*id);
    }
    return ids;
  });
  if (!stored) throw std::runtime_error("setup failed: " + stored.error().message);
  rec.notifications->ids.push_back(stored->front());
  for (auto id : *stored) rec.notifications->ids.push_back(id);
  return rec;
}

// The indicator and import records (IndicatorRecords), made by the demo hospital's quality staff. The probe
// signal: 4 probe stays a month in the Emergency Department from 2023-11, then 20 a month from 2026-05, far
// above a c chart's upper limit.
IndicatorRecords make_indicator_records(TestHospital& h, int calls_per_probe) {
  IndicatorRecords rec;
  auto cqo = h.signed_in("cqo");
  auto admin = h.signed_in("admin");
  auto stored = store::in_write_transaction(h.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    store::ImportRun run;
    run.file_name = "probe.csv";
    run.file_sha256 = "probe";
    run.started_at = run.finished_at = h.clock().now();
    auto run_id = uow.indicator_data().record_import_run(run);
    if (!run_id) return run_id.error();
    for (int m = 0; m < 36; ++m) {
      using namespace std::chrono;
      const auto day = sys_days{(year_month{year{2023}, month{11}} + months{m}) / 10};
      const auto at = duration_cast<seconds>(day.time_since_epoch()).count();
      for (int i = 0; i < (m >= 30 ? 20 : 4); ++i) {
        const std::string id = "PROBE-" + std::to_string(m) + "-" + std::to_string(i);
        encounters::EncounterRecord e;
        e.encounter_id = id;
        e.patient_pseudonym = id;
        e.site = "MAIN";
        e.department = "ED";
        e.encounter_class = "emergency";
        e.admitted_at = at;
        e.discharged_at = at + 3600;
        e.age_band = "45-64";
        e.sex = "female";
        e.ethnicity = "unknown";
        e.payer = "public";
        e.primary_diagnosis = "Z99.8";
        e.disposition = "home";
        e.ed_minutes = 60;
        auto r = uow.indicator_data().upsert_encounter(e, {kMainSite, kEmergency}, *run_id);
        if (!r) return r.error();
      }
    }
    return {};
  });
  if (!stored) throw std::runtime_error("setup failed: " + stored.error().message);
  for (const auto* code : {"probe_custom", "probe_retired", "probe_signal"})
    expect_created(cqo.post("/api/v1/indicators", probe_indicator(code)));
  for (int i = 0; i < calls_per_probe; ++i)
    rec.annotations->ids.push_back(
        created_id(cqo.post("/api/v1/indicators/readmission_30d_percent/annotations",
                            probe_annotation("Removable " + std::to_string(i)))));
  rec.import_run = created_id(admin.send("POST", "/api/v1/imports?kind=encounters_csv",
                                         nlohmann::json(probe_encounters()).get<std::string>(),
                                         {{"Content-Type", "text/csv"}}));
  return rec;
}

// Set up straight in the store: "probe.2fa" with an authenticator and a recovery code for every call, and a
// pending authenticator for every principal.
SecondFactorRecords make_second_factor_records(TestHospital& h, int calls_per_probe,
                                               const std::vector<Id>& principals) {
  const auto person = h.add_user("probe.2fa", {{Role::staff_reporter, {ScopeType::department, kEmergency}}});
  auto codes = std::make_shared<std::vector<std::string>>();
  while (codes->size() < static_cast<std::size_t>(calls_per_probe))
    for (const auto& c : new_recovery_codes()) codes->push_back(c);
  auto secrets = std::make_shared<std::vector<std::string>>(1, new_totp_secret());
  auto stored = store::in_write_transaction(h.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto& factors = uow.second_factors();
    if (auto r = factors.start_enrolment(person, new_totp_secret(), h.clock().now()); !r) return r;
    if (auto r = factors.confirm(person, 0, h.clock().now()); !r) return r;
    std::vector<std::string> hashes;
    for (const auto& c : *codes) hashes.push_back(recovery_code_hash(c));
    if (auto r = factors.replace_recovery_codes(person, hashes); !r) return r;
    for (auto id : principals) {
      secrets->push_back(new_totp_secret());
      if (auto r = factors.start_enrolment(id, secrets->back(), h.clock().now()); !r) return r;
    }
    return {};
  });
  if (!stored) throw std::runtime_error("setup failed: " + stored.error().message);
  SecondFactorRecords rec;
  auto used = std::make_shared<std::size_t>(0), taken = std::make_shared<std::size_t>(0);
  rec.sign_in = [&h, codes, used] {
    auto c = h.client();
    auto token = c.login("probe.2fa", kPassword).json().value("challengeToken", "");
    return nlohmann::json{{"challengeToken", token}, {"recoveryCode", codes->at((*used)++)}};
  };
  rec.next_code = [&h, secrets, taken] {
    return totp(secrets->at((*taken)++ % secrets->size()), totp_step(h.clock().now()));
  };
  return rec;
}

TEST(AuthorizationMatrix, EveryRouteRoleAndScope) {
  // Every principal files anonymous reports from this one address: the flood limit (tested on its own in
  // anonymous_report_api_test) must not stand in the walk's way.
  http::ServerConfig config;
  config.anonymous_limit = {100'000, 100'000};
  TestHospital h(config);
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
  std::vector<Id> principal_ids;
  for (auto role : all_roles())
    for (const auto& [where, scope] : kScopes) {
      std::string username = std::string(to_string(role)).substr(0, 12) + "." + scope.second;
      std::replace(username.begin(), username.end(), '_', '-');
      principal_ids.push_back(h.add_user(username, {{role, scope.first}}));
      principals.push_back({role, where, h.signed_in(username)});
    }

  auto records = make_records(h, static_cast<int>(principals.size()) + 1);
  records.capa = make_capa_records(h, static_cast<int>(principals.size()) + 1, principal_ids);
  records.second_factor =
      make_second_factor_records(h, static_cast<int>(principals.size()) + 1, principal_ids);
  records.indicators = make_indicator_records(h, static_cast<int>(principals.size()) + 1);
  auto send = [](HttpClient& client, const Probe& probe, const std::string& target,
                 const nlohmann::json& body) {
    if (!probe.raw_type.empty())
      return client.send(probe.method, target, body.get<std::string>(), {{"Content-Type", probe.raw_type}});
    return body.is_null() ? client.send(probe.method, target) : client.with_json(probe.method, target, body);
  };
  int calls = 0, denials = 0;
  const auto denied_before = h.audit_count("permission_denied");
  for (const auto& probe : probes(records)) {
    // Without a session, only public routes answer.
    auto anonymous = h.client();
    auto [target, body] = probe.request(++calls);
    auto reply = send(anonymous, probe, target, body);
    if (probe.rule.kind == Rule::anyone)
      EXPECT_LT(reply.status, 400) << probe.method << " " << target << ": " << reply.body;
    else
      EXPECT_EQ(reply.status, 401) << probe.method << " " << target;

    for (auto& p : principals) {
      const auto& scope = kScopes.at(p.where);
      auto [t, b] = probe.request(++calls);
      auto r = send(p.client, probe, t, b);
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

// Issue 12, finding 2: a site administrator manages only people whose every grant lies inside their site. The
// account below is homed at North (admin.north's site) but holds an organisation-wide role: resetting its
// password would let admin.north sign in as it and read Main Campus reports with patient identifiers.
TEST(AuthorizationMatrix, SiteAdministratorsCannotManageSomeoneWithAWiderRole) {
  TestHospital h;
  const Id wide = h.add_user("qm.wide", {{Role::quality_manager, {ScopeType::organisation, kOrganisation}}},
                             kMedicalWardNorth);
  const Id local = h.add_user(
      "nurse.local", {{Role::staff_reporter, {ScopeType::department, kMedicalWardNorth}}}, kMedicalWardNorth);
  auto site_admin = h.signed_in("admin.north");
  const auto user = [](Id id) { return "/api/v1/users/" + std::to_string(id); };
  const nlohmann::json new_password{{"newPassword", "Another-Long-Passphrase-42"}};
  const auto denied_before = h.audit_count("permission_denied");

  EXPECT_EQ(site_admin.post(user(wide) + "/password", new_password).status, 403);
  EXPECT_EQ(site_admin.patch(user(wide), {{"active", false}}).status, 403);
  EXPECT_EQ(site_admin.put(user(wide) + "/grants", {{"grants", nlohmann::json::array()}}).status, 403);
  EXPECT_EQ(site_admin.patch(user(wide), {{"displayName", "Renamed"}}).status, 403);
  EXPECT_EQ(h.audit_count("permission_denied") - denied_before, 4) << "every refusal is audited";
  // Still readable: seeing who works at the site is not managing them.
  EXPECT_EQ(site_admin.get(user(wide)).status, 200);
  // Nothing changed: the account signs in with its own password and is active.
  auto self = h.client();
  EXPECT_EQ(self.login("qm.wide", kPassword).status, 200);

  // Someone whose grants all lie at North is still the site administrator's to manage.
  EXPECT_EQ(site_admin.post(user(local) + "/password", new_password).status, 204);
  EXPECT_EQ(site_admin.patch(user(local), {{"active", false}}).status, 200);
  // An organisation administrator manages both.
  auto org_admin = h.signed_in("admin");
  EXPECT_EQ(org_admin.post(user(wide) + "/password", new_password).status, 204);
}

}  // namespace
}  // namespace hqms::test
