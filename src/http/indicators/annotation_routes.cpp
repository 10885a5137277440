// What an analyst records on a chart: a process change (limits are worked out again from that point), a
// period excluded from the limits, or a baseline the limits are frozen on, each with its reason. Annotations
// belong to one indicator's chart over one scope, so the emergency department's new triage process does not
// split the organisation's chart; recording one takes indicators.manage over that scope.
#include "http/indicators/chart_body.hpp"
#include "http/indicators/indicator_chart_request.hpp"
#include "http/indicators/indicator_computation.hpp"
#include "http/indicators/indicator_json.hpp"
#include "http/indicators/indicator_lookup.hpp"
#include "http/indicators/indicator_scope.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;
using Kind = indicators::ChartAnnotation::Kind;

constexpr std::size_t kReasonMax = 1000;

std::optional<Kind> kind_from_string(std::string_view text) {
  if (text == "process_change") return Kind::process_change;
  if (text == "exclusion") return Kind::exclusion;
  if (text == "baseline") return Kind::baseline;
  return std::nullopt;
}

std::string_view period_example(indicators::PeriodUnit unit) {
  switch (unit) {
    case indicators::PeriodUnit::week:
      return "such as 2026-W07";
    case indicators::PeriodUnit::month:
      return "such as 2026-10";
    case indicators::PeriodUnit::quarter:
      return "such as 2026-Q3";
  }
  return "";
}

Result<json> annotation_reply(RequestContext& ctx, store::UnitOfWork& uow, const store::StoredAnnotation& a) {
  auto names = uow.users().display_names({a.created_by});
  if (!names) return names.error();
  return annotation_json(ctx.org(), a, *names);
}

Result<Response> list_annotations(RequestContext& ctx) {
  auto scope =
      read_scope(ctx, ctx.req().query_value("scope"), Permission::indicators_read, "view indicators there");
  if (!scope) return scope.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto indicator = find_indicator(**uow, ctx.param("code"));
  if (!indicator) return indicator.error();
  auto annotations = scope_annotations(**uow, ctx.org(), indicator->definition.code, *scope);
  if (!annotations) return annotations.error();
  return json_ok({{"items", std::move(annotations->json)}});
}

Result<Response> add_annotation(RequestContext& ctx) {
  const auto& code = ctx.param("code");
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  const auto scope_param = scope_text(*body);
  store::StoredAnnotation a;
  a.indicator_code = code;
  a.annotation.kind = body->choice("kind", true, kind_from_string).value_or(Kind::process_change);
  a.annotation.period = body->string("period", true, 20).value_or("");
  a.annotation.reason = body->string("reason", true, kReasonMax).value_or("");
  if (body->has("reason") && a.annotation.reason.find_first_not_of(" \t\r\n") == std::string::npos &&
      body->at("reason").is_string())
    body->error("reason", "is required");
  if (body->has("baselinePoints") && !body->at("baselinePoints").is_null()) {
    const auto& points = body->at("baselinePoints");
    if (!points.is_number_integer() || points.get<long long>() < 2 || points.get<long long>() > 1000)
      body->error("baselinePoints", "must be a number of points from 2 to 1000");
    else if (a.annotation.kind != Kind::baseline)
      body->error("baselinePoints", "belongs to a baseline only");
    else
      a.annotation.baseline_points = points.get<std::size_t>();
  } else if (a.annotation.kind == Kind::baseline) {
    body->error("baselinePoints", "is required for a baseline");
  }
  if (auto r = body->finish(); !r) return r.error();
  auto scope = read_scope(ctx, scope_param, Permission::indicators_manage, "annotate indicator charts there");
  if (!scope) return scope.error();
  a.scope = *scope;
  a.created_by = ctx.principal().user.id;
  a.created_at = ctx.now();

  auto created = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<json> {
    auto indicator = find_indicator(uow, code);
    if (!indicator) return indicator.error();
    if (indicator->retired) return Error::conflict(code + " is retired and can no longer be annotated.");
    // A period of the indicator's own unit ("2026-10", "2026-Q3", "2026-W07"), or a day for the event
    // charts (g, t), whose points are days.
    const auto resolution = indicators::resolution_of(indicator->definition.period);
    if (!parse_period_start(resolution, a.annotation.period))
      return Error::validation({{"period", "must be a period of this indicator (" +
                                               std::string(period_example(indicator->definition.period)) +
                                               ") or a day (YYYY-MM-DD)"}});
    auto id = uow.indicator_settings().insert_annotation(a);
    if (!id) return id.error();
    auto stored = a;
    stored.id = *id;
    auto out = annotation_reply(ctx, uow, stored);
    if (!out) return out.error();
    auto logged = uow.audit().record(
        ctx.audit_event("create", "spc_annotation", std::to_string(*id),
                        "Annotated " + code + " at " + a.annotation.period + ": " + a.annotation.reason,
                        nullptr, *out, a.scope),
        ctx.now());
    if (!logged) return logged.error();
    return out;
  });
  if (!created) return created.error();
  return json_ok(*created, 201);
}

Result<Response> delete_annotation(RequestContext& ctx) {
  const auto& code = ctx.param("code");
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  Refusal refused;
  auto deleted = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    refused.what.reset();
    auto found = uow.indicator_settings().find_annotation(*id);
    if (!found) return found.error();
    if (!*found || (*found)->indicator_code != code) return Error::not_found("There is no such annotation.");
    const auto& a = **found;
    if (!ctx.policy().allows(Permission::indicators_manage, a.scope))
      return refused.refuse("remove annotations of indicator charts there", a.scope);
    auto before = annotation_reply(ctx, uow, a);
    if (!before) return before.error();
    if (auto r = uow.indicator_settings().delete_annotation(*id); !r) return r.error();
    return uow.audit().record(
        ctx.audit_event("delete", "spc_annotation", std::to_string(*id),
                        "Removed the annotation of " + code + " at " + a.annotation.period, *before, nullptr,
                        a.scope),
        ctx.now());
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!deleted) return deleted.error();
  return empty_response(204);
}

}  // namespace

void add_indicator_annotation_routes(Router& router) {
  router.add(Method::get, "/api/v1/indicators/{code}/annotations", Access::signed_in, list_annotations);
  router.add(Method::post, "/api/v1/indicators/{code}/annotations", Access::signed_in, add_annotation);
  router.add(Method::delete_, "/api/v1/indicators/{code}/annotations/{id}", Access::signed_in,
             delete_annotation);
}

}  // namespace hqms::http
