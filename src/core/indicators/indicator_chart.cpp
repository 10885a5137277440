#include "core/indicators/indicator_chart.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/spc/attribute_charts.hpp"
#include "core/spc/laney_charts.hpp"
#include "core/spc/rare_event_charts.hpp"
#include "core/spc/run_chart.hpp"
#include "core/spc/xbar_s_chart.hpp"
#include "core/spc/xmr_chart.hpp"

namespace hqms::indicators {
namespace {

// What goes into the chart: one entry per plotted point, with the series point it came from.
struct Plotted {
  std::vector<std::string> labels;
  std::vector<SeriesPoint> source;
  spc::ChartInput input;
};

spc::ImprovementDirection direction_of(const IndicatorDefinition& indicator) {
  return indicator.direction == Direction::higher_is_better ? spc::ImprovementDirection::increase
                                                            : spc::ImprovementDirection::decrease;
}

void scale(spc::ChartResult& chart, double factor) {
  for (auto& p : chart.points) {
    p.value *= factor;
    p.centre *= factor;
    for (auto* bound : {&p.lower, &p.upper, &p.lower_2sigma, &p.upper_2sigma})
      if (*bound) **bound *= factor;
  }
}

// One point per period that has a value; periods without (no patient-days yet, a unit that opened late) are
// left out and said so, because a zero there would be a false signal.
Plotted period_points(const IndicatorDefinition& indicator, const PeriodAxis& periods,
                      std::span<const SeriesPoint> series, ChartType chart,
                      std::vector<std::string>& warnings) {
  Plotted out;
  std::size_t left_out = 0;
  const bool attribute = chart == ChartType::p || chart == ChartType::p_prime || chart == ChartType::u ||
                         chart == ChartType::u_prime;
  const bool subgroups = chart == ChartType::xbar_s;  // a standard deviation needs two values
  for (const auto& point : series) {
    if (!point.value || (attribute && !(point.denominator > 0)) || (subgroups && !(point.denominator >= 2))) {
      ++left_out;
      continue;
    }
    out.labels.push_back(periods.label(point.period));
    out.source.push_back(point);
    if (attribute || chart == ChartType::c) {
      out.input.values.push_back(point.numerator);
      if (attribute) out.input.denominators.push_back(point.denominator);
    } else {
      out.input.values.push_back(*point.value);
    }
    if (subgroups) {
      // The sample variance from the sums: (sum x^2 - (sum x)^2 / n) / (n - 1), never below 0 by rounding.
      const double n = point.denominator;
      const double variance = (point.numerator_squares - point.numerator * point.numerator / n) / (n - 1);
      out.input.denominators.push_back(n);
      out.input.subgroup_sds.push_back(std::sqrt(std::max(0.0, variance)));
    }
  }
  if (left_out > 0) {
    const std::string what = subgroups                                 ? "fewer than two values"
                             : indicator.type == IndicatorType::median ? "no values"
                                                                       : "a zero denominator";
    warnings.push_back(std::to_string(left_out) + (left_out == 1 ? " period with " : " periods with ") +
                       what + (left_out == 1 ? " was" : " were") + " left out.");
  }
  return out;
}

// g and t charts plot one point per event from a daily series: t the days since the event before, g the
// denominator units (patient-days, procedures) since it. Several events on one day share it evenly (a t of
// zero would break the t chart's power transform), and the first event has no interval to plot.
Plotted event_points(const PeriodAxis& periods, std::span<const SeriesPoint> series, ChartType chart) {
  Plotted out;
  bool seen_event = false;
  double since_last = 0;  // days (t) or denominator units (g) since the previous event
  for (const auto& point : series) {
    const auto events = static_cast<long>(std::llround(point.numerator));
    const double exposure = chart == ChartType::t ? 1.0 : point.denominator;
    if (events <= 0) {
      since_last += exposure;
      continue;
    }
    for (long k = 0; k < events; ++k) {
      // The first event of the day closes the interval so far plus its share of the day; the others take
      // the same share.
      const double share = exposure / static_cast<double>(events);
      const double interval = (k == 0 ? since_last : 0.0) + share;
      if (seen_event) {
        out.labels.push_back(periods.label(point.period));
        SeriesPoint event = point;
        event.numerator = 1;
        event.value = interval;
        out.source.push_back(event);
        out.input.values.push_back(chart == ChartType::g ? std::floor(interval) : interval);
      }
      seen_event = true;
    }
    since_last = 0;
  }
  return out;
}

Result<void> apply_annotations(const std::vector<ChartAnnotation>& annotations, Plotted& plotted,
                               std::vector<std::string>& warnings) {
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < plotted.labels.size(); ++i) index.try_emplace(plotted.labels[i], i);
  std::vector<FieldError> errors;
  struct Baseline {
    std::size_t at;
    std::optional<std::size_t> points;
  };
  std::vector<Baseline> baselines;
  for (std::size_t a = 0; a < annotations.size(); ++a) {
    const auto& note = annotations[a];
    const std::string field = "annotations[" + std::to_string(a) + "]";
    if (note.reason.empty() && note.kind != ChartAnnotation::Kind::baseline) {
      errors.push_back({field + ".reason", "Say why: an unexplained change to a chart hides a signal."});
      continue;
    }
    auto found = index.find(note.period);
    if (found == index.end()) {
      warnings.push_back("The annotation for " + note.period + " is outside the chart.");
      continue;
    }
    switch (note.kind) {
      case ChartAnnotation::Kind::exclusion:
        plotted.input.exclusions.push_back({found->second, note.reason});
        break;
      case ChartAnnotation::Kind::process_change:
        if (found->second > 0)
          plotted.input.process_changes.push_back({found->second, note.reason, std::nullopt});
        break;
      case ChartAnnotation::Kind::baseline:
        baselines.push_back({found->second, note.baseline_points});
        break;
    }
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  std::sort(plotted.input.process_changes.begin(), plotted.input.process_changes.end(),
            [](const auto& x, const auto& y) { return x.at < y.at; });
  // A baseline freezes the limits of the phase it falls in, after the points up to and including its
  // period (or the number of points it names).
  for (const auto& b : baselines) {
    spc::ProcessChange* phase = nullptr;
    std::size_t phase_start = 0;
    for (auto& change : plotted.input.process_changes)
      if (change.at <= b.at) phase = &change, phase_start = change.at;
    // ChartInput counts a baseline in non-excluded points, so the excluded ones up to the period don't count.
    std::size_t excluded = 0;
    for (const auto& e : plotted.input.exclusions) excluded += e.index >= phase_start && e.index <= b.at;
    const std::size_t points = b.points.value_or(b.at - phase_start + 1 - excluded);
    if (phase)
      phase->baseline_points = points;
    else
      plotted.input.baseline_points = points;
  }
  return {};
}

Result<spc::ChartResult> draw(const IndicatorDefinition& indicator, ChartType chart, RuleSet rules,
                              const spc::ChartInput& input) {
  const double per = indicator.per;
  switch (chart) {
    case ChartType::run:
      return spc::run_chart(input);
    case ChartType::xmr: {
      spc::XmrOptions options;
      options.method =
          rules == RuleSet::making_data_count ? spc::XmrMethod::making_data_count : spc::XmrMethod::qicharts2;
      return spc::individuals_chart(input, options);
    }
    case ChartType::p:
    case ChartType::p_prime: {
      auto result = chart == ChartType::p ? spc::p_chart(input) : spc::p_prime_chart(input);
      if (result) scale(*result, per);
      return result;
    }
    case ChartType::u:
      return spc::u_chart(input, per);
    case ChartType::u_prime:
      return spc::u_prime_chart(input, per);
    case ChartType::c:
      return spc::c_chart(input);
    case ChartType::g:
      return spc::g_chart(input);
    case ChartType::t:
      return spc::t_chart(input);
    case ChartType::xbar_s:
      return spc::xbar_chart(input);
  }
  return Error::validation({{"chart", "This chart does not fit the indicator."}});
}

std::string_view cause_rule(spc::SpecialCause cause) {
  switch (cause) {
    case spc::SpecialCause::above_upper_limit:
    case spc::SpecialCause::below_lower_limit:
      return "beyond_limits";
    case spc::SpecialCause::trend_increasing:
    case spc::SpecialCause::trend_decreasing:
      return "trend";
    case spc::SpecialCause::two_of_three_above:
    case spc::SpecialCause::two_of_three_below:
      return "two_of_three";
    case spc::SpecialCause::shift_above:
    case spc::SpecialCause::shift_below:
      return "shift";
    case spc::SpecialCause::common_cause:
      break;
  }
  return "";
}

std::string_view reading_of(spc::PointVariation v) {
  switch (v) {
    case spc::PointVariation::improvement:
      return "improvement";
    case spc::PointVariation::concern:
      return "concern";
    case spc::PointVariation::neutral_high:
    case spc::PointVariation::neutral_low:
      return "neutral";
    case spc::PointVariation::common_cause:
      break;
  }
  return "";
}

// Whether a value is on the better or worse side of a centre, in the indicator's direction.
std::string_view side_reading(const IndicatorDefinition& indicator, double value, double centre) {
  if (value == centre) return "neutral";
  const bool higher = value > centre;
  return higher == (indicator.direction == Direction::higher_is_better) ? "improvement" : "concern";
}

// Anhøj: a point beyond its 3-sigma limits signals on its own; a phase that breaks a runs rule signals on
// its last point, read by the side of the centre line that phase ends on (qicharts2 marks the whole phase).
std::vector<ChartSignal> anhoej_signals(const IndicatorDefinition& indicator, const spc::ChartResult& chart) {
  std::vector<ChartSignal> signals;
  for (std::size_t i = 0; i < chart.points.size(); ++i) {
    const auto& p = chart.points[i];
    if (p.beyond_limits)
      signals.push_back({i, "beyond_limits", std::string(side_reading(indicator, p.value, p.centre))});
  }
  for (const auto& phase : chart.phases) {
    if (!phase.runs.signal || phase.end == 0) continue;
    const std::size_t last = phase.end - 1;
    const auto& p = chart.points[last];
    const std::string rule =
        phase.runs.longest_run > phase.runs.longest_run_max ? "long_run" : "few_crossings";
    signals.push_back({last, rule, std::string(side_reading(indicator, p.value, p.centre))});
  }
  std::stable_sort(signals.begin(), signals.end(),
                   [](const auto& a, const auto& b) { return a.point < b.point; });
  return signals;
}

std::vector<ChartSignal> mdc_signals(const std::vector<spc::MdcPoint>& classes) {
  std::vector<ChartSignal> signals;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    auto rule = cause_rule(classes[i].cause);
    if (!rule.empty())
      signals.push_back({i, std::string(rule), std::string(reading_of(classes[i].variation))});
  }
  return signals;
}

}  // namespace

bool needs_daily_series(ChartType chart) {
  return chart == ChartType::g || chart == ChartType::t;
}

Result<IndicatorChart> indicator_chart(const IndicatorDefinition& indicator, const PeriodAxis& periods,
                                       std::span<const SeriesPoint> series, const ChartOptions& options) {
  IndicatorChart out;
  out.chart = options.chart.value_or(indicator.chart);
  out.rules = options.rules.value_or(indicator.rules);
  if (!chart_fits(indicator.type, out.chart))
    return Error::validation({{"chart", "A " + std::string(to_string(out.chart)) + " chart does not fit a " +
                                            std::string(to_string(indicator.type)) + " indicator."}});
  if (needs_daily_series(out.chart) != (periods.resolution == Resolution::day))
    return Error::validation({{"chart", needs_daily_series(out.chart)
                                            ? "g and t charts are drawn from a daily series."
                                            : "This chart is drawn from a series of periods, not days."}});

  Plotted plotted = needs_daily_series(out.chart)
                        ? event_points(periods, series, out.chart)
                        : period_points(indicator, periods, series, out.chart, out.warnings);
  if (auto applied = apply_annotations(options.annotations, plotted, out.warnings); !applied)
    return applied.error();
  if (plotted.input.values.empty())
    return Error::validation(
        {{"series", needs_daily_series(out.chart) ? "Fewer than two events: nothing to chart."
                                                  : "No period has a value to chart."}});

  auto drawn = draw(indicator, out.chart, out.rules, plotted.input);
  if (!drawn) return drawn.error();
  out.result = std::move(*drawn);
  out.periods = std::move(plotted.labels);
  out.source = std::move(plotted.source);

  // The Making Data Count reading gives every chart its icons, whichever rules mark the signals, so that the
  // dashboard reads the same way for every indicator. A run chart has no limits and so no assurance.
  const auto reading = spc::read_chart(out.result, direction_of(indicator), indicator.target);
  out.point_classes = reading.points;
  out.variation = reading.variation;
  out.assurance = reading.assurance;
  for (std::size_t phase = 0; phase < reading.short_phases.size(); ++phase)
    if (reading.short_phases[phase] && out.chart != ChartType::run)
      out.warnings.push_back("Phase " + std::to_string(phase + 1) + " has fewer than " +
                             std::to_string(spc::short_phase_points) +
                             " points: its limits are trial limits.");
  out.signals = out.rules == RuleSet::making_data_count ? mdc_signals(out.point_classes)
                                                        : anhoej_signals(indicator, out.result);
  return out;
}

}  // namespace hqms::indicators
