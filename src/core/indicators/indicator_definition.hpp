#pragma once
// What a quality indicator is: its meaning (name, IOM domain, citation), how it is counted (numerator and
// denominator as structured filters over a source's columns: never SQL from users), how it is judged
// (direction, target, alert threshold) and how it is charted (period, chart type, special-cause rules).
//
// The filter language, as JSON (the API and the workbench) and as these structs:
//   {"source": "encounters", "aggregate": "count" | "sum" | "median", "column": "patient_days",
//    "where": [ {"column": "died", "is": true},
//               {"column": "age_band", "in": ["65-74", "75-84", "85+"]},
//               {"column": "disposition", "notIn": ["died"]},
//               {"column": "primary_diagnosis", "startsWith": ["I21", "I22"]},
//               {"column": "procedures", "anyStartsWith": ["0SR"]},
//               {"column": "ed_minutes", "between": [0, 1440]} ]}
// Conditions are ANDed. `is` fits flags; `in`/`notIn`/`startsWith` fit dimensions; `anyStartsWith` fits code
// lists; `between` (inclusive, either end null) fits numbers and days. check_indicator names every misuse.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/enum_table.hpp"
#include "core/common/result.hpp"

namespace hqms::indicators {

// Institute of Medicine (2001), Crossing the Quality Chasm: the six aims.
enum class IomDomain { safe, effective, patient_centred, timely, efficient, equitable };
enum class IndicatorType {
  rate,        // numerator / denominator x per (falls per 1,000 patient-days)
  proportion,  // numerator / denominator x 100 (% readmitted)
  mean,        // sum of a column / count (mean ED minutes): numerator sum, denominator count
  median,      // median of a column over the numerator's rows; no denominator
  count,       // numerator only
};
enum class Direction { higher_is_better, lower_is_better };
enum class PeriodUnit { week, month, quarter };  // ISO weeks; calendar months and quarters
enum class ChartType { run, xmr, p, p_prime, u, u_prime, c, g, t, xbar_s };
enum class RuleSet { anhoej, making_data_count };

std::span<const IomDomain> all_iom_domains();
std::string_view to_string(IomDomain v);  // "safe", "patient_centred"...
std::string_view label(IomDomain v);      // "Safe", "Patient-centred"...
std::optional<IomDomain> iom_domain_from_string(std::string_view s);
std::string_view to_string(IndicatorType v);
std::optional<IndicatorType> indicator_type_from_string(std::string_view s);
std::string_view to_string(Direction v);  // "higher_is_better"
std::optional<Direction> direction_from_string(std::string_view s);
std::string_view to_string(PeriodUnit v);
std::optional<PeriodUnit> period_unit_from_string(std::string_view s);
std::string_view to_string(ChartType v);  // "run", "xmr", "p", "p_prime", ...
std::string_view label(ChartType v);      // "p′ chart (Laney)"
std::optional<ChartType> chart_type_from_string(std::string_view s);
std::string_view to_string(RuleSet v);  // "anhoej", "making_data_count"
std::optional<RuleSet> rule_set_from_string(std::string_view s);

// sum_of_squares is the engine's own, never a definition's: it counts it beside a mean indicator's sum so
// that each period's spread is known (the Xbar-S chart's subgroup standard deviations).
enum class Aggregate { count, sum, median, sum_of_squares };
std::string_view to_string(Aggregate v);
std::optional<Aggregate> aggregate_from_string(std::string_view s);

struct Condition {
  enum class Test { is, in, not_in, starts_with, any_starts_with, between };
  std::string column;
  Test test = Test::is;
  bool flag = true;                 // is
  std::vector<std::string> values;  // in, not_in, starts_with, any_starts_with
  std::optional<double> min;        // between
  std::optional<double> max;
  bool operator==(const Condition&) const = default;
};

struct Measure {
  std::string source;  // "encounters", "incidents", ... (sources.hpp)
  Aggregate aggregate = Aggregate::count;
  std::string column;  // for sum and median
  std::vector<Condition> where;
  bool operator==(const Measure&) const = default;
};

struct IndicatorDefinition {
  std::string code;  // stable id: "falls_per_1000_patient_days"; lower case, digits, '_'
  std::string name;
  std::string description;
  IomDomain domain = IomDomain::safe;
  IndicatorType type = IndicatorType::rate;
  double per = 1;          // rate multiplier (1000); 100 for proportions shown as %
  std::string unit_label;  // "per 1,000 patient-days", "%", "minutes"
  Measure numerator;
  std::optional<Measure> denominator;  // required for rate, proportion, mean
  Direction direction = Direction::lower_is_better;
  std::optional<double> target;           // in displayed units (per 1000, %, minutes)
  std::optional<double> alert_threshold;  // worse than this is red on the dashboard, even without a signal
  PeriodUnit period = PeriodUnit::month;
  std::vector<std::string> strata;  // dimensions it may be stratified by (subset of stratum_dimensions)
  ChartType chart = ChartType::u;
  RuleSet rules = RuleSet::making_data_count;
  std::string citation;  // the published definition this follows (steward, measure id, URL)
  bool built_in = true;  // from the catalogue; false for the analysts' own (workbench)
  bool operator==(const IndicatorDefinition&) const = default;
};

// Every rule a definition must keep, as field errors named like the JSON ("numerator.where[1].column"):
// known source and columns, the test fits the column's kind, aggregate needs a column of kind number (sum,
// median), the type's need for a denominator, per > 0, strata known and present in every source the
// indicator counts from, a chart type that fits the type (p/p' for proportions, u/u'/c for rates and counts,
// xmr/run for means and medians; run, g and t fit any), code shape.
std::vector<FieldError> check_indicator(const IndicatorDefinition& definition);

// Whether a chart suits an indicator type: attribute charts need their kind of count (p, p' proportions;
// u, u' rates; c counts), g and t count between events, run and XmR suit any one value per period, and
// Xbar-S a mean (the engine counts each period's sum of squares beside its sum, which gives the spread).
bool chart_fits(IndicatorType type, ChartType chart);

}  // namespace hqms::indicators
