#include "core/spc/xmr_chart.hpp"

#include <cmath>
#include <limits>

#include "core/spc/summary_statistics.hpp"

namespace hqms::spc {
namespace {

// The upper range limit for two-point moving ranges, D4 = 3.267: ranges at or above it times their mean are
// screened out before the mean moving range is taken again (qicharts2 always; plotthedots when asked).
constexpr double moving_range_d4 = 3.267;

double average_moving_range(const std::vector<double>& basis_values, bool screen) {
  auto ranges = moving_ranges(basis_values);
  double average = mean_of(ranges);
  if (!screen) return average;
  std::vector<double> kept;
  for (double r : ranges)
    if (r < moving_range_d4 * average) kept.push_back(r);
  // A flat baseline has every range 0, none of them below 0: R would give NaN limits; we keep a zero sigma.
  return kept.empty() ? average : mean_of(kept);
}

}  // namespace

Result<ChartResult> individuals_chart(const ChartInput& input, XmrOptions options) {
  auto phases = plan_phases(input, 2);
  if (!phases) return phases.error();
  std::vector<PointLimits> limits(input.values.size());
  for (const auto& phase : *phases) {
    const auto basis = pick(input.values, phase.basis);
    const double centre = mean_of(basis);
    PointLimits l;
    l.centre = centre;
    if (options.method == XmrMethod::qicharts2) {
      const double sigma = average_moving_range(basis, true) / 1.128;  // Montgomery 6.33
      l.lower = centre - 3 * sigma;
      l.upper = centre + 3 * sigma;
      l.lower_2sigma = centre - 2 * sigma;
      l.upper_2sigma = centre + 2 * sigma;
    } else {
      const double amr = average_moving_range(basis, options.screen_moving_ranges);
      const double limit = 2.66;
      const double close = 2 * (limit / 3);
      l.lower = centre - limit * amr;
      l.upper = centre + limit * amr;
      l.lower_2sigma = centre - close * amr;
      l.upper_2sigma = centre + close * amr;
    }
    for (std::size_t i = phase.begin; i < phase.end; ++i) limits[i] = l;
  }
  return assemble_chart(input, input.values, *phases, limits);
}

Result<ChartResult> moving_range_chart(const ChartInput& input) {
  auto phases = plan_phases(input, 2);
  if (!phases) return phases.error();
  std::vector<double> plotted(input.values.size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<PointLimits> limits(input.values.size());
  for (const auto& phase : *phases) {
    for (std::size_t i = phase.begin + 1; i < phase.end; ++i)
      plotted[i] = std::fabs(input.values[i] - input.values[i - 1]);
    std::vector<double> basis_ranges;
    for (auto i : phase.basis)
      if (i > phase.begin) basis_ranges.push_back(plotted[i]);
    PointLimits l;
    l.centre = mean_of(basis_ranges);
    l.lower = 0.0;
    l.upper = moving_range_d4 * l.centre;
    for (std::size_t i = phase.begin; i < phase.end; ++i) limits[i] = l;
  }
  auto chart = assemble_chart(input, plotted, *phases, limits);
  // qicharts2 does not run the Anhøj rules on a moving range chart: its points are not independent.
  for (auto& phase : chart.phases) phase.runs.signal = false;
  for (auto& point : chart.points) point.runs_signal = false;
  return chart;
}

}  // namespace hqms::spc
