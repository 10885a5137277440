// The organisation's incident configuration: external reporting rules, the sentinel-event clock and the
// holidays that business days skip. Everyone who triages may read it; changing it is organisation-wide.
#include "http/incidents/incident_json.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

ScopeRef organisation_scope(const RequestContext& ctx) {
  return {ScopeType::organisation, ctx.org().id};
}

Result<Response> list_rules(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::incidents_read, "view external reporting rules"); !r)
    return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto rules = (*uow)->incident_settings().rules();
  if (!rules) return rules.error();
  auto items = json::array();
  for (const auto& rule : *rules) items.push_back(reporting_rule_json(rule));
  return json_ok({{"items", std::move(items)}});
}

Result<ExternalReportingRule> read_rule(BodyReader& body, ExternalReportingRule rule) {
  if (auto v = body.string("name", rule.id == 0, 200)) rule.name = *v;
  if (auto v = body.string("agency", rule.id == 0, 200)) rule.agency = *v;
  if (auto v = body.choice("minHarm", rule.id == 0, harm_level_from_string)) rule.min_harm = *v;
  if (auto v = body.boolean("sentinelOnly")) rule.sentinel_only = *v;
  if (body.has("category")) rule.category = body.choice("category", false, event_category_from_string);
  if (body.has("dueDays")) {
    if (!body.at("dueDays").is_number_integer())
      body.error("dueDays", "must be a whole number of days");
    else
      rule.due_days = body.at("dueDays").get<int>();
  }
  if (auto v = body.boolean("businessDays")) rule.business_days = *v;
  if (auto v = body.boolean("active")) rule.active = *v;
  body.errors(check_reporting_rule(rule));
  if (auto r = body.finish(); !r) return r.error();
  return rule;
}

Result<Response> save_rule(RequestContext& ctx, std::optional<Id> id) {
  if (auto r =
          ctx.require_organisation_wide(Permission::incidents_configure, "change external reporting rules");
      !r)
    return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<json> {
    ExternalReportingRule before;
    if (id) {
      auto rules = uow.incident_settings().rules();
      if (!rules) return rules.error();
      auto it = std::find_if(rules->begin(), rules->end(), [&](const auto& r) { return r.id == *id; });
      if (it == rules->end())
        return Error::not_found("There is no reporting rule " + std::to_string(*id) + ".");
      before = *it;
    }
    auto rule = read_rule(*body, before);
    if (!rule) return rule.error();
    if (id) {
      if (auto r = uow.incident_settings().update_rule(*rule); !r) return r.error();
    } else {
      auto created = uow.incident_settings().create_rule(*rule);
      if (!created) return created.error();
      rule->id = *created;
    }
    auto logged = uow.audit().record(
        ctx.audit_event(id ? "update" : "create", "reporting_rule", std::to_string(rule->id),
                        (id ? "Changed the reporting rule " : "Added the reporting rule ") + rule->name,
                        id ? reporting_rule_json(before) : json(nullptr), reporting_rule_json(*rule),
                        organisation_scope(ctx)),
        ctx.now());
    if (!logged) return logged.error();
    return reporting_rule_json(*rule);
  });
  if (!saved) return saved.error();
  return json_ok(*saved, id ? 200 : 201);
}

json settings_json(const SentinelPolicy& policy, const std::vector<store::Holiday>& holidays) {
  auto days = json::array();
  for (const auto& h : holidays) days.push_back({{"day", format_date(Timestamp(h.day))}, {"name", h.name}});
  return {{"sentinelAnalysisBusinessDays", policy.analysis_due_business_days}, {"holidays", std::move(days)}};
}

Result<Response> get_settings(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::incidents_read, "view the incident settings"); !r)
    return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto policy = (*uow)->incident_settings().sentinel_policy();
  if (!policy) return policy.error();
  auto holidays = (*uow)->incident_settings().holidays();
  if (!holidays) return holidays.error();
  return json_ok(settings_json(*policy, *holidays));
}

Result<Response> put_settings(RequestContext& ctx) {
  if (auto r = ctx.require_organisation_wide(Permission::incidents_configure, "change the incident settings");
      !r)
    return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  SentinelPolicy policy;
  if (!body->has("sentinelAnalysisBusinessDays") ||
      !body->at("sentinelAnalysisBusinessDays").is_number_integer())
    body->error("sentinelAnalysisBusinessDays", "is required: a whole number of business days");
  else
    policy.analysis_due_business_days = body->at("sentinelAnalysisBusinessDays").get<int>();
  if (policy.analysis_due_business_days < 1 || policy.analysis_due_business_days > 365)
    body->error("sentinelAnalysisBusinessDays", "must be from 1 to 365");
  std::vector<store::Holiday> holidays;
  if (body->has("holidays")) {
    const auto& list = body->at("holidays");
    if (!list.is_array() || list.size() > 500) {
      body->error("holidays", "must be a list of at most 500 {day, name}");
    } else {
      for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& h = list[i];
        const std::string at = "holidays[" + std::to_string(i) + "]";
        auto day = h.is_object() && h.contains("day") && h["day"].is_string()
                       ? parse_date_or_instant(h["day"].get<std::string>())
                       : std::nullopt;
        if (!day) {
          body->error(at + ".day", "must be a date, YYYY-MM-DD");
          continue;
        }
        const auto name = h.value("name", std::string());
        if (name.empty() || name.size() > 100) body->error(at + ".name", "must be 1 to 100 characters");
        holidays.push_back({std::chrono::floor<std::chrono::days>(*day), name});
      }
    }
  }
  if (auto r = body->finish(); !r) return r.error();
  std::sort(holidays.begin(), holidays.end(), [](const auto& a, const auto& b) { return a.day < b.day; });
  holidays.erase(std::unique(holidays.begin(), holidays.end(),
                             [](const auto& a, const auto& b) { return a.day == b.day; }),
                 holidays.end());
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto before_policy = uow.incident_settings().sentinel_policy();
    if (!before_policy) return before_policy.error();
    auto before_days = uow.incident_settings().holidays();
    if (!before_days) return before_days.error();
    if (auto r = uow.incident_settings().set_sentinel_policy(policy); !r) return r;
    if (body->has("holidays"))
      if (auto r = uow.incident_settings().replace_holidays(holidays); !r) return r;
    auto after_days = uow.incident_settings().holidays();
    if (!after_days) return after_days.error();
    return uow.audit().record(
        ctx.audit_event("update", "incident_settings", "incidents", "Changed the incident settings",
                        settings_json(*before_policy, *before_days), settings_json(policy, *after_days),
                        organisation_scope(ctx)),
        ctx.now());
  });
  if (!saved) return saved.error();
  return get_settings(ctx);
}

}  // namespace

void add_incident_settings_routes(Router& router) {
  router.add(Method::get, "/api/v1/external-reporting-rules", Access::signed_in, list_rules);
  router.add(Method::post, "/api/v1/external-reporting-rules", Access::signed_in,
             [](RequestContext& ctx) { return save_rule(ctx, std::nullopt); });
  router.add(Method::put, "/api/v1/external-reporting-rules/{id}", Access::signed_in,
             [](RequestContext& ctx) -> Result<Response> {
               auto id = ctx.id_param("id");
               if (!id) return id.error();
               return save_rule(ctx, *id);
             });
  router.add(Method::get, "/api/v1/incident-settings", Access::signed_in, get_settings);
  router.add(Method::put, "/api/v1/incident-settings", Access::signed_in, put_settings);
}

}  // namespace hqms::http
