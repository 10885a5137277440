#pragma once
// The indicator engine: counts a set of indicators over the columnar tables in one pass per source table,
// grouped by period x unit (department) x stratum, using both cores (rows split in halves, each thread with
// its own partial sums, merged at the end) and no heap allocation per row. Filters are compiled first: a
// dimension test becomes a per-code lookup table (so "diagnosis starts with I21" is decided once per distinct
// code, not per row), a flag test a bit mask, a range a pair of comparisons.
//
// The result is a cube per indicator; series() then adds up any set of units (a site, the organisation, what
// the caller may see) for one stratum or all, which is how drill-down works without counting again.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/indicators/indicator_definition.hpp"
#include "core/indicators/sources.hpp"

namespace hqms::indicators {

enum class Resolution { day, week, month, quarter };
Resolution resolution_of(PeriodUnit unit);

// The periods of a cube: `count` consecutive periods of `resolution`, the first starting on `first_day`.
struct PeriodAxis {
  Resolution resolution = Resolution::month;
  DayNumber first_day = 0;
  std::size_t count = 0;

  std::optional<std::size_t> index_of(DayNumber day) const;  // none outside the axis
  DayNumber start(std::size_t index) const;
  DayNumber end(std::size_t index) const;      // last day of the period, inclusive
  std::string label(std::size_t index) const;  // "2026-10", "2026-Q3", "2026-W07", "2026-10-31"
};
// The periods of `resolution` that cover [from, to] (both inclusive): from's period up to to's.
PeriodAxis period_axis(Resolution resolution, DayNumber from, DayNumber to);

// A unit is a department of a site, by code (as in the data and in HQMS).
struct Unit {
  std::string site;
  std::string department;
  bool operator==(const Unit&) const = default;
};

struct CubeRequest {
  std::vector<const IndicatorDefinition*> indicators;
  DayNumber from = 0;  // inclusive, by each source's period_day
  DayNumber to = 0;
  // Each indicator is counted once with no stratum and once per stratum dimension named here that it allows
  // ("age_band", "sex"...). "site" and "department" are not strata here: units already carry them.
  std::vector<std::string> strata;
  // Resolution for every indicator; none = each indicator's own period.
  std::optional<Resolution> resolution;
  // The most threads one table's pass may use, and the fewest rows worth giving a thread (so small tables are
  // counted on the calling thread; tests lower it to force the split).
  std::size_t threads = 2;
  std::size_t rows_per_thread = 100'000;
};

// One indicator counted for one stratification (or none).
struct IndicatorCube {
  const IndicatorDefinition* indicator = nullptr;
  PeriodAxis periods;
  std::string stratum_dimension;    // empty: not stratified
  std::vector<std::string> strata;  // the stratum values seen (one "" when not stratified)
  // [period][unit][stratum], flattened in that order; units index CubeSet::units.
  std::vector<double> numerator;
  std::vector<double> denominator;
  // mean indicators: the sum of the squares of the numerator's values, per cell (each period's spread, for
  // the Xbar-S chart); empty for the other types.
  std::vector<double> numerator_squares;
  // median indicators: the values of each cell, cell c's values at median_values[median_offsets[c] ..
  // median_offsets[c + 1]) (filled by a counting pass, so no per-cell vectors).
  std::vector<std::uint32_t> median_offsets;
  std::vector<float> median_values;
};

struct CubeSet {
  std::vector<Unit> units;  // every unit seen in any source, sorted by site then department
  std::vector<IndicatorCube> cubes;

  std::optional<std::size_t> unit_index(std::string_view site, std::string_view department) const;
  // The cube of `indicator` (by code) for `stratum_dimension` ("" = unstratified); null when not counted.
  const IndicatorCube* find(std::string_view indicator, std::string_view stratum_dimension = {}) const;
};

// Counts the request. An indicator whose definition fails check_indicator is an Error (validation); so is a
// stratum its sources lack (only when the indicator lists it in strata: otherwise it is skipped).
Result<CubeSet> compute_cubes(const IndicatorData& data, const CubeRequest& request);

struct SeriesPoint {
  std::size_t period = 0;  // index in the cube's PeriodAxis
  double numerator = 0;
  double denominator = 0;
  // The indicator's value in displayed units (rate x per, proportion x 100, mean, median, count); none where
  // the denominator is 0 or (median) there are no values.
  std::optional<double> value;
  double numerator_squares = 0;  // mean indicators: the sum of the squared values
};

// Adds up the cells of `units` (indices into CubeSet::units; empty = all) for one stratum (index into
// cube.strata; none = all strata together) over every period.
std::vector<SeriesPoint> series(const IndicatorCube& cube, std::span<const std::size_t> units,
                                std::optional<std::size_t> stratum = std::nullopt);

// The value of a cell sum as the indicator shows it.
std::optional<double> indicator_value(const IndicatorDefinition& indicator, double numerator,
                                      double denominator);

}  // namespace hqms::indicators
