// Numbers travel as JSON numbers or null: NaN (no value plotted, as on the first moving range) and absent
// limits both become null, so the browser never meets a NaN it cannot parse.
#include "http/indicators/indicator_json.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "core/common/timestamp.hpp"
#include "core/indicators/definition_json.hpp"
#include "http/indicators/indicator_scope.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

json number_or_null(std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return nullptr;
  return *v;
}

std::string_view kind_text(indicators::ChartAnnotation::Kind kind) {
  switch (kind) {
    case indicators::ChartAnnotation::Kind::process_change:
      return "process_change";
    case indicators::ChartAnnotation::Kind::exclusion:
      return "exclusion";
    case indicators::ChartAnnotation::Kind::baseline:
      return "baseline";
  }
  return "";
}

// The contract's short names for a point's reading ("concern", not core's "special_cause_concern").
std::string_view point_variation_text(spc::PointVariation v) {
  switch (v) {
    case spc::PointVariation::common_cause:
      return "common_cause";
    case spc::PointVariation::improvement:
      return "improvement";
    case spc::PointVariation::concern:
      return "concern";
    case spc::PointVariation::neutral_high:
      return "neutral_high";
    case spc::PointVariation::neutral_low:
      return "neutral_low";
  }
  return "common_cause";
}

// The annotation of `kind` at `period` in the chart's annotation list, for its reason.
json reason_at(const json& annotations, std::string_view kind, const std::string& period) {
  for (const auto& a : annotations)
    if (a.value("kind", "") == kind && a.value("period", "") == period) return a.value("reason", "");
  return nullptr;
}

}  // namespace

std::string day_text(indicators::DayNumber day) {
  return format_date(Timestamp(std::chrono::sys_days(std::chrono::days(day))));
}

json indicator_brief_json(const indicators::IndicatorDefinition& d) {
  return {{"code", d.code},
          {"name", d.name},
          {"unitLabel", d.unit_label},
          {"direction", indicators::to_string(d.direction)},
          {"target", number_or_null(d.target)},
          {"type", indicators::to_string(d.type)},
          {"per", d.per}};
}

json indicator_json(const ResolvedIndicator& indicator) {
  auto out = indicators::definition_json(indicator.definition);
  out["version"] = indicator.version;
  out["retired"] = indicator.retired;
  return out;
}

json indicator_scope_json(const Organisation& org, ScopeRef scope) {
  return {{"type", to_string(scope.type)},
          {"id", scope.type == ScopeType::organisation ? json(nullptr) : json(scope.id)},
          {"name", scope_name(org, scope)}};
}

json annotation_json(const Organisation& org, const store::StoredAnnotation& a,
                     const std::map<Id, std::string>& names) {
  auto name = names.find(a.created_by);
  return {
      {"id", a.id},
      {"kind", kind_text(a.annotation.kind)},
      {"period", a.annotation.period},
      {"reason", a.annotation.reason},
      {"baselinePoints", a.annotation.baseline_points ? json(*a.annotation.baseline_points) : json(nullptr)},
      {"scope", {{"type", to_string(a.scope.type)}, {"id", a.scope.id}, {"name", scope_name(org, a.scope)}}},
      {"createdBy", {{"id", a.created_by}, {"displayName", name == names.end() ? "" : name->second}}},
      {"createdAt", format_iso(a.created_at)}};
}

std::string_view assurance_text(spc::AssuranceIcon icon) {
  switch (icon) {
    case spc::AssuranceIcon::none:
      return "none";
    case spc::AssuranceIcon::consistently_met:
      return "consistently_met";
    case spc::AssuranceIcon::consistently_failed:
      return "consistently_failed";
    case spc::AssuranceIcon::hit_and_miss:
      return "hit_and_miss";
  }
  return "none";
}

json point_signal_json(const indicators::IndicatorChart& chart, std::size_t point) {
  for (const auto& s : chart.signals)
    if (s.point == point) return {{"rule", s.rule}, {"reading", s.reading}};
  return nullptr;
}

json chart_json(const Organisation& org, const ChartView& view) {
  const auto& d = *view.definition;
  const auto& c = *view.chart;
  const auto& axis = *view.periods;
  const bool has_denominator = d.denominator.has_value();
  auto points = json::array();
  for (std::size_t i = 0; i < c.result.points.size(); ++i) {
    const auto& p = c.result.points[i];
    const auto& source = c.source[i];
    const bool hidden = i < view.suppressed.size() && view.suppressed[i];
    const auto& label = c.periods[i];
    json point{
        {"period", label},
        {"start", day_text(axis.start(source.period))},
        {"end", day_text(axis.end(source.period))},
        {"numerator", hidden ? json(nullptr) : json(source.numerator)},
        {"denominator", hidden || !has_denominator ? json(nullptr) : json(source.denominator)},
        {"value", hidden ? json(nullptr) : number_or_null(p.value)},
        {"centre", number_or_null(p.centre)},
        {"lower", hidden ? json(nullptr) : number_or_null(p.lower)},
        {"upper", hidden ? json(nullptr) : number_or_null(p.upper)},
        {"lower2Sigma", hidden ? json(nullptr) : number_or_null(p.lower_2sigma)},
        {"upper2Sigma", hidden ? json(nullptr) : number_or_null(p.upper_2sigma)},
        {"phase", p.phase},
        {"excluded", p.excluded},
        {"exclusionReason", p.excluded ? reason_at(view.annotations, "exclusion", label) : json(nullptr)},
        {"inBaseline", p.in_baseline},
        {"suppressed", hidden},
        {"signal", point_signal_json(c, i)},
        {"variation", point_variation_text(i < c.point_classes.size() ? c.point_classes[i].variation
                                                                      : spc::PointVariation::common_cause)}};
    points.push_back(std::move(point));
  }
  auto phases = json::array();
  for (const auto& phase : c.result.phases) {
    if (phase.begin >= c.periods.size() || phase.end == 0) continue;
    const auto& begin = c.periods[phase.begin];
    phases.push_back(
        {{"begin", begin},
         {"end", c.periods[std::min(phase.end, c.periods.size()) - 1]},
         {"reason", phase.begin == 0 ? json(nullptr) : reason_at(view.annotations, "process_change", begin)},
         {"longestRun", phase.runs.longest_run},
         {"longestRunMax", phase.runs.longest_run_max},
         {"crossings", phase.runs.crossings},
         {"crossingsMin", phase.runs.crossings_min},
         {"runsSignal", phase.runs.signal}});
  }
  auto signals = json::array();
  for (const auto& s : c.signals)
    signals.push_back({{"period", c.periods[s.point]}, {"rule", s.rule}, {"reading", s.reading}});
  return {
      {"indicator", indicator_brief_json(d)},
      {"scope", indicator_scope_json(org, view.scope)},
      {"stratum", view.stratum ? json{{"dimension", view.stratum->dimension}, {"value", view.stratum->value}}
                               : json(nullptr)},
      {"chart", indicators::to_string(c.chart)},
      {"rules", indicators::to_string(c.rules)},
      {"periodUnit", indicators::to_string(d.period)},
      {"points", std::move(points)},
      {"phases", std::move(phases)},
      {"signals", std::move(signals)},
      {"variation", spc::to_string(c.variation)},
      {"variationLabel", spc::label(c.variation)},
      {"assurance", assurance_text(c.assurance)},
      {"assuranceLabel", spc::label(c.assurance)},
      {"warnings", c.warnings},
      {"annotations", view.annotations},
      {"strataAvailable", view.strata_available}};
}

json comparison_json(const Organisation& org, const ComparisonView& view) {
  const auto& cmp = *view.comparison;
  auto groups = json::array();
  for (const auto& g : cmp.groups)
    groups.push_back({{"key", g.key},
                      {"label", g.label},
                      {"suppressed", g.suppressed},
                      {"numerator", number_or_null(g.numerator)},
                      {"denominator", number_or_null(g.denominator)},
                      {"value", number_or_null(g.value)},
                      {"lower95", number_or_null(g.lower_95)},
                      {"upper95", number_or_null(g.upper_95)},
                      {"lower998", number_or_null(g.lower_998)},
                      {"upper998", number_or_null(g.upper_998)},
                      {"outside95", g.outside_95},
                      {"outside998", g.outside_998}});
  auto text_or_null = [](const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); };
  return {{"indicator", indicator_brief_json(*view.definition)},
          {"scope", indicator_scope_json(org, view.scope)},
          {"by", view.by},
          {"periods", {{"from", view.from}, {"to", view.to}}},
          {"overall", number_or_null(cmp.overall)},
          {"best", text_or_null(cmp.best)},
          {"worst", text_or_null(cmp.worst)},
          {"gap", number_or_null(cmp.gap)},
          {"ratio", number_or_null(cmp.ratio)},
          {"suppressionThreshold", view.suppression_threshold},
          {"groups", std::move(groups)}};
}

}  // namespace hqms::http
