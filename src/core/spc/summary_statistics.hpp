#pragma once
// The mean, the median and the average moving range of the values a phase's limits come from.
#include <cstddef>
#include <vector>

namespace hqms::spc {

double mean_of(const std::vector<double>& values);
// Of an even count, the mean of the two middle values, as R's median.
double median_of(std::vector<double> values);
// |x[i] - x[i-1]| over consecutive values of the list given (excluded points are already out of it).
std::vector<double> moving_ranges(const std::vector<double>& values);
// The values at the given indices.
std::vector<double> pick(const std::vector<double>& values, const std::vector<std::size_t>& indices);

}  // namespace hqms::spc
