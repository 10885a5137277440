#include "core/spc/laney_charts.hpp"

#include <algorithm>
#include <cmath>

#include "core/spc/summary_statistics.hpp"

namespace hqms::spc {
namespace {

enum class Model { proportion, rate };

Result<ChartResult> laney_chart(const ChartInput& input, Model model, double per) {
  auto errors = check_counts(input);
  auto denominator_errors = check_denominators(input);
  errors.insert(errors.end(), denominator_errors.begin(), denominator_errors.end());
  if (model == Model::proportion && denominator_errors.empty())
    for (std::size_t i = 0; i < input.values.size(); ++i)
      if (input.values[i] > input.denominators[i])
        errors.push_back(
            {"values[" + std::to_string(i) + "]", "The numerator cannot exceed the denominator."});
  if (!(per > 0)) errors.push_back({"per", "Must be above zero."});
  if (!errors.empty()) return Error::validation(std::move(errors));
  auto phases = plan_phases(input, 2);
  if (!phases) return phases.error();

  const std::size_t n = input.values.size();
  std::vector<double> y(n);
  for (std::size_t i = 0; i < n; ++i) y[i] = input.values[i] / input.denominators[i];
  std::vector<PointLimits> limits(n);
  for (const auto& phase : *phases) {
    double numerator = 0;
    double denominator = 0;
    for (auto i : phase.basis) {
      numerator += input.values[i];
      denominator += input.denominators[i];
    }
    const double centre = numerator / denominator;
    const bool degenerate = model == Model::proportion ? (centre <= 0 || centre >= 1) : centre <= 0;
    // With no events (or only events) every z-score divides by a zero sigma: there is no spread to scale.
    if (degenerate)
      return Error::validation(
          {{"values", "Laney's chart needs events in its baseline, and non-events for p′."}});
    auto sigma = [&](std::size_t i) {
      return model == Model::proportion ? std::sqrt(centre * (1 - centre) / input.denominators[i])
                                        : std::sqrt(centre / input.denominators[i]);
    };
    std::vector<double> z;
    for (auto i : phase.basis) z.push_back((y[i] - centre) / sigma(i));
    const double sigma_z = mean_of(moving_ranges(z)) / 1.128;
    for (std::size_t i = phase.begin; i < phase.end; ++i) {
      const double s = sigma(i) * sigma_z;
      auto lower = [&](double k) { return std::max(0.0, centre - k * s); };
      auto upper = [&](double k) {
        return model == Model::proportion ? std::min(1.0, centre + k * s) : centre + k * s;
      };
      limits[i] = PointLimits{centre, lower(3), upper(3), lower(2), upper(2)};
    }
  }
  for (auto& v : y) v *= per;
  for (auto& l : limits) {
    l.centre *= per;
    for (auto* bound : {&l.lower, &l.upper, &l.lower_2sigma, &l.upper_2sigma}) **bound *= per;
  }
  return assemble_chart(input, y, *phases, limits);
}

}  // namespace

Result<ChartResult> p_prime_chart(const ChartInput& input) {
  return laney_chart(input, Model::proportion, 1);
}
Result<ChartResult> u_prime_chart(const ChartInput& input, double per) {
  return laney_chart(input, Model::rate, per);
}

}  // namespace hqms::spc
