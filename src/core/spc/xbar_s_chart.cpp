#include "core/spc/xbar_s_chart.hpp"

#include <algorithm>
#include <cmath>

namespace hqms::spc {
namespace {

Result<std::vector<PhaseSegment>> check_subgroups(const ChartInput& input) {
  std::vector<FieldError> errors;
  const std::size_t n = input.values.size();
  if (input.denominators.size() != n)
    errors.push_back({"denominators", "There must be one subgroup size for each subgroup mean."});
  if (input.subgroup_sds.size() != n)
    errors.push_back({"subgroup_sds", "There must be one standard deviation for each subgroup mean."});
  if (errors.empty()) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!(input.denominators[i] >= 2) || std::floor(input.denominators[i]) != input.denominators[i])
        errors.push_back(
            {"denominators[" + std::to_string(i) + "]", "A subgroup needs at least 2 measurements."});
      if (!(input.subgroup_sds[i] >= 0) || !std::isfinite(input.subgroup_sds[i]))
        errors.push_back({"subgroup_sds[" + std::to_string(i) + "]", "Must be zero or more."});
    }
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  return plan_phases(input, 1);
}

double c5_constant(double n) {
  const double c4 = c4_constant(n);
  return std::sqrt(1 - c4 * c4);
}

// The process standard deviation of a phase: pooled when subgroup sizes differ within it, else the mean s.
double phase_sigma(const ChartInput& input, const PhaseSegment& phase) {
  bool sizes_vary = false;
  for (std::size_t i = phase.begin + 1; i < phase.end; ++i)
    sizes_vary = sizes_vary || input.denominators[i] != input.denominators[phase.begin];
  double sum = 0;
  double weight = 0;
  for (auto i : phase.basis) {
    const double s = input.subgroup_sds[i];
    if (sizes_vary) {
      sum += (input.denominators[i] - 1) * s * s;
      weight += input.denominators[i] - 1;
    } else {
      sum += s;
      weight += 1;
    }
  }
  return sizes_vary ? std::sqrt(sum / weight) : sum / weight;
}

}  // namespace

double c4_constant(double n) {
  // Through log-gamma, as qicharts2, so that large subgroups do not overflow Gamma.
  return std::sqrt(2 / (n - 1)) * std::exp(std::lgamma(n / 2) - std::lgamma((n - 1) / 2));
}

Result<ChartResult> xbar_chart(const ChartInput& input) {
  auto phases = check_subgroups(input);
  if (!phases) return phases.error();
  std::vector<PointLimits> limits(input.values.size());
  for (const auto& phase : *phases) {
    double weighted = 0;
    double size = 0;
    for (auto i : phase.basis) {
      weighted += input.denominators[i] * input.values[i];
      size += input.denominators[i];
    }
    const double centre = weighted / size;
    const double sigma = phase_sigma(input, phase);
    for (std::size_t i = phase.begin; i < phase.end; ++i) {
      const double n = input.denominators[i];
      const double a3 = 3 / (c4_constant(n) * std::sqrt(n));
      limits[i] = PointLimits{centre, centre - a3 * sigma, centre + a3 * sigma, centre - 2 * a3 / 3 * sigma,
                              centre + 2 * a3 / 3 * sigma};
    }
  }
  return assemble_chart(input, input.values, *phases, limits);
}

Result<ChartResult> s_chart(const ChartInput& input) {
  auto phases = check_subgroups(input);
  if (!phases) return phases.error();
  std::vector<PointLimits> limits(input.values.size());
  for (const auto& phase : *phases) {
    const double centre = phase_sigma(input, phase);
    for (std::size_t i = phase.begin; i < phase.end; ++i) {
      const double n = input.denominators[i];
      const double spread = c5_constant(n) / c4_constant(n);
      limits[i] = PointLimits{centre, std::max(0.0, 1 - 3 * spread) * centre, (1 + 3 * spread) * centre,
                              std::max(0.0, 1 - 2 * spread) * centre, (1 + 2 * spread) * centre};
    }
  }
  return assemble_chart(input, input.subgroup_sds, *phases, limits);
}

}  // namespace hqms::spc
