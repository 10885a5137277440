#include "core/spc/chart_result.hpp"

#include <cmath>

namespace hqms::spc {

ChartResult assemble_chart(const ChartInput& input, const std::vector<double>& plotted,
                           const std::vector<PhaseSegment>& phases, const std::vector<PointLimits>& limits) {
  ChartResult result;
  result.points.resize(plotted.size());
  for (std::size_t p = 0; p < phases.size(); ++p) {
    const auto& phase = phases[p];
    std::vector<double> values;
    std::vector<double> centres;
    for (std::size_t i = phase.begin; i < phase.end; ++i) {
      auto& point = result.points[i];
      const auto& l = limits[i];
      point.value = plotted[i];
      point.centre = l.centre;
      point.lower = l.lower;
      point.upper = l.upper;
      point.lower_2sigma = l.lower_2sigma;
      point.upper_2sigma = l.upper_2sigma;
      point.phase = p;
      point.excluded = is_excluded(input, i);
      if (point.excluded || std::isnan(point.value)) continue;
      point.beyond_limits = (l.upper && point.value > *l.upper) || (l.lower && point.value < *l.lower);
      values.push_back(point.value);
      centres.push_back(l.centre);
    }
    for (auto i : phase.basis) result.points[i].in_baseline = true;
    PhaseResult summary{phase.begin, phase.end, analyse_runs(values, centres)};
    for (std::size_t i = phase.begin; i < phase.end; ++i) {
      auto& point = result.points[i];
      point.runs_signal = summary.runs.signal && !point.excluded && !std::isnan(point.value);
    }
    result.phases.push_back(summary);
  }
  return result;
}

}  // namespace hqms::spc
