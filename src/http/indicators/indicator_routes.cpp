// Reading the quality indicators: the catalogue with the analysts' own, one indicator, its control chart over
// a scope (and stratum), and the comparison of departments, sites or demographic groups. Figures are counted
// over the part of the hospital the caller may read indicators for; strata with small numbers show none.
#include "http/indicators/indicator_chart_request.hpp"
#include "http/indicators/indicator_json.hpp"
#include "http/indicators/indicator_scope.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

Result<Response> list_indicators(RequestContext& ctx) {
  if (auto allowed = ctx.require_somewhere(Permission::indicators_read, "view quality indicators"); !allowed)
    return allowed.error();
  QueryReader query(ctx.req());
  const bool retired = query.boolean("retired").value_or(false);
  if (auto checked = query.finish(); !checked) return checked.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto all = all_indicators(**uow, retired);
  if (!all) return all.error();
  auto items = json::array();
  for (const auto& i : *all) items.push_back(indicator_json(i));
  return json_ok({{"items", std::move(items)}});
}

Result<Response> get_indicator(RequestContext& ctx) {
  if (auto allowed = ctx.require_somewhere(Permission::indicators_read, "view a quality indicator"); !allowed)
    return allowed.error();
  auto found = find_indicator(ctx.db(), ctx.param("code"));
  if (!found) return found.error();
  return json_ok(indicator_json(*found));
}

Result<Response> indicator_chart(RequestContext& ctx) {
  auto answer = chart_from_request(ctx, "view an indicator chart");
  if (!answer) return answer.error();
  return json_ok(chart_answer_json(ctx.org(), *answer));
}

// The departments inside `scope` the caller may read indicators for.
std::vector<ScopeRef> visible_departments(const RequestContext& ctx, ScopeRef scope) {
  std::vector<ScopeRef> out;
  const auto policy = ctx.policy();
  for (const auto& site : ctx.org().sites)
    for (const auto& d : site.departments) {
      const ScopeRef dept{ScopeType::department, d.id};
      if (ctx.org().contains(scope, dept) && policy.allows(Permission::indicators_read, dept))
        out.push_back(dept);
    }
  return out;
}

Result<Response> indicator_comparison(RequestContext& ctx) {
  auto scope = read_scope(ctx, ctx.req().query_value("scope"), Permission::indicators_read,
                          "compare an indicator across groups");
  if (!scope) return scope.error();
  QueryReader query(ctx.req());
  ComparisonRequest request;
  request.by = query.text("by", 40);
  if (request.by.empty()) request.by = "department";
  if (auto period = query.text("period", 20); !period.empty()) request.period = period;
  request.window = static_cast<std::size_t>(query.integer("window", 1, 120).value_or(12));
  if (auto checked = query.finish(); !checked) return checked.error();
  static constexpr std::string_view kBy[] = {"department", "site", "age_band", "sex", "ethnicity", "payer"};
  if (std::find(std::begin(kBy), std::end(kBy), request.by) == std::end(kBy))
    return Error::validation({{"by", "must be department, site, age_band, sex, ethnicity or payer"}},
                             "The query has invalid parameters.");
  auto indicator = find_indicator(ctx.db(), ctx.param("code"));
  if (!indicator) return indicator.error();
  request.definition = &indicator->definition;
  request.scope = *scope;
  request.visible_departments = visible_departments(ctx, *scope);
  request.today = today_of(ctx);
  request.suppression_threshold = ctx.app().config().small_number_threshold;
  auto snapshot = ctx.app().indicator_data().snapshot(ctx.db());
  if (!snapshot) return snapshot.error();
  auto computed = compute_comparison(ctx.app().indicator_data(), **snapshot, ctx.org(), request);
  if (!computed) return computed.error();
  ComparisonView view;
  view.definition = &indicator->definition;
  view.comparison = &computed->comparison;
  view.scope = *scope;
  view.by = request.by;
  view.from = computed->from;
  view.to = computed->to;
  view.suppression_threshold = request.suppression_threshold;
  return json_ok(comparison_json(ctx.org(), view));
}

}  // namespace

void add_indicator_routes(Router& router) {
  router.add(Method::get, "/api/v1/indicators", Access::signed_in, list_indicators);
  router.add(Method::get, "/api/v1/indicators/{code}", Access::signed_in, get_indicator);
  router.add(Method::get, "/api/v1/indicators/{code}/chart", Access::signed_in, indicator_chart);
  router.add(Method::get, "/api/v1/indicators/{code}/comparison", Access::signed_in, indicator_comparison);
}

}  // namespace hqms::http
