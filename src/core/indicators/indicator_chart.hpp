#pragma once
// From an indicator's series to its control chart and its Making Data Count reading: picks the chart (the
// definition's, or the analyst's choice), applies the annotations an analyst recorded (process changes that
// start a new phase, excluded periods with their reason, a frozen baseline), runs the chart in core/spc,
// scales it to displayed units, marks the signals of the chosen rule set, and reads the icons.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/indicators/indicator_engine.hpp"
#include "core/spc/chart_result.hpp"
#include "core/spc/making_data_count.hpp"

namespace hqms::indicators {

struct ChartAnnotation {
  enum class Kind { process_change, exclusion, baseline };
  Kind kind = Kind::process_change;
  std::string period;  // PeriodAxis::label of the point it applies to ("2025-04")
  std::string reason;
  std::optional<std::size_t> baseline_points;  // baseline: the number of points the limits come from
};

struct ChartOptions {
  std::optional<ChartType> chart;  // none = the definition's
  std::optional<RuleSet> rules;    // none = the definition's
  std::vector<ChartAnnotation> annotations;
};

// A signal on one point, in the chosen rule set's words.
struct ChartSignal {
  std::size_t point = 0;
  std::string rule;     // "beyond_limits", "shift", "trend", "two_of_three", "long_run", "few_crossings"
  std::string reading;  // "improvement", "concern", "neutral"
};

struct IndicatorChart {
  ChartType chart = ChartType::run;
  RuleSet rules = RuleSet::making_data_count;
  std::vector<std::string> periods;  // one label per plotted point
  std::vector<SeriesPoint> source;   // the series points that were plotted
  spc::ChartResult result;           // values, centre and limits in displayed units
  std::vector<spc::MdcPoint> point_classes;
  std::vector<ChartSignal> signals;
  spc::VariationIcon variation = spc::VariationIcon::common_cause;
  spc::AssuranceIcon assurance = spc::AssuranceIcon::none;
  std::vector<std::string> warnings;  // "3 periods with no patient-days were left out", "trial limits"...
};

// g and t charts count between events, so they are drawn from a daily series (Resolution::day): t plots the
// days between consecutive events, g the denominator units (patient-days, procedures) between them.
bool needs_daily_series(ChartType chart);

// An Error (validation) when the chart does not fit the indicator's type, an annotation names a period not on
// the axis or lacks a reason, or there are too few points for the chart's limits.
Result<IndicatorChart> indicator_chart(const IndicatorDefinition& indicator, const PeriodAxis& periods,
                                       std::span<const SeriesPoint> series, const ChartOptions& options);

}  // namespace hqms::indicators
