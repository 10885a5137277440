#include "core/spc/rare_event_charts.hpp"

#include <algorithm>
#include <cmath>

#include "core/spc/summary_statistics.hpp"
#include "core/spc/xmr_chart.hpp"

namespace hqms::spc {
namespace {

constexpr double t_power = 3.6;

double back_transformed(double v) {
  return v < 0 ? 0.0 : std::pow(v, t_power);
}

}  // namespace

Result<ChartResult> g_chart(const ChartInput& input) {
  auto errors = check_counts(input);
  if (!errors.empty()) return Error::validation(std::move(errors));
  auto phases = plan_phases(input, 1);
  if (!phases) return phases.error();
  std::vector<PointLimits> limits(input.values.size());
  for (const auto& phase : *phases) {
    const auto basis = pick(input.values, phase.basis);
    const double mean = mean_of(basis);
    const double sigma = std::sqrt(mean * (mean + 1));
    const PointLimits l{median_of(basis), std::max(0.0, mean - 3 * sigma), mean + 3 * sigma,
                        std::max(0.0, mean - 2 * sigma), mean + 2 * sigma};
    for (std::size_t i = phase.begin; i < phase.end; ++i) limits[i] = l;
  }
  return assemble_chart(input, input.values, *phases, limits);
}

Result<ChartResult> t_chart(const ChartInput& input) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < input.values.size(); ++i)
    if (!(input.values[i] > 0))
      errors.push_back({"values[" + std::to_string(i) + "]", "The time between events must be above zero."});
  if (!errors.empty()) return Error::validation(std::move(errors));
  ChartInput transformed = input;
  for (auto& v : transformed.values) v = std::pow(v, 1 / t_power);
  auto chart = individuals_chart(transformed, {XmrMethod::qicharts2, true});
  if (!chart) return chart.error();
  auto phases = plan_phases(input, 2);
  if (!phases) return phases.error();
  std::vector<PointLimits> limits;
  for (const auto& p : chart->points)
    limits.push_back(PointLimits{back_transformed(p.centre), back_transformed(*p.lower),
                                 back_transformed(*p.upper), back_transformed(*p.lower_2sigma),
                                 back_transformed(*p.upper_2sigma)});
  return assemble_chart(input, input.values, *phases, limits);
}

}  // namespace hqms::spc
