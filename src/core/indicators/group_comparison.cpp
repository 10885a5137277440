#include "core/indicators/group_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/indicators/indicator_engine.hpp"
#include "core/spc/funnel_plot.hpp"

namespace hqms::indicators {
namespace {

bool too_small(const IndicatorDefinition& indicator, const GroupCount& g, int threshold) {
  if (threshold <= 0) return false;
  const double t = threshold;
  const bool small_numerator = g.numerator >= 1 && g.numerator < t;
  if (indicator.type == IndicatorType::count) return small_numerator;
  return small_numerator || g.denominator < t;
}

// The size a group is ranked by for complementary suppression: what its figures are counted from.
double group_size(const IndicatorDefinition& indicator, const GroupCount& g) {
  return indicator.type == IndicatorType::count ? g.numerator : g.denominator;
}

}  // namespace

Result<GroupComparison> compare_groups(const IndicatorDefinition& indicator,
                                       const std::vector<GroupCount>& groups, SuppressionRule suppression) {
  // A median is not made of sums, so groups cannot be set beside an overall median from these counts.
  if (indicator.type == IndicatorType::median)
    return Error::validation(
        {{"indicator", "A median indicator is compared on its own chart, not from counts."}});

  GroupComparison out;
  double numerator = 0, denominator = 0;
  std::vector<bool> hidden(groups.size(), false);
  std::size_t hidden_count = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    numerator += groups[i].numerator;
    denominator += groups[i].denominator;
    hidden[i] = too_small(indicator, groups[i], suppression.threshold);
    hidden_count += hidden[i];
  }
  out.overall = indicator_value(indicator, numerator, denominator);

  // With one group hidden, the total would give it away: hide the next smallest as well.
  if (hidden_count == 1 && groups.size() > 1) {
    std::optional<std::size_t> smallest;
    for (std::size_t i = 0; i < groups.size(); ++i)
      if (!hidden[i] &&
          (!smallest || group_size(indicator, groups[i]) < group_size(indicator, groups[*smallest])))
        smallest = i;
    if (smallest) hidden[*smallest] = true;
  }

  // Funnel limits around the overall value, for the measures with a known spread.
  std::optional<spc::FunnelMeasure> measure;
  if (indicator.type == IndicatorType::proportion) measure = spc::FunnelMeasure::proportion;
  if (indicator.type == IndicatorType::rate) measure = spc::FunnelMeasure::rate;
  std::vector<spc::FunnelUnit> funnel_units;
  std::vector<std::size_t> funnel_index(groups.size(), SIZE_MAX);
  if (measure) {
    for (std::size_t i = 0; i < groups.size(); ++i) {
      if (!(groups[i].denominator > 0)) continue;
      funnel_index[i] = funnel_units.size();
      funnel_units.push_back({groups[i].key, groups[i].numerator, groups[i].denominator});
    }
  }
  std::optional<spc::FunnelPlot> funnel;
  if (!funnel_units.empty()) {
    auto plot = spc::funnel_plot(funnel_units, *measure, indicator.per);
    if (!plot) return plot.error();
    funnel = std::move(*plot);
  }

  for (std::size_t i = 0; i < groups.size(); ++i) {
    const auto& g = groups[i];
    GroupValue v;
    v.key = g.key;
    v.label = g.label;
    v.suppressed = hidden[i];
    if (!v.suppressed) {
      v.numerator = g.numerator;
      if (indicator.type != IndicatorType::count) v.denominator = g.denominator;
      v.value = indicator_value(indicator, g.numerator, g.denominator);
      if (funnel && funnel_index[i] != SIZE_MAX) {
        const auto& f = funnel->units[funnel_index[i]];
        v.lower_95 = f.lower_95;
        v.upper_95 = f.upper_95;
        v.lower_998 = f.lower_998;
        v.upper_998 = f.upper_998;
        v.outside_95 = f.outside_95;
        v.outside_998 = f.outside_998;
      }
    }
    out.groups.push_back(std::move(v));
  }

  const bool higher_better = indicator.direction == Direction::higher_is_better;
  const GroupValue* best = nullptr;
  const GroupValue* worst = nullptr;
  for (const auto& v : out.groups) {
    if (!v.value) continue;
    if (!best || (higher_better ? *v.value > *best->value : *v.value < *best->value)) best = &v;
    if (!worst || (higher_better ? *v.value < *worst->value : *v.value > *worst->value)) worst = &v;
  }
  if (best && worst && best != worst) {
    out.best = best->key;
    out.worst = worst->key;
    out.gap = std::abs(*best->value - *worst->value);
    if (*best->value != 0) out.ratio = *worst->value / *best->value;
  }
  return out;
}

}  // namespace hqms::indicators
