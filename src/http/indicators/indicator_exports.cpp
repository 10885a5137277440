// What leaves HQMS about an indicator: the series a chart shows as CSV, and a FHIR R4 MeasureReport
// (summary, with strata) for one period, the form other systems and regulators read. Both follow the chart's
// scope rule, and a stratum with small numbers shows no counts in either.
#include <charconv>
#include <cmath>

#include "core/common/timestamp.hpp"
#include "http/indicators/indicator_chart_request.hpp"
#include "http/indicators/indicator_scope.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

std::string number_text(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return "";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *v);
  return ec == std::errc{} ? std::string(buffer, end) : std::string();
}

std::string file_part(ScopeRef scope) {
  return scope.type == ScopeType::organisation
             ? "organisation"
             : std::string(to_string(scope.type)) + "-" + std::to_string(scope.id);
}

Result<Response> series_csv(RequestContext& ctx) {
  auto answer = chart_from_request(ctx, "export an indicator series");
  if (!answer) return answer.error();
  const auto& c = answer->computed.chart;
  const auto& axis = answer->computed.periods;
  const bool has_denominator = answer->indicator.definition.denominator.has_value();
  std::string body = "period,start,end,numerator,denominator,value,centre,lower,upper,signal\r\n";
  for (std::size_t i = 0; i < c.result.points.size(); ++i) {
    const auto& p = c.result.points[i];
    const auto& source = c.source[i];
    const bool hidden = i < answer->computed.suppressed.size() && answer->computed.suppressed[i];
    std::string signal;
    for (const auto& s : c.signals)
      if (s.point == i) signal = s.rule + " (" + s.reading + ")";
    body += c.periods[i] + "," + day_text(axis.start(source.period)) + "," +
            day_text(axis.end(source.period)) + ",";
    body += (hidden ? "" : number_text(source.numerator)) + ",";
    body += (hidden || !has_denominator ? "" : number_text(source.denominator)) + ",";
    body += (hidden ? "" : number_text(p.value)) + ",";
    body += number_text(p.centre) + ",";
    body += (hidden ? "" : number_text(p.lower)) + ",";
    body += (hidden ? "" : number_text(p.upper)) + ",";
    body += signal + "\r\n";
  }
  auto res = text_response(200, std::move(body), "text/csv; charset=utf-8");
  res.set(boost::beast::http::field::content_disposition, "attachment; filename=\"" +
                                                              answer->indicator.definition.code + "-" +
                                                              file_part(answer->scope) + ".csv\"");
  return res;
}

json coding(std::string_view system, std::string_view code) {
  return {{"coding", json::array({{{"system", system}, {"code", code}}})}};
}

constexpr std::string_view kPopulationSystem = "http://terminology.hl7.org/CodeSystem/measure-population";

// FHIR population counts are integers; sums of days are rounded, the score keeps the exact value.
json populations(const indicators::IndicatorDefinition& d, double numerator, double denominator) {
  auto out = json::array();
  out.push_back({{"code", coding(kPopulationSystem, "numerator")}, {"count", std::llround(numerator)}});
  if (d.denominator)
    out.push_back({{"code", coding(kPopulationSystem, "denominator")}, {"count", std::llround(denominator)}});
  return out;
}

json score(const indicators::IndicatorDefinition& d, std::optional<double> value) {
  json out{{"unit", d.unit_label}};
  if (value && std::isfinite(*value)) out["value"] = *value;
  return out;
}

Result<Response> measure_report(RequestContext& ctx) {
  auto scope =
      read_scope(ctx, ctx.req().query_value("scope"), Permission::indicators_read, "export a measure report");
  if (!scope) return scope.error();
  QueryReader query(ctx.req());
  const auto period = query.text("period", 20);
  if (auto checked = query.finish(); !checked) return checked.error();
  auto indicator = find_indicator(ctx.db(), ctx.param("code"));
  if (!indicator) return indicator.error();
  const auto& d = indicator->definition;
  const auto resolution = indicators::resolution_of(d.period);
  auto snapshot = ctx.app().indicator_data().snapshot(ctx.db());
  if (!snapshot) return snapshot.error();
  indicators::DayNumber start = 0;
  if (!period.empty()) {
    auto parsed = parse_period_start(resolution, period);
    if (!parsed)
      return Error::validation({{"period", "is not a period of this indicator (e.g. 2026-10)"}},
                               "The query has invalid parameters.");
    start = *parsed;
  } else if (auto window = default_window(**snapshot, d, resolution, today_of(ctx), 1)) {
    start = window->from;
  } else {
    const auto today = today_of(ctx);
    const auto current = indicators::period_axis(resolution, today, today).first_day;
    start = indicators::period_axis(resolution, current - 1, current - 1).first_day;
  }
  const auto end = indicators::period_axis(resolution, start, start).end(0);

  CountRequest counting;
  counting.indicators = {d};
  counting.from = start;
  counting.to = end;
  for (const auto& s : d.strata)
    if (s != "site" && s != "department") counting.strata.push_back(s);
  counting.resolution = resolution;
  auto counts = count_indicators(ctx.app().indicator_data(), **snapshot, counting);
  if (!counts) return counts.error();
  const auto& cubes = (*counts)->cubes;
  const auto units = units_in_scope(cubes, ctx.org(), *scope);
  auto sum = [&](const indicators::IndicatorCube& cube, std::optional<std::size_t> stratum) {
    std::pair<double, double> total{0, 0};
    for (const auto& p : scope_series(cube, units, stratum))
      total.first += p.numerator, total.second += p.denominator;
    return total;
  };

  json group{{"population", json::array()}, {"stratifier", json::array()}};
  if (const auto* cube = cubes.find(d.code, "")) {
    // A median is not a ratio of sums: its score is the period's median from the engine.
    auto points = scope_series(*cube, units, std::nullopt);
    auto [n, den] = sum(*cube, std::nullopt);
    group["population"] = populations(d, n, den);
    group["measureScore"] = score(d, points.empty() ? std::nullopt : points.front().value);
  }
  const indicators::SuppressionRule suppression{ctx.app().config().small_number_threshold};
  for (const auto& dimension : counting.strata) {
    const auto* cube = cubes.find(d.code, dimension);
    if (!cube) continue;
    std::vector<indicators::GroupCount> groups;
    std::vector<std::optional<double>> values;
    for (std::size_t s = 0; s < cube->strata.size(); ++s) {
      auto [n, den] = sum(*cube, s);
      if (n == 0 && den == 0) continue;  // a value seen only outside the scope: no stratum here
      groups.push_back({cube->strata[s], cube->strata[s], n, den});
      auto points = scope_series(*cube, units, s);
      values.push_back(points.empty() ? std::nullopt : points.front().value);
    }
    // The same suppression as the equity panel, complementary cells included.
    auto compared = indicators::compare_groups(d, groups, suppression);
    auto strata = json::array();
    for (std::size_t s = 0; s < groups.size(); ++s) {
      bool hidden = false;
      if (compared) {
        for (const auto& g : compared->groups)
          if (g.key == groups[s].key) hidden = g.suppressed;
      } else {
        hidden = suppression.threshold > 0 &&
                 ((groups[s].numerator > 0 && groups[s].numerator < suppression.threshold) ||
                  (d.denominator && groups[s].denominator < suppression.threshold));
      }
      json stratum{{"value", {{"text", groups[s].key.empty() ? "unknown" : groups[s].key}}}};
      if (!hidden) {
        stratum["population"] = populations(d, groups[s].numerator, groups[s].denominator);
        stratum["measureScore"] = score(d, values[s]);
      }
      strata.push_back(std::move(stratum));
    }
    group["stratifier"].push_back(
        {{"code", json::array({{{"text", dimension}}})}, {"stratum", std::move(strata)}});
  }

  json report{{"resourceType", "MeasureReport"},
              {"status", "complete"},
              {"type", "summary"},
              {"measure", "https://hqms.example.org/fhir/Measure/" + d.code},
              {"date", format_iso(ctx.now())},
              {"period", {{"start", day_text(start)}, {"end", day_text(end)}}},
              {"reporter", {{"display", scope_name(ctx.org(), *scope)}}},
              {"improvementNotation",
               coding("http://terminology.hl7.org/CodeSystem/measure-improvement-notation",
                      d.direction == indicators::Direction::higher_is_better ? "increase" : "decrease")},
              {"group", json::array({std::move(group)})}};
  auto res = text_response(200, report.dump(), "application/fhir+json");
  res.set(boost::beast::http::field::content_disposition,
          "attachment; filename=\"" + d.code + "-" +
              indicators::period_axis(resolution, start, start).label(0) + "-measure-report.json\"");
  return res;
}

}  // namespace

void add_indicator_export_routes(Router& router) {
  router.add(Method::get, "/api/v1/indicators/{code}/series.csv", Access::signed_in, series_csv);
  router.add(Method::get, "/api/v1/indicators/{code}/measure-report", Access::signed_in, measure_report);
}

}  // namespace hqms::http
