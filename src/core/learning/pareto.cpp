#include "core/learning/pareto.hpp"

#include <algorithm>

namespace hqms {

std::vector<ParetoBar> pareto(std::vector<CategoryCount> counts, double cut_percent) {
  std::erase_if(counts, [](const CategoryCount& c) { return c.count <= 0; });
  std::sort(counts.begin(), counts.end(), [](const CategoryCount& a, const CategoryCount& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.label != b.label) return a.label < b.label;
    return a.key < b.key;
  });

  std::int64_t total = 0;
  for (const auto& c : counts) total += c.count;

  std::vector<ParetoBar> bars;
  bars.reserve(counts.size());
  std::int64_t running = 0;
  for (auto& c : counts) {
    // A bar belongs to the vital few while the bars before it fall short of the cut; comparing counts rather
    // than summed percentages keeps a bar that lands exactly on 80% from being nudged either way by rounding.
    const bool vital = static_cast<double>(running) * 100.0 < cut_percent * static_cast<double>(total);
    running += c.count;
    bars.push_back(
        ParetoBar{.key = std::move(c.key),
                  .label = std::move(c.label),
                  .count = c.count,
                  .percent = 100.0 * static_cast<double>(c.count) / static_cast<double>(total),
                  .cumulative_percent = 100.0 * static_cast<double>(running) / static_cast<double>(total),
                  .vital_few = vital});
  }
  return bars;
}

}  // namespace hqms
