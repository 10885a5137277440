#include "core/spc/attribute_charts.hpp"

#include <algorithm>
#include <cmath>

#include "core/spc/summary_statistics.hpp"

namespace hqms::spc {
namespace {

struct Bounds {
  bool floor_at_zero = true;
  bool cap_at_one = false;
};

PointLimits around(double centre, double sigma, Bounds bounds) {
  auto lower = [&](double k) {
    return bounds.floor_at_zero ? std::max(0.0, centre - k * sigma) : centre - k * sigma;
  };
  auto upper = [&](double k) {
    return bounds.cap_at_one ? std::min(1.0, centre + k * sigma) : centre + k * sigma;
  };
  return PointLimits{centre, lower(3), upper(3), lower(2), upper(2)};
}

// Numerators against denominators: both counts, the numerator never above the denominator for a proportion.
Result<std::vector<PhaseSegment>> check_ratio_input(const ChartInput& input, bool proportion) {
  auto errors = check_counts(input);
  auto denominator_errors = check_denominators(input);
  errors.insert(errors.end(), denominator_errors.begin(), denominator_errors.end());
  if (proportion && input.denominators.size() == input.values.size())
    for (std::size_t i = 0; i < input.values.size(); ++i)
      if (input.values[i] > input.denominators[i])
        errors.push_back(
            {"values[" + std::to_string(i) + "]", "The numerator cannot exceed the denominator."});
  if (!errors.empty()) return Error::validation(std::move(errors));
  return plan_phases(input, 1);
}

std::vector<double> ratios(const ChartInput& input) {
  std::vector<double> out(input.values.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = input.values[i] / input.denominators[i];
  return out;
}

double pooled_ratio(const ChartInput& input, const PhaseSegment& phase) {
  double numerator = 0;
  double denominator = 0;
  for (auto i : phase.basis) {
    numerator += input.values[i];
    denominator += input.denominators[i];
  }
  return numerator / denominator;
}

}  // namespace

Result<ChartResult> p_chart(const ChartInput& input) {
  auto phases = check_ratio_input(input, true);
  if (!phases) return phases.error();
  std::vector<PointLimits> limits(input.values.size());
  for (const auto& phase : *phases) {
    const double centre = pooled_ratio(input, phase);
    for (std::size_t i = phase.begin; i < phase.end; ++i)
      limits[i] = around(centre, std::sqrt(centre * (1 - centre) / input.denominators[i]), {true, true});
  }
  return assemble_chart(input, ratios(input), *phases, limits);
}

Result<ChartResult> u_chart(const ChartInput& input, double per) {
  auto phases = check_ratio_input(input, false);
  if (!phases) return phases.error();
  if (!(per > 0)) return Error::validation({{"per", "Must be above zero."}});
  std::vector<PointLimits> limits(input.values.size());
  for (const auto& phase : *phases) {
    const double centre = pooled_ratio(input, phase);
    for (std::size_t i = phase.begin; i < phase.end; ++i)
      limits[i] = around(centre, std::sqrt(centre / input.denominators[i]), {});
  }
  auto values = ratios(input);
  // qicharts2 multiplies after computing the limits, so the floor at 0 is unaffected.
  for (auto& v : values) v *= per;
  for (auto& l : limits) {
    l.centre *= per;
    for (auto* bound : {&l.lower, &l.upper, &l.lower_2sigma, &l.upper_2sigma}) **bound *= per;
  }
  return assemble_chart(input, values, *phases, limits);
}

Result<ChartResult> c_chart(const ChartInput& input) {
  auto errors = check_counts(input);
  if (!errors.empty()) return Error::validation(std::move(errors));
  auto phases = plan_phases(input, 1);
  if (!phases) return phases.error();
  std::vector<PointLimits> limits(input.values.size());
  for (const auto& phase : *phases) {
    const double centre = mean_of(pick(input.values, phase.basis));
    const auto l = around(centre, std::sqrt(centre), {});
    for (std::size_t i = phase.begin; i < phase.end; ++i) limits[i] = l;
  }
  return assemble_chart(input, input.values, *phases, limits);
}

}  // namespace hqms::spc
