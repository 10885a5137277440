// The quality dashboards: every indicator of the catalogue (and the analysts' own) by IOM domain, each with
// its latest value, target, Making Data Count icons and a sparkline, over the organisation, a site or a
// department. All indicators are counted together in one pass of the engine (kept per data version), so a
// dashboard costs the drawing of its charts, not the counting.
#include <algorithm>

#include "http/indicators/indicator_chart_request.hpp"
#include "http/indicators/indicator_scope.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

using indicators::DayNumber;
using nlohmann::json;

constexpr std::size_t kChartPeriods = 36;
constexpr std::size_t kSparklinePeriods = 24;

json number_or_null(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}

struct IndicatorPlan {
  ResolvedIndicator indicator;
  std::vector<indicators::ChartAnnotation> annotations;
  std::vector<Id> annotation_ids;
  std::optional<ChartWindow> window;
};

struct Tile {
  json doc;
  bool concern = false;
};

bool worse_than(const indicators::IndicatorDefinition& d, double value, double threshold) {
  return d.direction == indicators::Direction::lower_is_better ? value > threshold : value < threshold;
}

// The window's part of a cube's series over the scope's units.
SeriesSlice window_of(const indicators::IndicatorCube& cube, const std::vector<std::size_t>& units,
                      const ChartWindow& window) {
  auto series = scope_series(cube, units, std::nullopt);
  const auto first = cube.periods.index_of(window.from).value_or(0);
  const auto last =
      cube.periods.index_of(window.to).value_or(cube.periods.count == 0 ? 0 : cube.periods.count - 1);
  return slice_series(cube.periods, series, first, last + 1 - first);
}

Tile tile_of(const IndicatorPlan& plan, const IndicatorCounts* counts, const IndicatorCounts* daily,
             const Organisation& org, ScopeRef scope) {
  const auto& d = plan.indicator.definition;
  std::optional<indicators::IndicatorChart> chart;
  json current = nullptr;
  auto sparkline = json::array();
  if (counts && plan.window) {
    if (const auto* cube = counts->cubes.find(d.code)) {
      const auto units = units_in_scope(counts->cubes, org, scope);
      auto periods = window_of(*cube, units, *plan.window);
      if (!periods.points.empty()) {
        const auto& last = periods.points.back();
        current = {{"period", periods.periods.label(last.period)},
                   {"value", number_or_null(last.value)},
                   {"numerator", last.numerator},
                   {"denominator", d.denominator ? json(last.denominator) : json(nullptr)}};
      }
      const auto from =
          periods.points.size() > kSparklinePeriods ? periods.points.size() - kSparklinePeriods : 0;
      for (std::size_t i = from; i < periods.points.size(); ++i)
        sparkline.push_back({{"period", periods.periods.label(periods.points[i].period)},
                             {"value", number_or_null(periods.points[i].value)}});
      indicators::ChartOptions options;
      options.annotations = plan.annotations;
      if (indicators::needs_daily_series(d.chart)) {
        if (daily)
          if (const auto* days = daily->cubes.find(d.code)) {
            auto slice = window_of(*days, units_in_scope(daily->cubes, org, scope), *plan.window);
            if (auto drawn = indicators::indicator_chart(d, slice.periods, slice.points, options))
              chart = std::move(*drawn);
          }
      } else if (auto drawn = indicators::indicator_chart(d, periods.periods, periods.points, options)) {
        chart = std::move(*drawn);
      }
    }
  }
  Tile tile;
  const auto variation = chart ? chart->variation : spc::VariationIcon::common_cause;
  const auto assurance = chart ? chart->assurance : spc::AssuranceIcon::none;
  json signal = nullptr;
  bool latest_concern = false;
  if (chart && !chart->periods.empty()) {
    const auto last = chart->periods.size() - 1;
    if (auto s = point_signal_json(*chart, last); !s.is_null())
      signal = {{"period", chart->periods[last]}, {"rule", s["rule"]}, {"reading", s["reading"]}};
    latest_concern = last < chart->point_classes.size() &&
                     chart->point_classes[last].variation == spc::PointVariation::concern;
  }
  bool alert = false;
  if (d.alert_threshold && current.is_object() && current["value"].is_number())
    alert = worse_than(d, current["value"].get<double>(), *d.alert_threshold);
  tile.concern = alert || latest_concern || variation == spc::VariationIcon::concern_high ||
                 variation == spc::VariationIcon::concern_low;
  tile.doc = {{"code", d.code},
              {"name", d.name},
              {"unitLabel", d.unit_label},
              {"type", indicators::to_string(d.type)},
              {"direction", indicators::to_string(d.direction)},
              {"target", number_or_null(d.target)},
              {"current", std::move(current)},
              {"variation", spc::to_string(variation)},
              {"variationLabel", spc::label(variation)},
              {"assurance", assurance_text(assurance)},
              {"assuranceLabel", spc::label(assurance)},
              {"alert", alert},
              {"signal", std::move(signal)},
              {"sparkline", std::move(sparkline)}};
  return tile;
}

// What the caller may open from here: every site and department they may read indicators for.
json drill_json(const RequestContext& ctx) {
  const auto policy = ctx.policy();
  auto sites = json::array();
  auto departments = json::array();
  for (const auto& site : ctx.org().sites) {
    if (policy.allows(Permission::indicators_read, {ScopeType::site, site.id}))
      sites.push_back({{"id", site.id}, {"name", site.name}});
    for (const auto& d : site.departments)
      if (policy.allows(Permission::indicators_read, {ScopeType::department, d.id}))
        departments.push_back({{"id", d.id}, {"name", d.name}, {"siteId", site.id}});
  }
  return {{"sites", std::move(sites)}, {"departments", std::move(departments)}};
}

// The latest complete month with any data, as the dashboard's "as of".
std::string as_of(const IndicatorSnapshot& snapshot, DayNumber today) {
  const auto month = indicators::Resolution::month;
  DayNumber last = indicators::period_axis(month, today, today).first_day - 1;
  DayNumber latest_data = last;
  bool any = false;
  for (const auto& [source, extent] : snapshot.extents) {
    latest_data = any ? std::max(latest_data, extent.last) : extent.last;
    any = true;
  }
  if (any) last = std::min(last, latest_data);
  return indicators::period_axis(month, last, last).label(0);
}

// Everything the tiles depend on besides the data: the day, the scope, and each indicator's definition state
// (its version moves with every definition or settings change), chart choices and annotations.
std::string tiles_key(const std::vector<IndicatorPlan>& plans, ScopeRef scope, DayNumber today) {
  std::string key =
      std::to_string(today) + "|" + std::string(to_string(scope.type)) + ":" + std::to_string(scope.id);
  for (const auto& plan : plans) {
    const auto& d = plan.indicator.definition;
    key += "|" + d.code + ":" + std::to_string(plan.indicator.version) + ":" +
           std::string(indicators::to_string(d.chart)) + ":" + std::string(indicators::to_string(d.rules)) +
           ":" + (d.target ? std::to_string(*d.target) : "-") + ":" +
           (d.alert_threshold ? std::to_string(*d.alert_threshold) : "-");
    for (auto id : plan.annotation_ids) key += ":" + std::to_string(id);
  }
  return key;
}

// The tiles of every domain and the codes of concern: all the dashboard computes.
Result<json> dashboard_tiles(RequestContext& ctx, const IndicatorSnapshot& snapshot,
                             std::vector<IndicatorPlan>& plans, ScopeRef scope, DayNumber today) {
  // Every indicator over one span, each at its own period; the g and t charts again by day.
  CountRequest periods, days;
  for (auto& plan : plans) {
    const auto& d = plan.indicator.definition;
    plan.window = default_window(snapshot, d, indicators::resolution_of(d.period), today, kChartPeriods);
    if (!plan.window) continue;
    for (auto* request : {&periods, &days}) {
      if (request == &days && !indicators::needs_daily_series(d.chart)) continue;
      request->from =
          request->indicators.empty() ? plan.window->from : std::min(request->from, plan.window->from);
      request->to = request->indicators.empty() ? plan.window->to : std::max(request->to, plan.window->to);
      request->indicators.push_back(d);
    }
  }
  days.resolution = indicators::Resolution::day;
  std::shared_ptr<const IndicatorCounts> period_counts, day_counts;
  if (!periods.indicators.empty()) {
    auto counted = count_indicators(ctx.app().indicator_data(), snapshot, periods);
    if (!counted) return counted.error();
    period_counts = *counted;
  }
  if (!days.indicators.empty()) {
    auto counted = count_indicators(ctx.app().indicator_data(), snapshot, days);
    if (!counted) return counted.error();
    day_counts = *counted;
  }

  auto domains = json::array();
  auto concerns = json::array();
  for (auto domain : indicators::all_iom_domains()) {
    auto tiles = json::array();
    for (const auto& plan : plans) {
      if (plan.indicator.definition.domain != domain) continue;
      auto tile = tile_of(plan, period_counts.get(), day_counts.get(), ctx.org(), scope);
      if (tile.concern) concerns.push_back(plan.indicator.definition.code);
      tiles.push_back(std::move(tile.doc));
    }
    domains.push_back({{"domain", indicators::to_string(domain)},
                       {"label", indicators::label(domain)},
                       {"indicators", std::move(tiles)}});
  }
  return json{{"domains", std::move(domains)}, {"concerns", std::move(concerns)}};
}

Result<json> dashboard(RequestContext& ctx, ScopeRef scope, bool with_concerns) {
  std::vector<IndicatorPlan> plans;
  {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto all = all_indicators(**uow, false);
    if (!all) return all.error();
    for (auto& indicator : *all) {
      auto notes = (*uow)->indicator_settings().list_annotations(indicator.definition.code, scope);
      if (!notes) return notes.error();
      IndicatorPlan plan{std::move(indicator), {}, {}, std::nullopt};
      for (auto& n : *notes) {
        plan.annotations.push_back(std::move(n.annotation));
        plan.annotation_ids.push_back(n.id);
      }
      plans.push_back(std::move(plan));
    }
  }
  auto snapshot = ctx.app().indicator_data().snapshot(ctx.db());
  if (!snapshot) return snapshot.error();
  const auto today = today_of(ctx);
  auto& cache = ctx.app().indicator_data();
  const auto key = tiles_key(plans, scope, today);
  auto tiles = cache.find_document((*snapshot)->version, key);
  if (!tiles) {
    auto drawn = dashboard_tiles(ctx, **snapshot, plans, scope, today);
    if (!drawn) return drawn.error();
    tiles = std::make_shared<const json>(std::move(*drawn));
    cache.keep_document((*snapshot)->version, key, tiles);
  }
  json out{{"scope", indicator_scope_json(ctx.org(), scope)},
           {"asOf", as_of(**snapshot, today)},
           {"drill", drill_json(ctx)},
           {"domains", (*tiles)["domains"]}};
  if (with_concerns) out["concerns"] = (*tiles)["concerns"];
  return out;
}

Result<Response> executive_dashboard(RequestContext& ctx) {
  auto scope = read_scope(ctx, ctx.req().query_value("scope"), Permission::indicators_read,
                          "view the quality dashboard");
  if (!scope) return scope.error();
  auto out = dashboard(ctx, *scope, false);
  if (!out) return out.error();
  return json_ok(*out);
}

Result<Response> department_dashboard(RequestContext& ctx) {
  auto id = ctx.id_param("departmentId");
  if (!id) return id.error();
  if (!ctx.org().department(*id)) return Error::not_found("No department has this id.");
  const ScopeRef scope{ScopeType::department, *id};
  if (auto allowed = ctx.require(Permission::indicators_read, scope, "view a department's quality dashboard");
      !allowed)
    return allowed.error();
  auto out = dashboard(ctx, scope, true);
  if (!out) return out.error();
  return json_ok(*out);
}

}  // namespace

void add_dashboard_routes(Router& router) {
  router.add(Method::get, "/api/v1/dashboards/executive", Access::signed_in, executive_dashboard);
  router.add(Method::get, "/api/v1/dashboards/department/{departmentId}", Access::signed_in,
             department_dashboard);
}

}  // namespace hqms::http
