#pragma once
// Pareto analysis: the few causes that account for most events. Bars in descending order with the
// cumulative percentage, and the "vital few" up to the 80% cut.
#include <cstdint>
#include <string>
#include <vector>

namespace hqms {

struct CategoryCount {
  std::string key;
  std::string label;
  std::int64_t count = 0;
};

struct ParetoBar {
  std::string key;
  std::string label;
  std::int64_t count = 0;
  double percent = 0;             // of the total
  double cumulative_percent = 0;  // this bar and all before it
  bool vital_few = false;         // the bars needed to reach 80% (the bar that crosses 80% included)
};

// Zero counts are dropped; ties keep the order of label so the chart is stable.
std::vector<ParetoBar> pareto(std::vector<CategoryCount> counts, double cut_percent = 80.0);

}  // namespace hqms
