#include "core/spc/summary_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hqms::spc {

double mean_of(const std::vector<double>& values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double median_of(std::vector<double> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::vector<double> moving_ranges(const std::vector<double>& values) {
  std::vector<double> out;
  for (std::size_t i = 1; i < values.size(); ++i) out.push_back(std::fabs(values[i] - values[i - 1]));
  return out;
}

std::vector<double> pick(const std::vector<double>& values, const std::vector<std::size_t>& indices) {
  std::vector<double> out;
  out.reserve(indices.size());
  for (auto i : indices) out.push_back(values[i]);
  return out;
}

}  // namespace hqms::spc
