#include "core/spc/run_chart.hpp"

#include "core/spc/summary_statistics.hpp"

namespace hqms::spc {

Result<ChartResult> run_chart(const ChartInput& input) {
  auto phases = plan_phases(input, 1);
  if (!phases) return phases.error();
  std::vector<PointLimits> limits(input.values.size());
  for (const auto& phase : *phases) {
    // qicharts2: the median of the baseline's non-excluded values.
    const double centre = median_of(pick(input.values, phase.basis));
    for (std::size_t i = phase.begin; i < phase.end; ++i) limits[i].centre = centre;
  }
  return assemble_chart(input, input.values, *phases, limits);
}

}  // namespace hqms::spc
