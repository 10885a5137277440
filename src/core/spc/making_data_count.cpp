#include "core/spc/making_data_count.hpp"

#include <cmath>
#include <cstdlib>

namespace hqms::spc {
namespace {

constexpr EnumTable<ImprovementDirection, 3> directions{{
    {ImprovementDirection::increase, "increase", "Higher is better"},
    {ImprovementDirection::decrease, "decrease", "Lower is better"},
    {ImprovementDirection::neutral, "neutral", "Neither"},
}};

constexpr EnumTable<SpecialCause, 9> causes{{
    {SpecialCause::common_cause, "common_cause", "Common cause"},
    {SpecialCause::above_upper_limit, "above_upper_limit", "Above the upper process limit"},
    {SpecialCause::below_lower_limit, "below_lower_limit", "Below the lower process limit"},
    {SpecialCause::trend_increasing, "trend_increasing", "7 point trend (increasing)"},
    {SpecialCause::trend_decreasing, "trend_decreasing", "7 point trend (decreasing)"},
    {SpecialCause::two_of_three_above, "two_of_three_above",
     "2 of 3 above the centre line, close to the limit"},
    {SpecialCause::two_of_three_below, "two_of_three_below",
     "2 of 3 below the centre line, close to the limit"},
    {SpecialCause::shift_above, "shift_above", "7 points above the centre line"},
    {SpecialCause::shift_below, "shift_below", "7 points below the centre line"},
}};

constexpr EnumTable<PointVariation, 5> point_variations{{
    {PointVariation::common_cause, "common_cause", "Common cause"},
    {PointVariation::improvement, "special_cause_improvement", "Special cause, improving"},
    {PointVariation::concern, "special_cause_concern", "Special cause, concerning"},
    {PointVariation::neutral_high, "special_cause_neutral_high", "Special cause, high"},
    {PointVariation::neutral_low, "special_cause_neutral_low", "Special cause, low"},
}};

constexpr EnumTable<VariationIcon, 7> variation_icons{{
    {VariationIcon::common_cause, "common_cause", "Common cause variation"},
    {VariationIcon::improvement_high, "improvement_high", "Special cause variation, improving (high)"},
    {VariationIcon::improvement_low, "improvement_low", "Special cause variation, improving (low)"},
    {VariationIcon::concern_high, "concern_high", "Special cause variation, concerning (high)"},
    {VariationIcon::concern_low, "concern_low", "Special cause variation, concerning (low)"},
    {VariationIcon::neutral_high, "neutral_high", "Special cause variation, neither (high)"},
    {VariationIcon::neutral_low, "neutral_low", "Special cause variation, neither (low)"},
}};

constexpr EnumTable<AssuranceIcon, 4> assurance_icons{{
    {AssuranceIcon::none, "none", "No assurance"},
    {AssuranceIcon::consistently_met, "consistent_pass", "Target consistently met"},
    {AssuranceIcon::consistently_failed, "consistent_fail", "Target consistently failed"},
    {AssuranceIcon::hit_and_miss, "inconsistent", "Hit and miss: the target lies within the limits"},
}};

int sign(double v) {
  return (v > 0) - (v < 0);
}

// plotthedots marks the last point of each qualifying window, then every point within the window's reach:
// a point is part of a run when it or one of the next (length - 1) points ends one.
std::vector<bool> spread_back(const std::vector<int>& window_ends, std::size_t length) {
  std::vector<bool> part(window_ends.size(), false);
  for (std::size_t i = 0; i < window_ends.size(); ++i)
    for (std::size_t k = 0; k < length && i + k < window_ends.size(); ++k)
      if (window_ends[i + k] != 0) part[i] = true;
  return part;
}

// The special causes of one phase's judged points, in order.
std::vector<SpecialCause> phase_causes(const std::vector<double>& y, const std::vector<int>& side,
                                       const std::vector<bool>& outside, const std::vector<bool>& close) {
  const std::size_t n = y.size();
  std::vector<int> shift_ends(n, 0);
  std::vector<int> trend_ends(n, 0);
  for (std::size_t j = shift_points - 1; j < n; ++j) {
    bool same = side[j] != 0;
    for (std::size_t k = 1; k < shift_points && same; ++k) same = side[j - k] == side[j];
    shift_ends[j] = same ? 1 : 0;
  }
  for (std::size_t j = trend_points - 1; j < n; ++j) {
    int direction = sign(y[j] - y[j - 1]);
    for (std::size_t k = 1; k < trend_points - 1 && direction != 0; ++k)
      if (sign(y[j - k] - y[j - k - 1]) != direction) direction = 0;
    trend_ends[j] = direction;
  }
  const auto in_shift = spread_back(shift_ends, shift_points);
  const auto in_trend = spread_back(trend_ends, trend_points);

  // Two of three: a window of 3 consecutive points, all on one side of the centre line, at least 2 of them
  // close to a limit (between the 2- and 3-sigma lines); only the close points themselves are marked.
  auto window_qualifies = [&](std::ptrdiff_t first) {
    if (first < 0 || first + 3 > static_cast<std::ptrdiff_t>(n)) return false;
    int closes = 0;
    int sides = 0;
    for (std::ptrdiff_t k = first; k < first + 3; ++k) {
      closes += close[static_cast<std::size_t>(k)] ? 1 : 0;
      sides += side[static_cast<std::size_t>(k)];
    }
    return closes >= 2 && std::abs(sides) == 3;
  };

  std::vector<SpecialCause> out(n, SpecialCause::common_cause);
  for (std::size_t i = 0; i < n; ++i) {
    const auto at = static_cast<std::ptrdiff_t>(i);
    const bool two_of_three =
        close[i] && (window_qualifies(at - 2) || window_qualifies(at - 1) || window_qualifies(at));
    if (outside[i]) {
      out[i] = side[i] == 1 ? SpecialCause::above_upper_limit : SpecialCause::below_lower_limit;
    } else if (in_trend[i]) {
      // A point where two trends meet takes the direction of the step to its right, as plotthedots does.
      const bool right = i + 1 < n && in_trend[i + 1];
      const int step = right ? sign(y[i + 1] - y[i]) : (i > 0 ? sign(y[i] - y[i - 1]) : 0);
      out[i] = step == 1 ? SpecialCause::trend_increasing : SpecialCause::trend_decreasing;
    } else if (two_of_three) {
      out[i] = side[i] > 0 ? SpecialCause::two_of_three_above : SpecialCause::two_of_three_below;
    } else if (in_shift[i]) {
      out[i] = side[i] > 0 ? SpecialCause::shift_above : SpecialCause::shift_below;
    }
  }
  return out;
}

int high_or_low(SpecialCause c) {
  switch (c) {
    case SpecialCause::above_upper_limit:
    case SpecialCause::trend_increasing:
    case SpecialCause::two_of_three_above:
    case SpecialCause::shift_above:
      return 1;
    case SpecialCause::below_lower_limit:
    case SpecialCause::trend_decreasing:
    case SpecialCause::two_of_three_below:
    case SpecialCause::shift_below:
      return -1;
    case SpecialCause::common_cause:
      break;
  }
  return 0;
}

PointVariation variation_of(SpecialCause cause, ImprovementDirection direction) {
  const int v = high_or_low(cause);
  if (v == 0) return PointVariation::common_cause;
  if (direction == ImprovementDirection::neutral)
    return v > 0 ? PointVariation::neutral_high : PointVariation::neutral_low;
  const int oriented = direction == ImprovementDirection::increase ? v : -v;
  return oriented > 0 ? PointVariation::improvement : PointVariation::concern;
}

bool judged(const ChartPoint& p) {
  return !p.excluded && !std::isnan(p.value);
}

}  // namespace

std::string_view to_string(ImprovementDirection v) {
  return enum_name(directions, v).id;
}
std::string_view to_string(SpecialCause v) {
  return enum_name(causes, v).id;
}
std::string_view to_string(PointVariation v) {
  return enum_name(point_variations, v).id;
}
std::string_view to_string(VariationIcon v) {
  return enum_name(variation_icons, v).id;
}
std::string_view to_string(AssuranceIcon v) {
  return enum_name(assurance_icons, v).id;
}
std::string_view label(VariationIcon v) {
  return enum_name(variation_icons, v).label;
}
std::string_view label(AssuranceIcon v) {
  return enum_name(assurance_icons, v).label;
}
std::optional<ImprovementDirection> improvement_direction_from_string(std::string_view s) {
  return enum_from_id(directions, s);
}

std::vector<MdcPoint> classify_points(const ChartResult& chart, ImprovementDirection direction) {
  std::vector<MdcPoint> out(chart.points.size());
  for (const auto& phase : chart.phases) {
    std::vector<std::size_t> index;
    std::vector<double> y;
    std::vector<int> side;
    std::vector<bool> outside;
    std::vector<bool> close;
    for (std::size_t i = phase.begin; i < phase.end; ++i) {
      const auto& p = chart.points[i];
      if (!judged(p)) continue;
      const bool beyond = (p.upper && p.value > *p.upper) || (p.lower && p.value < *p.lower);
      index.push_back(i);
      y.push_back(p.value);
      side.push_back(sign(p.value - p.centre));
      outside.push_back(beyond);
      close.push_back(!beyond && ((p.upper_2sigma && p.value > *p.upper_2sigma) ||
                                  (p.lower_2sigma && p.value < *p.lower_2sigma)));
    }
    const auto phase_cause = phase_causes(y, side, outside, close);
    for (std::size_t k = 0; k < index.size(); ++k)
      out[index[k]] = MdcPoint{phase_cause[k], variation_of(phase_cause[k], direction)};
  }
  return out;
}

VariationIcon variation_icon(PointVariation last_point, ImprovementDirection direction) {
  const bool increase = direction == ImprovementDirection::increase;
  switch (last_point) {
    case PointVariation::common_cause:
      return VariationIcon::common_cause;
    case PointVariation::neutral_high:
      return VariationIcon::neutral_high;
    case PointVariation::neutral_low:
      return VariationIcon::neutral_low;
    case PointVariation::concern:
      return increase ? VariationIcon::concern_low : VariationIcon::concern_high;
    case PointVariation::improvement:
      return increase ? VariationIcon::improvement_high : VariationIcon::improvement_low;
  }
  return VariationIcon::common_cause;
}

AssuranceIcon assurance_icon(const ChartPoint& last_point, ImprovementDirection direction,
                             std::optional<double> target) {
  if (!target || direction == ImprovementDirection::neutral || !last_point.upper || !last_point.lower)
    return AssuranceIcon::none;
  const bool increase = direction == ImprovementDirection::increase;
  // The process will not reach a target beyond its upper limit, and will not fall to one below its lower.
  if (*target > *last_point.upper)
    return increase ? AssuranceIcon::consistently_failed : AssuranceIcon::consistently_met;
  if (*target < *last_point.lower)
    return increase ? AssuranceIcon::consistently_met : AssuranceIcon::consistently_failed;
  return AssuranceIcon::hit_and_miss;
}

MdcReading read_chart(const ChartResult& chart, ImprovementDirection direction,
                      std::optional<double> target) {
  MdcReading reading;
  reading.points = classify_points(chart, direction);
  // plotthedots reads the icons off the last plotted point; an excluded point says nothing about the
  // process, so the last judged one is read instead.
  for (std::size_t i = chart.points.size(); i-- > 0;) {
    if (!judged(chart.points[i])) continue;
    reading.variation = variation_icon(reading.points[i].variation, direction);
    reading.assurance = assurance_icon(chart.points[i], direction, target);
    break;
  }
  for (const auto& phase : chart.phases)
    reading.short_phases.push_back(phase.end - phase.begin < short_phase_points);
  return reading;
}

}  // namespace hqms::spc
