#pragma once
// From the loaded data to what the indicator routes answer: counts (cubes) over a window, an indicator's
// series for a scope and stratum, its control chart, and the comparison of departments, sites or strata. The
// routes only pick the indicators, the scope and the window; everything counted is counted here.
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/indicators/group_comparison.hpp"
#include "core/indicators/indicator_chart.hpp"
#include "core/indicators/indicator_engine.hpp"
#include "core/org/organisation.hpp"
#include "http/indicators/indicator_data_cache.hpp"
#include "http/indicators/indicator_json.hpp"

namespace hqms::http {

// Definitions counted together, owned beside their cubes because every cube points at its definition.
struct IndicatorCounts {
  std::deque<indicators::IndicatorDefinition> definitions;
  indicators::CubeSet cubes;
};

struct CountRequest {
  std::vector<indicators::IndicatorDefinition> indicators;
  indicators::DayNumber from = 0;
  indicators::DayNumber to = 0;
  std::vector<std::string> strata;
  std::optional<indicators::Resolution> resolution;
};

// Counts (or finds counted for the snapshot) the request.
Result<std::shared_ptr<const IndicatorCounts>> count_indicators(IndicatorDataCache& cache,
                                                                const IndicatorSnapshot& snapshot,
                                                                const CountRequest& request);

// Day numbers and the text forms the API takes.
indicators::DayNumber day_number(std::chrono::sys_days day);
std::optional<indicators::DayNumber> parse_day(std::string_view text);  // "2026-10-31"
// A period label of `resolution` ("2026-10", "2026-Q3", "2026-W07") or a date: the period holding it.
std::optional<indicators::DayNumber> parse_period_start(indicators::Resolution resolution,
                                                        std::string_view text);

struct ChartWindow {
  indicators::DayNumber from = 0;  // first day of the first period
  indicators::DayNumber to = 0;    // last day of the last period
};
// The last `periods` periods of `resolution` up to the last complete one before `today` that the indicator's
// sources have data in; none when they have no data.
std::optional<ChartWindow> default_window(const IndicatorSnapshot& snapshot,
                                          const indicators::IndicatorDefinition& definition,
                                          indicators::Resolution resolution, indicators::DayNumber today,
                                          std::size_t periods);

// A series over `units` (none: no unit at all, so zeros) for one stratum (none: all together).
std::vector<indicators::SeriesPoint> scope_series(const indicators::IndicatorCube& cube,
                                                  const std::vector<std::size_t>& units,
                                                  std::optional<std::size_t> stratum);
// Points [first, first + count) of a series re-indexed onto their own axis.
struct SeriesSlice {
  indicators::PeriodAxis periods;
  std::vector<indicators::SeriesPoint> points;
};
SeriesSlice slice_series(const indicators::PeriodAxis& axis,
                         const std::vector<indicators::SeriesPoint>& series, std::size_t first,
                         std::size_t count);

struct ChartRequest {
  const indicators::IndicatorDefinition* definition = nullptr;
  ScopeRef scope;
  std::optional<StratumChoice> stratum;
  indicators::ChartOptions options;   // chart, rules, annotations
  std::optional<ChartWindow> window;  // none = the default window
  indicators::DayNumber today = 0;
  int suppression_threshold = 11;  // strata only
};

struct ComputedChart {
  indicators::PeriodAxis periods;  // the axis chart.source indexes
  indicators::IndicatorChart chart;
  std::vector<bool> suppressed;               // per plotted point: a stratum's small numbers, hidden
  std::vector<std::string> strata_available;  // the definition's strata the data can split by
};

// The chart of one indicator over a scope. Errors: validation (422) when the chart does not fit, the stratum
// is not one the indicator allows, or no data lies in the window.
Result<ComputedChart> compute_chart(IndicatorDataCache& cache, const IndicatorSnapshot& snapshot,
                                    const Organisation& org, const ChartRequest& request);

struct ComparisonRequest {
  const indicators::IndicatorDefinition* definition = nullptr;
  ScopeRef scope;
  std::string by;  // department, site, age_band, sex, ethnicity, payer
  // Departments the caller may see (by=department and by=site count only these).
  std::vector<ScopeRef> visible_departments;
  std::optional<std::string> period;  // label of the last period; none = the last complete
  std::size_t window = 12;
  indicators::DayNumber today = 0;
  int suppression_threshold = 11;
};

struct ComputedComparison {
  indicators::GroupComparison comparison;
  std::string from;  // period labels
  std::string to;
};

Result<ComputedComparison> compute_comparison(IndicatorDataCache& cache, const IndicatorSnapshot& snapshot,
                                              const Organisation& org, const ComparisonRequest& request);

}  // namespace hqms::http
