// The analysts' side of the indicators: their own definitions from the workbench (created, changed under a
// version, retired but never deleted, since charts and CAPAs name them), the target and chart choices on any
// indicator, and the preview of a definition that is not saved. Custom definitions serve the whole
// organisation, so keeping them takes indicators.manage beyond one department (a site or the organisation);
// settings are organisation-wide and take it there.
#include <algorithm>
#include <cmath>

#include "core/indicators/catalogue.hpp"
#include "core/indicators/definition_json.hpp"
#include "http/indicators/chart_body.hpp"
#include "http/indicators/definition_body.hpp"
#include "http/indicators/indicator_computation.hpp"
#include "http/indicators/indicator_json.hpp"
#include "http/indicators/indicator_lookup.hpp"
#include "http/indicators/indicator_scope.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

constexpr std::string_view kPreviewCode = "workbench_preview";

ScopeRef organisation_scope(const RequestContext& ctx) {
  return {ScopeType::organisation, ctx.org().id};
}

// indicators.manage at a site or the organisation: a definition every department's charts may use is not
// one department's to keep.
Result<void> require_definer(RequestContext& ctx, std::string_view what) {
  const auto where = ctx.policy().scope_filter(Permission::indicators_manage);
  if (where.everything || !where.site_ids.empty()) return {};
  return ctx.deny(what, std::nullopt);
}

Error catalogue_conflict() {
  return Error::conflict("Catalogue indicators are changed through their settings.");
}

Result<store::StoredIndicator> stored_custom(store::UnitOfWork& uow, std::string_view code) {
  if (indicators::catalogue_indicator(code)) return catalogue_conflict();
  auto stored = uow.indicator_settings().find_custom(code);
  if (!stored) return stored.error();
  if (!*stored) return Error::not_found("No indicator has this code.");
  return **stored;
}

ResolvedIndicator resolved(const store::StoredIndicator& stored) {
  return {stored.definition, stored.version, stored.retired};
}

// The answer after a change: the indicator as every reader now sees it (a saved setting applied).
Result<Response> indicator_response(RequestContext& ctx, std::string_view code, int status) {
  auto found = find_indicator(ctx.db(), code);
  if (!found) return found.error();
  return json_ok(indicator_json(*found), status);
}

Result<Response> create_indicator(RequestContext& ctx) {
  if (auto r = require_definer(ctx, "define indicators"); !r) return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto definition = definition_from_body(body->document());
  if (!definition) return definition.error();
  store::StoredIndicator stored;
  stored.definition = std::move(*definition);
  stored.version = 1;
  stored.created_by = ctx.principal().user.id;
  stored.created_at = stored.updated_at = ctx.now();
  auto created = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    const auto& code = stored.definition.code;
    if (indicators::catalogue_indicator(code))
      return Error::conflict("The catalogue already has an indicator with the code " + code + ".");
    auto existing = uow.indicator_settings().find_custom(code);
    if (!existing) return existing.error();
    // Retired codes stay taken: old CAPAs and audit entries still name them.
    if (*existing) return Error::conflict("An indicator with the code " + code + " exists already.");
    if (auto r = uow.indicator_settings().insert_custom(stored); !r) return r.error();
    return uow.audit().record(
        ctx.audit_event("create", "indicator", code,
                        "Defined indicator " + code + ": " + stored.definition.name, nullptr,
                        indicator_json(resolved(stored)), organisation_scope(ctx)),
        ctx.now());
  });
  if (!created) return created.error();
  return indicator_response(ctx, stored.definition.code, 201);
}

// A partial body changes only what it names: it is laid over the stored definition and read as a whole.
Result<Response> update_indicator(RequestContext& ctx) {
  if (auto r = require_definer(ctx, "change indicators"); !r) return r.error();
  const auto& code = ctx.param("code");
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  int expected = 0;
  body->version(expected);
  if (auto r = body->finish(); !r) return r.error();
  const auto& changes = body->document();
  if (changes.contains("code") && changes["code"] != code)
    return Error::validation({{"code", "cannot be changed: define a new indicator instead"}});
  auto updated = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto before = stored_custom(uow, code);
    if (!before) return before.error();
    if (before->retired) return Error::conflict(code + " is retired and can no longer be changed.");
    const int version = expected > 0 ? expected : before->version;
    if (version != before->version)
      return Error::conflict("This indicator was changed by someone else since you opened it.");
    auto document = indicators::definition_json(before->definition);
    for (const auto& [field, value] : changes.items())
      if (field != "version") document[field] = value;
    auto definition = definition_from_body(document);
    if (!definition) return definition.error();
    auto after = *before;
    after.definition = std::move(*definition);
    after.version = before->version + 1;
    after.updated_at = ctx.now();
    auto saved = uow.indicator_settings().update_custom(after, before->version);
    if (!saved) return saved.error();
    if (!*saved) return Error::conflict("This indicator was changed by someone else since you opened it.");
    return uow.audit().record(ctx.audit_event("update", "indicator", code, "Changed indicator " + code,
                                              indicator_json(resolved(*before)),
                                              indicator_json(resolved(after)), organisation_scope(ctx)),
                              ctx.now());
  });
  if (!updated) return updated.error();
  return indicator_response(ctx, code, 200);
}

// Retired, not deleted: it leaves the lists but its charts, audit entries and CAPAs still name it.
Result<Response> retire_indicator(RequestContext& ctx) {
  if (auto r = require_definer(ctx, "retire indicators"); !r) return r.error();
  const auto& code = ctx.param("code");
  auto retired = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto before = stored_custom(uow, code);
    if (!before) return before.error();
    if (before->retired) return {};
    auto after = *before;
    after.retired = true;
    after.version = before->version + 1;
    after.updated_at = ctx.now();
    auto saved = uow.indicator_settings().update_custom(after, before->version);
    if (!saved) return saved.error();
    if (!*saved) return Error::conflict("This indicator was changed by someone else since you opened it.");
    return uow.audit().record(ctx.audit_event("retire", "indicator", code, "Retired indicator " + code,
                                              indicator_json(resolved(*before)),
                                              indicator_json(resolved(after)), organisation_scope(ctx)),
                              ctx.now());
  });
  if (!retired) return retired.error();
  return empty_response(204);
}

// Absent: nullopt; null: an empty optional; a number: it.
std::optional<std::optional<double>> nullable_number(BodyReader& body, std::string_view field) {
  if (!body.has(field)) return std::nullopt;
  const auto& value = body.at(field);
  if (value.is_null()) return std::optional<double>();
  if (!value.is_number() || !std::isfinite(value.get<double>())) {
    body.error(std::string(field), "must be a number or null");
    return std::nullopt;
  }
  return std::optional<double>(value.get<double>());
}

json setting_audit_json(const indicators::IndicatorDefinition& d, int version) {
  return {{"target", d.target ? json(*d.target) : json(nullptr)},
          {"alertThreshold", d.alert_threshold ? json(*d.alert_threshold) : json(nullptr)},
          {"chart", indicators::to_string(d.chart)},
          {"rules", indicators::to_string(d.rules)},
          {"version", version}};
}

// Target, alert threshold, chart and rules, for a catalogue indicator (kept as its setting) or an analyst's
// own (kept in its definition, whose version moves on). Absent fields keep their value; null clears a target
// or threshold and gives a catalogue indicator back its shipped chart or rules.
Result<Response> save_settings(RequestContext& ctx) {
  if (auto r = ctx.require_organisation_wide(Permission::indicators_manage, "change indicator settings"); !r)
    return r.error();
  const auto& code = ctx.param("code");
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  const auto target = nullable_number(*body, "target");
  const auto alert = nullable_number(*body, "alertThreshold");
  const bool chart_given = body->has("chart"), rules_given = body->has("rules");
  const auto chart = body->choice("chart", false, indicators::chart_type_from_string);
  const auto rules = body->choice("rules", false, indicators::rule_set_from_string);
  int expected = -1;
  body->version(expected);
  if (auto r = body->finish(); !r) return r.error();

  auto apply = [&](indicators::IndicatorDefinition& d, const indicators::IndicatorDefinition& shipped) {
    if (target) d.target = *target;
    if (alert) d.alert_threshold = *alert;
    if (chart_given) d.chart = chart.value_or(shipped.chart);
    if (rules_given) d.rules = rules.value_or(shipped.rules);
  };
  // The core rules that settings can break (a chart that does not fit the type, a target that is no number).
  auto check = [](const indicators::IndicatorDefinition& d) -> Result<void> {
    std::vector<FieldError> errors;
    for (auto& e : indicators::check_indicator(d))
      if (e.field == "chart" || e.field == "target" || e.field == "alertThreshold")
        errors.push_back(std::move(e));
    if (!errors.empty()) return Error::validation(std::move(errors));
    return {};
  };
  auto stale = [] {
    return Error::conflict("These settings were changed by someone else since you opened them.");
  };

  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto current = find_indicator(uow, code);
    if (!current) return current.error();
    if (current->retired) return Error::conflict(code + " is retired and can no longer be changed.");
    if (expected >= 0 && expected != current->version) return stale();
    const auto before = setting_audit_json(current->definition, current->version);
    if (const auto* shipped = indicators::catalogue_indicator(code)) {
      auto after = current->definition;
      apply(after, *shipped);
      if (auto r = check(after); !r) return r.error();
      store::IndicatorSetting setting;
      setting.indicator_code = code;
      setting.target = after.target;
      setting.alert_threshold = after.alert_threshold;
      // Kept only where it differs, so a later catalogue release can still improve the shipped choice.
      if (after.chart != shipped->chart) setting.chart = after.chart;
      if (after.rules != shipped->rules) setting.rules = after.rules;
      setting.version = current->version + 1;
      setting.updated_by = ctx.principal().user.id;
      setting.updated_at = ctx.now();
      if (auto r = uow.indicator_settings().save_setting(setting); !r) return r.error();
      return uow.audit().record(
          ctx.audit_event("update", "indicator_setting", code, "Changed the settings of indicator " + code,
                          before, setting_audit_json(after, setting.version), organisation_scope(ctx)),
          ctx.now());
    }
    auto stored = stored_custom(uow, code);
    if (!stored) return stored.error();
    auto after = *stored;
    apply(after.definition, stored->definition);
    if (auto r = check(after.definition); !r) return r.error();
    after.version = stored->version + 1;
    after.updated_at = ctx.now();
    auto updated = uow.indicator_settings().update_custom(after, stored->version);
    if (!updated) return updated.error();
    if (!*updated) return stale();
    return uow.audit().record(
        ctx.audit_event("update", "indicator_setting", code, "Changed the settings of indicator " + code,
                        before, setting_audit_json(after.definition, after.version), organisation_scope(ctx)),
        ctx.now());
  });
  if (!saved) return saved.error();
  return indicator_response(ctx, code, 200);
}

// The departments inside `scope` whose figures the caller may read.
std::vector<ScopeRef> readable_departments(const RequestContext& ctx, ScopeRef scope) {
  std::vector<ScopeRef> out;
  const auto policy = ctx.policy();
  for (const auto& site : ctx.org().sites)
    for (const auto& d : site.departments) {
      const ScopeRef department{ScopeType::department, d.id};
      if (ctx.org().contains(scope, department) && policy.allows(Permission::indicators_read, department))
        out.push_back(department);
    }
  return out;
}

// The workbench: a definition charted and compared over the caller's scope without being saved. A definition
// that does not read, or a chart that cannot be drawn, comes back as `errors` beside no chart, so the form
// can show them while the analyst types.
Result<Response> preview_indicator(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::indicators_read, "preview indicators"); !r) return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  if (!body->has("definition")) body->error("definition", "is required");
  const auto scope_param = scope_text(*body);
  const auto stratum = stratum_choice(*body);
  const auto options = chart_choice(*body);
  if (auto r = body->finish(); !r) return r.error();
  auto scope = read_scope(ctx, scope_param, Permission::indicators_read, "view indicators there");
  if (!scope) return scope.error();

  auto errors_json = [](const std::vector<FieldError>& errors) {
    auto out = json::array();
    for (const auto& e : errors) out.push_back({{"field", e.field}, {"message", e.message}});
    return out;
  };
  json out{{"chart", nullptr}, {"comparison", nullptr}, {"errors", json::array()}};
  auto reading = read_definition(body->at("definition"), false);
  if (!reading.errors.empty()) {
    out["errors"] = errors_json(reading.errors);
    return json_ok(out);
  }
  const auto shown = reading.definition;  // as the analyst wrote it, an empty code included
  auto counted = reading.definition;
  if (counted.code.empty()) counted.code = kPreviewCode;

  auto snapshot = ctx.app().indicator_data().snapshot(ctx.db());
  if (!snapshot) return snapshot.error();
  const auto today = day_number(std::chrono::floor<std::chrono::days>(ctx.now()));
  const int threshold = ctx.app().config().small_number_threshold;
  ChartRequest request;
  request.definition = &counted;
  request.scope = *scope;
  request.stratum = stratum;
  request.options.chart = options.chart;
  request.options.rules = options.rules;
  request.today = today;
  request.suppression_threshold = threshold;
  auto chart = compute_chart(ctx.app().indicator_data(), **snapshot, ctx.org(), request);
  if (!chart) {
    if (chart.error().kind != ErrorKind::validation) return chart.error();
    auto errors = chart.error().fields;
    if (errors.empty()) errors.push_back({"", chart.error().message});
    out["errors"] = errors_json(errors);
    return json_ok(out);
  }
  ChartView view;
  view.definition = &shown;
  view.chart = &chart->chart;
  view.periods = &chart->periods;
  view.scope = *scope;
  view.stratum = stratum;
  view.strata_available = chart->strata_available;
  out["chart"] = chart_json(ctx.org(), view);

  ComparisonRequest comparing;
  comparing.definition = &counted;
  comparing.scope = *scope;
  comparing.by = "department";
  comparing.visible_departments = readable_departments(ctx, *scope);
  comparing.today = today;
  comparing.suppression_threshold = threshold;
  // The funnel is a help beside the chart: a definition that charts but does not compare shows no funnel.
  if (auto compared = compute_comparison(ctx.app().indicator_data(), **snapshot, ctx.org(), comparing)) {
    ComparisonView cv;
    cv.definition = &shown;
    cv.comparison = &compared->comparison;
    cv.scope = *scope;
    cv.by = "department";
    cv.from = compared->from;
    cv.to = compared->to;
    cv.suppression_threshold = threshold;
    out["comparison"] = comparison_json(ctx.org(), cv);
  }
  return json_ok(out);
}

}  // namespace

void add_indicator_write_routes(Router& router) {
  router.add(Method::post, "/api/v1/indicators/preview", Access::signed_in, preview_indicator);
  router.add(Method::post, "/api/v1/indicators", Access::signed_in, create_indicator);
  router.add(Method::put, "/api/v1/indicators/{code}", Access::signed_in, update_indicator);
  router.add(Method::delete_, "/api/v1/indicators/{code}", Access::signed_in, retire_indicator);
  router.add(Method::put, "/api/v1/indicators/{code}/settings", Access::signed_in, save_settings);
}

}  // namespace hqms::http
