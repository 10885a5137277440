// Counting is the expensive part, so counts are kept per data version and request shape (see
// IndicatorDataCache); a chart, a comparison or a dashboard tile then only adds up cells and draws.
#include "http/indicators/indicator_computation.hpp"

#include <algorithm>
#include <charconv>

#include "core/indicators/definition_json.hpp"
#include "http/indicators/indicator_scope.hpp"

namespace hqms::http {
namespace {

using indicators::DayNumber;
using indicators::Resolution;

// What the counts of a definition depend on: not its name, target or chart.
std::string counting_key(const indicators::IndicatorDefinition& d) {
  nlohmann::json key{
      {"code", d.code},
      {"type", indicators::to_string(d.type)},
      {"per", d.per},
      {"numerator", indicators::measure_json(d.numerator)},
      {"denominator", d.denominator ? indicators::measure_json(*d.denominator) : nlohmann::json()},
      {"period", indicators::to_string(d.period)},
      {"strata", d.strata}};
  return key.dump();
}

DayNumber period_start_of(Resolution resolution, DayNumber day) {
  return indicators::period_axis(resolution, day, day).first_day;
}

// The first day of the period `n` periods before the one starting on `start`.
DayNumber periods_back(Resolution resolution, DayNumber start, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) start = period_start_of(resolution, start - 1);
  return start;
}

// The extent that decides an indicator's last period: its denominator's source when that has data (patient-
// days come in monthly extracts, while incidents are reported every day), else its numerator's.
std::optional<DataExtent> extent_of(const IndicatorSnapshot& snapshot,
                                    const indicators::IndicatorDefinition& definition) {
  if (definition.denominator) {
    auto it = snapshot.extents.find(definition.denominator->source);
    if (it != snapshot.extents.end()) return it->second;
  }
  auto it = snapshot.extents.find(definition.numerator.source);
  if (it != snapshot.extents.end()) return it->second;
  return std::nullopt;
}

std::vector<indicators::SeriesPoint> zero_series(const indicators::IndicatorCube& cube) {
  std::vector<indicators::SeriesPoint> out(cube.periods.count);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].period = i;
    out[i].value = indicators::indicator_value(*cube.indicator, 0, 0);
  }
  return out;
}

bool is_unit_dimension(std::string_view dimension) {
  return dimension == "site" || dimension == "department";
}

Error invalid(std::string field, std::string message) {
  return Error::validation({{std::move(field), std::move(message)}}, "The request cannot be charted.");
}

// Whether a stratum's figures are too small to publish (group_comparison.hpp explains the rule).
bool too_small(const indicators::IndicatorDefinition& d, double numerator, double denominator,
               int threshold) {
  if (threshold <= 0) return false;
  if (numerator > 0 && numerator < threshold) return true;
  return d.denominator.has_value() && denominator < threshold;
}

}  // namespace

indicators::DayNumber day_number(std::chrono::sys_days day) {
  return static_cast<DayNumber>(day.time_since_epoch().count());
}

std::optional<DayNumber> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto read = [&](std::size_t at, std::size_t length, auto& out) {
    auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + length, out);
    return ec == std::errc{} && end == text.data() + at + length;
  };
  if (!read(0, 4, y) || !read(5, 2, m) || !read(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return day_number(std::chrono::sys_days{date});
}

std::optional<DayNumber> parse_period_start(Resolution resolution, std::string_view text) {
  if (auto day = parse_day(text)) return period_start_of(resolution, *day);
  // A label: look it up on the axis of the years around the one it names, which gets ISO weeks right without
  // a second implementation of them.
  int year = 0;
  if (text.size() < 6) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + 4, year);
  if (ec != std::errc{} || end != text.data() + 4 || year < 1900 || year > 2200) return std::nullopt;
  const auto from = day_number(std::chrono::sys_days{std::chrono::year{year - 1} / 12 / 1});
  const auto to = day_number(std::chrono::sys_days{std::chrono::year{year + 1} / 1 / 31});
  const auto axis = indicators::period_axis(resolution, from, to);
  for (std::size_t i = 0; i < axis.count; ++i)
    if (axis.label(i) == text) return axis.start(i);
  return std::nullopt;
}

Result<std::shared_ptr<const IndicatorCounts>> count_indicators(IndicatorDataCache& cache,
                                                                const IndicatorSnapshot& snapshot,
                                                                const CountRequest& request) {
  std::string key = std::to_string(request.from) + ":" + std::to_string(request.to) + ":" +
                    (request.resolution ? std::to_string(static_cast<int>(*request.resolution)) : "own");
  for (const auto& s : request.strata) key += ":" + s;
  for (const auto& d : request.indicators) key += "|" + counting_key(d);
  if (auto kept = cache.find_counts(snapshot.version, key)) return kept;

  auto counts = std::make_shared<IndicatorCounts>();
  indicators::CubeRequest cube_request;
  for (const auto& d : request.indicators)
    cube_request.indicators.push_back(&counts->definitions.emplace_back(d));
  cube_request.from = request.from;
  cube_request.to = request.to;
  cube_request.strata = request.strata;
  cube_request.resolution = request.resolution;
  auto cubes = indicators::compute_cubes(*snapshot.data, cube_request);
  if (!cubes) return cubes.error();
  counts->cubes = std::move(*cubes);
  std::shared_ptr<const IndicatorCounts> out = std::move(counts);
  cache.keep_counts(snapshot.version, key, out);
  return out;
}

std::optional<ChartWindow> default_window(const IndicatorSnapshot& snapshot,
                                          const indicators::IndicatorDefinition& definition,
                                          Resolution resolution, DayNumber today, std::size_t periods) {
  auto extent = extent_of(snapshot, definition);
  if (!extent) return std::nullopt;
  const DayNumber last_complete = period_start_of(resolution, today) - 1;
  const DayNumber end_day = std::min(extent->last, last_complete);
  if (end_day < extent->first) return std::nullopt;
  const auto end_axis = indicators::period_axis(resolution, end_day, end_day);
  ChartWindow window;
  window.to = end_axis.end(0);
  window.from = std::max(periods_back(resolution, end_axis.first_day, periods == 0 ? 0 : periods - 1),
                         period_start_of(resolution, extent->first));
  return window;
}

std::vector<indicators::SeriesPoint> scope_series(const indicators::IndicatorCube& cube,
                                                  const std::vector<std::size_t>& units,
                                                  std::optional<std::size_t> stratum) {
  // series() reads an empty unit list as "all units"; a scope with no unit in the data has no figures.
  if (units.empty()) return zero_series(cube);
  return indicators::series(cube, units, stratum);
}

SeriesSlice slice_series(const indicators::PeriodAxis& axis,
                         const std::vector<indicators::SeriesPoint>& series, std::size_t first,
                         std::size_t count) {
  SeriesSlice out;
  first = std::min(first, axis.count);
  count = std::min(count, axis.count - first);
  out.periods.resolution = axis.resolution;
  out.periods.first_day = first < axis.count ? axis.start(first) : axis.first_day;
  out.periods.count = count;
  for (const auto& point : series) {
    if (point.period < first || point.period >= first + count) continue;
    auto p = point;
    p.period -= first;
    out.points.push_back(p);
  }
  return out;
}

Result<ComputedChart> compute_chart(IndicatorDataCache& cache, const IndicatorSnapshot& snapshot,
                                    const Organisation& org, const ChartRequest& request) {
  const auto& d = *request.definition;
  const auto chart = request.options.chart.value_or(d.chart);
  if (!indicators::chart_fits(d.type, chart))
    return invalid("chart", "A " + std::string(indicators::to_string(chart)) + " chart does not fit a " +
                                std::string(indicators::to_string(d.type)) + " indicator.");
  ComputedChart out;
  for (const auto& s : d.strata)
    if (!is_unit_dimension(s)) out.strata_available.push_back(s);
  if (request.stratum) {
    const auto& dim = request.stratum->dimension;
    if (std::find(out.strata_available.begin(), out.strata_available.end(), dim) ==
        out.strata_available.end())
      return invalid("stratum", is_unit_dimension(dim) ? "Choose a site or department through the scope."
                                                       : "This indicator is not stratified by " + dim + ".");
  }
  const auto resolution = indicators::resolution_of(d.period);
  auto window = request.window ? request.window : default_window(snapshot, d, resolution, request.today, 36);
  if (!window) return invalid("series", "There is no data for this indicator yet.");

  CountRequest counting;
  counting.indicators = {d};
  counting.from = window->from;
  counting.to = window->to;
  if (request.stratum) counting.strata = {request.stratum->dimension};
  counting.resolution = indicators::needs_daily_series(chart) ? Resolution::day : resolution;
  auto counts = count_indicators(cache, snapshot, counting);
  if (!counts) return counts.error();
  const auto& cubes = (*counts)->cubes;
  const auto* cube = cubes.find(d.code, request.stratum ? request.stratum->dimension : std::string());
  if (!cube) return invalid("series", "This indicator could not be counted.");
  const auto units = units_in_scope(cubes, org, request.scope);
  std::vector<indicators::SeriesPoint> points;
  if (request.stratum) {
    auto it = std::find(cube->strata.begin(), cube->strata.end(), request.stratum->value);
    points = it == cube->strata.end()
                 ? zero_series(*cube)
                 : scope_series(*cube, units, static_cast<std::size_t>(it - cube->strata.begin()));
  } else {
    points = scope_series(*cube, units, std::nullopt);
  }
  out.periods = cube->periods;
  auto drawn = indicators::indicator_chart(d, out.periods, points, request.options);
  if (!drawn) return drawn.error();
  out.chart = std::move(*drawn);
  out.suppressed.assign(out.chart.source.size(), false);
  if (request.stratum) {
    std::size_t hidden = 0;
    for (std::size_t i = 0; i < out.chart.source.size(); ++i) {
      // Events of a g or t chart are single patients' events: a stratum's event timeline is never shown.
      const auto& s = out.chart.source[i];
      const auto& period = points[s.period];
      out.suppressed[i] = too_small(d, period.numerator, period.denominator, request.suppression_threshold);
      if (out.suppressed[i]) ++hidden;
    }
    if (hidden > 0)
      out.chart.warnings.push_back(std::to_string(hidden) + (hidden == 1 ? " point has" : " points have") +
                                   " counts under " + std::to_string(request.suppression_threshold) +
                                   " in this stratum and " + (hidden == 1 ? "is" : "are") +
                                   " shown without figures.");
  }
  return out;
}

Result<ComputedComparison> compute_comparison(IndicatorDataCache& cache, const IndicatorSnapshot& snapshot,
                                              const Organisation& org, const ComparisonRequest& request) {
  const auto& d = *request.definition;
  const bool by_unit = is_unit_dimension(request.by);
  if (!by_unit && std::find(d.strata.begin(), d.strata.end(), request.by) == d.strata.end())
    return invalid("by", "This indicator is not stratified by " + request.by + ".");
  const auto resolution = indicators::resolution_of(d.period);
  const std::size_t window_periods = std::max<std::size_t>(request.window, 1);
  std::optional<ChartWindow> window;
  if (request.period) {
    auto start = parse_period_start(resolution, *request.period);
    if (!start) return invalid("period", "is not a period of this indicator (e.g. 2026-10).");
    window = ChartWindow{periods_back(resolution, *start, window_periods - 1),
                         indicators::period_axis(resolution, *start, *start).end(0)};
  } else {
    window = default_window(snapshot, d, resolution, request.today, window_periods);
    if (!window) {
      // No data yet: the periods up to the last complete one, every group at zero.
      const auto last = period_start_of(resolution, request.today) - 1;
      window =
          ChartWindow{periods_back(resolution, period_start_of(resolution, last), window_periods - 1), last};
    }
  }
  CountRequest counting;
  counting.indicators = {d};
  counting.from = window->from;
  counting.to = window->to;
  if (!by_unit) counting.strata = {request.by};
  counting.resolution = resolution;
  auto counts = count_indicators(cache, snapshot, counting);
  if (!counts) return counts.error();
  const auto& cubes = (*counts)->cubes;
  const auto* cube = cubes.find(d.code, by_unit ? std::string() : request.by);
  if (!cube) return invalid("series", "This indicator could not be counted.");

  auto total = [](const std::vector<indicators::SeriesPoint>& points) {
    std::pair<double, double> sum{0, 0};
    for (const auto& p : points) sum.first += p.numerator, sum.second += p.denominator;
    return sum;
  };
  std::vector<indicators::GroupCount> groups;
  const auto scope_units = units_in_scope(cubes, org, request.scope);
  auto visible = [&](ScopeRef department) {
    return std::find(request.visible_departments.begin(), request.visible_departments.end(), department) !=
           request.visible_departments.end();
  };
  if (request.by == "department") {
    for (const auto& site : org.sites)
      for (const auto& dept : site.departments) {
        const ScopeRef scope{ScopeType::department, dept.id};
        if (!org.contains(request.scope, scope) || !visible(scope)) continue;
        auto [n, den] = total(scope_series(*cube, units_in_scope(cubes, org, scope), std::nullopt));
        groups.push_back({"department:" + std::to_string(dept.id), dept.name, n, den});
      }
  } else if (request.by == "site") {
    for (const auto& site : org.sites) {
      // A site counts only the departments inside the scope that the caller may see.
      std::vector<std::size_t> units;
      for (const auto& dept : site.departments) {
        const ScopeRef scope{ScopeType::department, dept.id};
        if (!org.contains(request.scope, scope) || !visible(scope)) continue;
        auto more = units_in_scope(cubes, org, scope);
        units.insert(units.end(), more.begin(), more.end());
      }
      const ScopeRef site_scope{ScopeType::site, site.id};
      if (!org.contains(request.scope, site_scope) && !org.contains(site_scope, request.scope)) continue;
      auto [n, den] = total(scope_series(*cube, units, std::nullopt));
      groups.push_back({"site:" + std::to_string(site.id), site.name, n, den});
    }
  } else {
    for (std::size_t s = 0; s < cube->strata.size(); ++s) {
      auto [n, den] = total(scope_series(*cube, scope_units, s));
      groups.push_back({cube->strata[s], cube->strata[s].empty() ? "Not recorded" : cube->strata[s], n, den});
    }
    std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  }
  // A group with nothing in it (a department without discharges, a stratum value seen only elsewhere) is not
  // on the funnel; kept, it would count as a suppressed cell and hide a neighbour for nothing.
  std::erase_if(groups, [](const auto& g) { return g.numerator == 0 && g.denominator == 0; });
  auto compared =
      indicators::compare_groups(d, groups, indicators::SuppressionRule{request.suppression_threshold});
  if (!compared) return compared.error();
  ComputedComparison out;
  out.comparison = std::move(*compared);
  out.from = cube->periods.count > 0 ? cube->periods.label(0) : std::string();
  out.to = cube->periods.count > 0 ? cube->periods.label(cube->periods.count - 1) : std::string();
  return out;
}

}  // namespace hqms::http
