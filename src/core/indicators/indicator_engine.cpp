// compute_cubes plans the work before any row is read: each distinct measure of a source table is compiled
// once, each distinct (measure, resolution, stratum) gets one array of cells however many indicators share it
// (most rates share "patient-days"), and each table is then read once (table_pass.hpp), split over the
// threads.
#include "core/indicators/indicator_engine.hpp"

#include <algorithm>
#include <deque>
#include <thread>
#include <utility>

#include "core/indicators/table_pass.hpp"

namespace hqms::indicators {
namespace {

constexpr std::size_t no_index = static_cast<std::size_t>(-1);

struct TableUnits {
  const FactTable* table = nullptr;
  std::vector<std::uint32_t> unit_of;  // by site code x departments + department code
};

// Every (site, department) pair that occurs in a row of any table, sorted; then each table's lookup from its
// own dictionary codes to that shared axis, so cells of different sources line up.
std::vector<Unit> unit_axis(const IndicatorData& data, std::vector<TableUnits>& tables) {
  std::vector<Unit> units;
  std::vector<std::vector<std::uint8_t>> seen;
  for (const auto* schema : all_schemas()) {
    const auto* table = data.table(schema->source);
    const auto site_column = *schema->index_of("site");
    const auto department_column = *schema->index_of("department");
    const auto sites = table->dictionary(site_column).size();
    const auto departments = table->dictionary(department_column).size();
    auto& pairs = seen.emplace_back(sites * departments);
    const auto site = table->dimension(site_column);
    const auto department = table->dimension(department_column);
    for (std::size_t row = 0; row < table->rows(); ++row)
      pairs[site[row] * departments + department[row]] = 1;
    for (std::size_t pair = 0; pair < pairs.size(); ++pair) {
      if (pairs[pair] == 0) continue;
      units.push_back({std::string(table->dictionary(site_column).text(pair / departments)),
                       std::string(table->dictionary(department_column).text(pair % departments))});
    }
    tables.push_back({table, {}});
  }
  const auto before = [](const Unit& a, const Unit& b) {
    return a.site != b.site ? a.site < b.site : a.department < b.department;
  };
  std::sort(units.begin(), units.end(), before);
  units.erase(std::unique(units.begin(), units.end()), units.end());
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const auto& schema = tables[t].table->schema();
    const auto& sites = tables[t].table->dictionary(*schema.index_of("site"));
    const auto& departments = tables[t].table->dictionary(*schema.index_of("department"));
    auto& unit_of = tables[t].unit_of;
    unit_of.assign(seen[t].size(), 0);
    for (std::size_t pair = 0; pair < seen[t].size(); ++pair) {
      if (seen[t][pair] == 0) continue;
      const Unit unit{std::string(sites.text(pair / departments.size())),
                      std::string(departments.text(pair % departments.size()))};
      unit_of[pair] = static_cast<std::uint32_t>(std::lower_bound(units.begin(), units.end(), unit, before) -
                                                 units.begin());
    }
  }
  return units;
}

// The values of a stratum dimension across every table that has it, sorted.
std::vector<std::string> stratum_values(const IndicatorData& data, std::string_view dimension) {
  std::vector<std::string> values;
  for (const auto* schema : all_schemas()) {
    const auto column = schema->index_of(dimension);
    if (!column) continue;
    const auto& dictionary = data.table(schema->source)->dictionary(*column);
    for (std::uint32_t code = 0; code < dictionary.size(); ++code) values.emplace_back(dictionary.text(code));
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

bool lists(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// One cube to build: an indicator under one resolution and stratum dimension.
struct Variant {
  const IndicatorDefinition* indicator = nullptr;
  std::string dimension;  // "" = not stratified
  Resolution resolution = Resolution::month;
  std::size_t numerator = no_index;  // into the accumulators
  std::size_t denominator = no_index;
  std::size_t numerator_squares = no_index;
};

// The cells of one measure under one slicing: in the pass, `strata` cells at `offset` of each record of
// resolution `resolution` of table `table`; after it, in cube order ([period][unit][stratum]).
struct Accumulator {
  std::size_t table = 0;
  std::size_t derived_from = no_index;  // an unstratified accumulator added up from this stratified one
  bool sum = false;                     // kept in the records' sums (else in their counts)
  std::size_t resolution = 0;           // index into the table's pass.periods
  std::size_t offset = 0;
  std::size_t strata = 1;
  std::size_t cells = 0;
  bool median = false;
  std::size_t users = 0;
  // Filled by the pass.
  std::vector<double> totals;
  std::vector<std::uint32_t> median_offsets;
  std::vector<float> median_values;
};

struct TablePlan {
  TablePass pass;
  std::vector<const Measure*> measures;  // parallel to pass.measures, to find a measure again
  std::vector<std::pair<std::size_t, std::string>> slicings;  // (resolution, dimension), parallel
  std::vector<Resolution> resolutions;                        // parallel to pass.periods
  std::vector<std::size_t> accumulators;                      // by the pass's Target::accumulator
};

class Planner {
 public:
  Planner(const IndicatorData& data, const CubeRequest& request, std::size_t units,
          std::vector<TableUnits>& table_units)
      : data_(data), request_(request), units_(units) {
    for (auto& t : table_units) {
      auto& plan = plans_.emplace_back();
      plan.pass.table = t.table;
      plan.pass.from = request.from;
      plan.pass.to = request.to;
      const auto& schema = t.table->schema();
      plan.pass.period_day = t.table->day(*schema.index_of(schema.period_day)).data();
      plan.pass.site = t.table->dimension(*schema.index_of("site")).data();
      plan.pass.department = t.table->dimension(*schema.index_of("department")).data();
      plan.pass.departments =
          static_cast<std::uint32_t>(t.table->dictionary(*schema.index_of("department")).size());
      plan.pass.unit_of = std::move(t.unit_of);
      plan.pass.units = static_cast<std::uint32_t>(units);
    }
  }

  // The accumulator of `measure` sliced by (resolution, dimension); made when new.
  Result<std::size_t> accumulator(const Measure& measure, Resolution resolution, const std::string& dimension,
                                  const std::string& field) {
    const auto table = table_index(measure.source);
    auto& plan = plans_[table];
    auto measure_index =
        static_cast<std::size_t>(std::find_if(plan.measures.begin(), plan.measures.end(),
                                              [&](const Measure* m) { return *m == measure; }) -
                                 plan.measures.begin());
    if (measure_index == plan.measures.size()) {
      auto compiled = CompiledMeasure::compile(measure, *plan.pass.table, field);
      if (!compiled) return compiled.error();
      plan.measures.push_back(&measure);
      plan.pass.measures.push_back({std::move(*compiled), {}});
    }
    const auto slicing = slicing_index(plan, resolution, dimension);
    auto& targets = plan.pass.measures[measure_index].targets;
    for (const auto& target : targets) {
      if (target.slicing == slicing) return plan.accumulators[target.accumulator];
    }
    const auto& axis = axis_of(resolution);
    const auto& cut = plan.pass.slicings[slicing];
    auto& accumulator = accumulators_.emplace_back();
    accumulator.table = table;
    accumulator.resolution = cut.resolution;
    accumulator.strata = cut.strata;
    accumulator.cells = axis.count * units_ * cut.strata;
    accumulator.median = measure.aggregate == Aggregate::median;
    accumulator.sum = measure.aggregate == Aggregate::sum || measure.aggregate == Aggregate::sum_of_squares;
    targets.push_back({slicing, 0, plan.accumulators.size()});
    plan.accumulators.push_back(accumulators_.size() - 1);
    return accumulators_.size() - 1;
  }

  // Once every accumulator is known: an unstratified one whose measure is also counted by a stratum at the
  // same resolution is not counted but added up from that one's strata after the pass (a row then adds to
  // two cells, not three); the rest get their places in the records.
  void lay_out() {
    for (auto& plan : plans_) {
      plan.pass.count_width.assign(plan.resolutions.size(), 0);
      plan.pass.sum_width.assign(plan.resolutions.size(), 0);
      for (auto& counted : plan.pass.measures) {
        auto& targets = counted.targets;
        const auto stratified_at = [&](std::size_t resolution) {
          return std::find_if(targets.begin(), targets.end(), [&](const TablePass::Target& t) {
            const auto& cut = plan.pass.slicings[t.slicing];
            return cut.stratum != nullptr && cut.resolution == resolution;
          });
        };
        for (auto target = targets.begin(); target != targets.end();) {
          const auto& cut = plan.pass.slicings[target->slicing];
          const auto sibling = stratified_at(cut.resolution);
          if (cut.stratum == nullptr && sibling != targets.end()) {
            accumulators_[plan.accumulators[target->accumulator]].derived_from =
                plan.accumulators[sibling->accumulator];
            target = targets.erase(target);
          } else {
            ++target;
          }
        }
        for (auto& target : targets) {
          auto& accumulator = accumulators_[plan.accumulators[target.accumulator]];
          auto& width =
              (accumulator.sum ? plan.pass.sum_width : plan.pass.count_width)[accumulator.resolution];
          target.offset = accumulator.offset = width;
          width += accumulator.strata;
        }
      }
    }
  }

  const PeriodAxis& axis_of(Resolution resolution) {
    for (const auto& axis : axes_) {
      if (axis.resolution == resolution) return axis;
    }
    return axes_.emplace_back(period_axis(resolution, request_.from, request_.to));
  }

  const std::vector<std::string>& strata_of(const std::string& dimension) {
    for (const auto& [name, values] : strata_) {
      if (name == dimension) return values;
    }
    return strata_.emplace_back(dimension, stratum_values(data_, dimension)).second;
  }

  std::vector<TablePlan>& plans() { return plans_; }
  std::vector<Accumulator>& accumulators() { return accumulators_; }

 private:
  std::size_t table_index(std::string_view source) const {
    for (std::size_t t = 0; t < plans_.size(); ++t) {
      if (plans_[t].pass.table->schema().source == source) return t;
    }
    return 0;  // unreachable: check_indicator vouched for the source
  }

  std::size_t slicing_index(TablePlan& plan, Resolution resolution, const std::string& dimension) {
    auto period = static_cast<std::size_t>(
        std::find(plan.resolutions.begin(), plan.resolutions.end(), resolution) - plan.resolutions.begin());
    if (period == plan.resolutions.size()) {
      plan.resolutions.push_back(resolution);
      plan.pass.periods.push_back(day_lookup(axis_of(resolution)));
    }
    for (std::size_t s = 0; s < plan.slicings.size(); ++s) {
      if (plan.slicings[s] == std::pair{period, dimension}) return s;
    }
    TablePass::Slicing slicing;
    slicing.resolution = period;
    if (!dimension.empty()) {
      const auto& table = *plan.pass.table;
      const auto column = *table.schema().index_of(dimension);
      const auto& values = strata_of(dimension);
      const auto& dictionary = table.dictionary(column);
      slicing.stratum = table.dimension(column).data();
      slicing.strata = static_cast<std::uint32_t>(values.size());
      for (std::uint32_t code = 0; code < dictionary.size(); ++code) {
        const auto text = dictionary.text(code);
        slicing.stratum_of.push_back(static_cast<std::uint32_t>(
            std::lower_bound(values.begin(), values.end(), text) - values.begin()));
      }
    }
    plan.slicings.emplace_back(period, dimension);
    plan.pass.slicings.push_back(std::move(slicing));
    return plan.slicings.size() - 1;
  }

  // Period index by day - from over the window, so the pass finds a row's period with one load.
  std::vector<std::uint32_t> day_lookup(const PeriodAxis& axis) const {
    std::vector<std::uint32_t> lookup;
    if (request_.to < request_.from) return lookup;
    lookup.reserve(static_cast<std::size_t>(request_.to - request_.from) + 1);
    for (DayNumber day = request_.from; day <= request_.to; ++day) {
      lookup.push_back(static_cast<std::uint32_t>(*axis.index_of(day)));
    }
    return lookup;
  }

  const IndicatorData& data_;
  const CubeRequest& request_;
  std::size_t units_;
  std::vector<TablePlan> plans_;
  std::vector<Accumulator> accumulators_;
  std::vector<PeriodAxis> axes_;
  std::vector<std::pair<std::string, std::vector<std::string>>> strata_;
};

// Reads one table: rows split evenly over the threads, each adding into its own partial records, merged
// after; median values then go straight to their final place (each thread's cursors start where the threads
// before it end), so no per-cell lists and no merge of values.
void run_pass(TablePlan& plan, std::vector<Accumulator>& accumulators, const CubeRequest& request) {
  const auto& pass = plan.pass;
  const auto rows = pass.table->rows();
  const auto count = plan.accumulators.size();
  const auto worth = rows / std::max<std::size_t>(1, request.rows_per_thread);
  const std::size_t threads = std::max<std::size_t>(1, std::min(request.threads, worth));
  const bool nothing = request.to < request.from || rows == 0 || count == 0;
  const auto on_threads = [&](auto work) {
    if (nothing) return;
    std::vector<std::jthread> helpers;
    for (std::size_t t = 1; t < threads; ++t) {
      helpers.emplace_back(
          [&work, rows, threads, t] { work(rows * t / threads, rows * (t + 1) / threads, t); });
    }
    work(0, rows / threads, 0);
  };
  const auto units = pass.units;
  // Cell c = (period x units + unit) x strata + stratum of an accumulator, in a thread's records.
  const auto in_records = [&](const Accumulator& a, std::size_t c) {
    const auto width = (a.sum ? pass.sum_width : pass.count_width)[a.resolution];
    return (c / a.strata) * width + a.offset + c % a.strata;
  };

  std::vector<std::vector<TablePass::Records>> partial(threads);
  for (auto& records : partial) {
    records.resize(pass.periods.size());
    for (std::size_t r = 0; r < records.size(); ++r) {
      // The day lookup's last entry is the last period's index (an empty lookup: an empty window).
      const std::size_t periods = pass.periods[r].empty() ? 0 : pass.periods[r].back() + 1;
      records[r].counts.assign(periods * units * pass.count_width[r], 0);
      records[r].sums.assign(periods * units * pass.sum_width[r], 0.0);
    }
  }
  on_threads([&](std::size_t begin, std::size_t end, std::size_t t) { pass.count(begin, end, partial[t]); });

  bool medians = false;
  std::vector<std::vector<std::vector<std::uint32_t>>> cursor(threads,
                                                              std::vector<std::vector<std::uint32_t>>(count));
  std::vector<std::vector<float>> values(count);
  for (std::size_t a = 0; a < count; ++a) {
    auto& accumulator = accumulators[plan.accumulators[a]];
    if (!accumulator.median || accumulator.derived_from != no_index || nothing) continue;
    medians = true;
    const auto cells = accumulator.cells;
    auto& offsets = accumulator.median_offsets;
    offsets.assign(cells + 1, 0);
    const auto size_in = [&](std::size_t t, std::size_t c) {
      return partial[t][accumulator.resolution].counts[in_records(accumulator, c)];
    };
    for (std::size_t c = 0; c < cells; ++c) {
      std::uint32_t size = 0;
      for (std::size_t t = 0; t < threads; ++t) size += size_in(t, c);
      offsets[c + 1] = offsets[c] + size;
    }
    values[a].resize(offsets.back());
    std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
    for (std::size_t t = 0; t < threads; ++t) {
      cursor[t][a] = next;
      for (std::size_t c = 0; c < cells; ++c) next[c] += size_in(t, c);
    }
  }
  if (medians) {
    on_threads([&](std::size_t begin, std::size_t end, std::size_t t) {
      pass.fill_medians(begin, end, cursor[t], values);
    });
  }

  for (std::size_t r = 0; r < pass.periods.size(); ++r) {
    auto& total = partial[0][r];
    for (std::size_t t = 1; t < threads; ++t) {
      const auto& part = partial[t][r];
      for (std::size_t c = 0; c < total.counts.size(); ++c) total.counts[c] += part.counts[c];
      for (std::size_t c = 0; c < total.sums.size(); ++c) total.sums[c] += part.sums[c];
    }
  }
  for (std::size_t a = 0; a < count; ++a) {
    auto& accumulator = accumulators[plan.accumulators[a]];
    if (accumulator.derived_from != no_index) continue;
    accumulator.totals.assign(accumulator.cells, 0.0);
    if (accumulator.median && accumulator.median_offsets.empty())
      accumulator.median_offsets.assign(accumulator.cells + 1, 0);
    if (!nothing) {
      const auto& records = partial[0][accumulator.resolution];
      for (std::size_t c = 0; c < accumulator.cells; ++c) {
        const auto at = in_records(accumulator, c);
        accumulator.totals[c] = accumulator.sum ? records.sums[at] : records.counts[at];
      }
    }
    accumulator.median_values = std::move(values[a]);
  }
  // The unstratified accumulators left out of the pass: each cell is its sibling's strata added up (and, for
  // a median, its values are the sibling's, whose strata of one cell lie next to each other).
  for (std::size_t a = 0; a < count; ++a) {
    auto& accumulator = accumulators[plan.accumulators[a]];
    if (accumulator.derived_from == no_index) continue;
    const auto& source = accumulators[accumulator.derived_from];
    const auto strata = source.strata;
    accumulator.totals.assign(accumulator.cells, 0.0);
    for (std::size_t c = 0; c < accumulator.cells; ++c) {
      for (std::size_t s = 0; s < strata; ++s) accumulator.totals[c] += source.totals[c * strata + s];
    }
    if (accumulator.median) {
      accumulator.median_offsets.resize(accumulator.cells + 1);
      for (std::size_t c = 0; c <= accumulator.cells; ++c)
        accumulator.median_offsets[c] = source.median_offsets[c * strata];
      accumulator.median_values = source.median_values;
    }
  }
}

bool has_column(std::string_view source, std::string_view column) {
  const auto* schema = schema_of(source);
  return schema != nullptr && schema->find(column) != nullptr;
}

// A cube's share of an accumulator: the last cube to take it gets the arrays themselves.
void take(Accumulator& accumulator, IndicatorCube& cube, std::vector<double> IndicatorCube::*into) {
  const bool last = --accumulator.users == 0;
  if (last) {
    cube.*into = std::move(accumulator.totals);
  } else {
    cube.*into = accumulator.totals;
  }
  if (accumulator.median && into == &IndicatorCube::numerator) {
    cube.median_offsets = last ? std::move(accumulator.median_offsets) : accumulator.median_offsets;
    cube.median_values = last ? std::move(accumulator.median_values) : accumulator.median_values;
  }
}

double median_of(std::vector<float>& values) {
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  const double upper = *middle;
  if (values.size() % 2 == 1) return upper;
  return (*std::max_element(values.begin(), middle) + upper) / 2;
}

}  // namespace

Result<CubeSet> compute_cubes(const IndicatorData& data, const CubeRequest& request) {
  for (const auto* indicator : request.indicators) {
    auto problems = check_indicator(*indicator);
    if (!problems.empty()) {
      return Error::validation(std::move(problems), "Indicator " + indicator->code + " is not valid.");
    }
  }
  std::vector<std::string> dimensions;
  for (const auto& dimension : request.strata) {
    if (dimension == "site" || dimension == "department") continue;  // units carry them already
    if (std::find(std::begin(stratum_dimensions), std::end(stratum_dimensions), dimension) ==
        std::end(stratum_dimensions)) {
      return Error::validation({{"strata", "\"" + dimension + "\" is not a stratum dimension."}});
    }
    if (!lists(dimensions, dimension)) dimensions.push_back(dimension);
  }

  CubeSet set;
  std::vector<TableUnits> table_units;
  set.units = unit_axis(data, table_units);
  Planner planner(data, request, set.units.size(), table_units);
  // A mean's numerator squared, beside it: a deque, as the planner keeps pointers to the measures.
  std::deque<Measure> squares;
  std::vector<Variant> variants;
  for (const auto* indicator : request.indicators) {
    const auto resolution = request.resolution.value_or(resolution_of(indicator->period));
    std::vector<std::string> own{""};
    for (const auto& dimension : dimensions) {
      // A stratum splits numerator and denominator alike, so every source must have it.
      const bool everywhere =
          has_column(indicator->numerator.source, dimension) &&
          (!indicator->denominator || has_column(indicator->denominator->source, dimension));
      if (everywhere) {
        own.push_back(dimension);
      } else if (lists(indicator->strata, dimension)) {
        return Error::validation(
            {{"strata", indicator->code + " counts from a source without " + dimension + "."}});
      }
    }
    for (const auto& dimension : own) {
      Variant variant{indicator, dimension, resolution};
      auto numerator = planner.accumulator(indicator->numerator, resolution, dimension, "numerator");
      if (!numerator) return numerator.error();
      variant.numerator = *numerator;
      if (indicator->type == IndicatorType::mean) {
        if (dimension == own.front()) {
          squares.push_back(indicator->numerator);
          squares.back().aggregate = Aggregate::sum_of_squares;
        }
        auto numerator_squares = planner.accumulator(squares.back(), resolution, dimension, "numerator");
        if (!numerator_squares) return numerator_squares.error();
        variant.numerator_squares = *numerator_squares;
      }
      if (indicator->denominator) {
        auto denominator = planner.accumulator(*indicator->denominator, resolution, dimension, "denominator");
        if (!denominator) return denominator.error();
        variant.denominator = *denominator;
      }
      variants.push_back(std::move(variant));
    }
  }

  auto& accumulators = planner.accumulators();
  for (const auto& variant : variants) {
    ++accumulators[variant.numerator].users;
    if (variant.denominator != no_index) ++accumulators[variant.denominator].users;
    if (variant.numerator_squares != no_index) ++accumulators[variant.numerator_squares].users;
  }
  planner.lay_out();
  for (auto& plan : planner.plans()) run_pass(plan, accumulators, request);

  for (const auto& variant : variants) {
    IndicatorCube& cube = set.cubes.emplace_back();
    cube.indicator = variant.indicator;
    cube.periods = planner.axis_of(variant.resolution);
    cube.stratum_dimension = variant.dimension;
    cube.strata =
        variant.dimension.empty() ? std::vector<std::string>{""} : planner.strata_of(variant.dimension);
    take(accumulators[variant.numerator], cube, &IndicatorCube::numerator);
    if (variant.denominator != no_index) {
      take(accumulators[variant.denominator], cube, &IndicatorCube::denominator);
    } else {
      cube.denominator.assign(cube.numerator.size(), 0.0);
    }
    if (variant.numerator_squares != no_index)
      take(accumulators[variant.numerator_squares], cube, &IndicatorCube::numerator_squares);
  }
  return set;
}

std::optional<std::size_t> CubeSet::unit_index(std::string_view site, std::string_view department) const {
  const auto found =
      std::lower_bound(units.begin(), units.end(), std::pair{site, department},
                       [](const Unit& unit, const std::pair<std::string_view, std::string_view>& key) {
                         return unit.site != key.first ? unit.site < key.first : unit.department < key.second;
                       });
  if (found == units.end() || found->site != site || found->department != department) return std::nullopt;
  return static_cast<std::size_t>(found - units.begin());
}

const IndicatorCube* CubeSet::find(std::string_view indicator, std::string_view stratum_dimension) const {
  for (const auto& cube : cubes) {
    if (cube.indicator->code == indicator && cube.stratum_dimension == stratum_dimension) return &cube;
  }
  return nullptr;
}

std::vector<SeriesPoint> series(const IndicatorCube& cube, std::span<const std::size_t> units,
                                std::optional<std::size_t> stratum) {
  const auto periods = cube.periods.count;
  const auto strata = cube.strata.size();
  const auto unit_count = periods * strata == 0 ? 0 : cube.numerator.size() / (periods * strata);
  const bool median = cube.indicator->type == IndicatorType::median;
  std::vector<std::size_t> every;
  if (units.empty()) {
    every.resize(unit_count);
    for (std::size_t u = 0; u < unit_count; ++u) every[u] = u;
    units = every;
  }
  const auto first_stratum = stratum.value_or(0);
  const auto last_stratum = stratum ? *stratum + 1 : strata;
  std::vector<float> values;  // one period's median values, reused
  std::vector<SeriesPoint> points(periods);
  for (std::size_t p = 0; p < periods; ++p) {
    auto& point = points[p];
    point.period = p;
    values.clear();
    for (const auto u : units) {
      for (std::size_t s = first_stratum; s < last_stratum; ++s) {
        const auto cell = (p * unit_count + u) * strata + s;
        point.numerator += cube.numerator[cell];
        point.denominator += cube.denominator[cell];
        if (!cube.numerator_squares.empty()) point.numerator_squares += cube.numerator_squares[cell];
        if (median) {
          values.insert(values.end(), cube.median_values.begin() + cube.median_offsets[cell],
                        cube.median_values.begin() + cube.median_offsets[cell + 1]);
        }
      }
    }
    if (median) {
      // The numerator counted the values; a median's "denominator" is the same count.
      point.denominator = point.numerator;
      if (!values.empty()) point.value = median_of(values);
    } else {
      point.value = indicator_value(*cube.indicator, point.numerator, point.denominator);
    }
  }
  return points;
}

std::optional<double> indicator_value(const IndicatorDefinition& indicator, double numerator,
                                      double denominator) {
  switch (indicator.type) {
    case IndicatorType::count:
      return numerator;
    case IndicatorType::median:
      return std::nullopt;  // needs the values: series() works it out
    case IndicatorType::rate:
    case IndicatorType::proportion:
      if (denominator == 0) return std::nullopt;
      return numerator / denominator * indicator.per;
    case IndicatorType::mean:
      if (denominator == 0) return std::nullopt;
      return numerator / denominator;
  }
  return std::nullopt;
}

}  // namespace hqms::indicators
