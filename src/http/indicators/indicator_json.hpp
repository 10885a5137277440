#pragma once
// How indicators look on the wire (docs/openapi.yaml: Indicator, IndicatorChart, GroupComparison,
// IndicatorAnnotation): the definition with its settings, a control chart with its Making Data Count reading,
// and a comparison of groups.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/indicators/group_comparison.hpp"
#include "core/indicators/indicator_chart.hpp"
#include "core/org/organisation.hpp"
#include "http/indicators/indicator_lookup.hpp"
#include "store/indicators/indicator_settings_repository.hpp"

namespace hqms::http {

// A stratum of a chart: {dimension, value} ("age_band", "85+").
struct StratumChoice {
  std::string dimension;
  std::string value;
};

// IndicatorJson.
nlohmann::json indicator_json(const ResolvedIndicator& indicator);
// {code, name, unitLabel, direction, target, type, per}: what a chart or a comparison says about its
// indicator.
nlohmann::json indicator_brief_json(const indicators::IndicatorDefinition& definition);
// {type, id|null, name}.
nlohmann::json indicator_scope_json(const Organisation& org, ScopeRef scope);
// "2026-10-31" from a day number.
std::string day_text(indicators::DayNumber day);

// AnnotationJson; `names` gives createdBy's display name.
nlohmann::json annotation_json(const Organisation& org, const store::StoredAnnotation& annotation,
                               const std::map<Id, std::string>& names);

struct ChartView {
  const indicators::IndicatorDefinition* definition = nullptr;
  const indicators::IndicatorChart* chart = nullptr;
  const indicators::PeriodAxis* periods = nullptr;  // the axis chart.source's period indices refer to
  ScopeRef scope;
  std::optional<StratumChoice> stratum;
  std::vector<bool> suppressed;  // per plotted point: a stratum's small numbers, shown without figures
  nlohmann::json annotations = nlohmann::json::array();  // [AnnotationJson]
  std::vector<std::string> strata_available;
};
// The contract's names for the assurance icon: none, consistently_met, consistently_failed, hit_and_miss
// (core keeps plotthedots' ids).
std::string_view assurance_text(spc::AssuranceIcon icon);
// ChartJson.
nlohmann::json chart_json(const Organisation& org, const ChartView& view);
// The {period, rule, reading} of the chart's signal on point `point`, or null.
nlohmann::json point_signal_json(const indicators::IndicatorChart& chart, std::size_t point);

struct ComparisonView {
  const indicators::IndicatorDefinition* definition = nullptr;
  const indicators::GroupComparison* comparison = nullptr;
  ScopeRef scope;
  std::string by;    // department, site, age_band, sex, ethnicity, payer
  std::string from;  // period labels
  std::string to;
  int suppression_threshold = 11;
};
// The comparison's JSON (GroupComparison in docs/openapi.yaml).
nlohmann::json comparison_json(const Organisation& org, const ComparisonView& view);

}  // namespace hqms::http
