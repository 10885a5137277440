#include "core/spc/anhoej_rules.hpp"

#include <algorithm>
#include <cmath>

#include "core/spc/binomial_quantile.hpp"

namespace hqms::spc {

std::size_t longest_run_threshold(std::size_t useful_points) {
  // log2 of an integer is never exactly halfway, so R's round-half-to-even and std::round agree.
  return static_cast<std::size_t>(std::round(std::log2(static_cast<double>(useful_points)))) + 3;
}

std::size_t crossings_threshold(std::size_t useful_points) {
  return binomial_half_quantile(0.05, useful_points > 0 ? useful_points - 1 : 0);
}

RunsAnalysis analyse_runs(const std::vector<double>& values, const std::vector<double>& centres) {
  std::vector<int> sides;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double d = values[i] - centres[i];
    if (d > 0) sides.push_back(1);
    if (d < 0) sides.push_back(-1);
  }
  RunsAnalysis r;
  r.useful_points = sides.size();
  if (sides.empty()) return r;
  std::size_t runs = 1;
  std::size_t current = 1;
  r.longest_run = 1;
  for (std::size_t i = 1; i < sides.size(); ++i) {
    if (sides[i] == sides[i - 1]) {
      ++current;
    } else {
      ++runs;
      current = 1;
    }
    r.longest_run = std::max(r.longest_run, current);
  }
  r.crossings = runs - 1;
  r.longest_run_max = longest_run_threshold(r.useful_points);
  r.crossings_min = crossings_threshold(r.useful_points);
  r.signal = r.longest_run > r.longest_run_max || r.crossings < r.crossings_min;
  return r;
}

}  // namespace hqms::spc
