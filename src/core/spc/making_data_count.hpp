#pragma once
// NHS England's "Making Data Count" reading of a control chart, as the NHS-R plotthedots package implements
// it (R/ptd_calculate_point_type.R, R/ptd_calculate_assurance_type.R, R/geom_ptd_icon.R):
// - each point gets at most one special cause, in this order of precedence: beyond a 3-sigma limit; part of a
//   trend of 7 points each strictly above (or below) the one before; one of 2 of 3 consecutive points on the
//   same side of the centre line that lie between the 2- and 3-sigma lines; part of a shift of 7 points on
//   the same side of the centre line (a point on the line breaks it);
// - the special cause is improving or concerning given the indicator's improvement direction;
// - the variation icon is the last point's state, the assurance icon compares the target with the last
//   point's limits.
// The rules run within each phase, over the points that are not excluded.
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/common/enum_table.hpp"
#include "core/spc/chart_result.hpp"

namespace hqms::spc {

// plotthedots' run lengths (hard-coded there, not options).
inline constexpr std::size_t shift_points = 7;
inline constexpr std::size_t trend_points = 7;
// plotthedots warns that a phase with fewer points has trial limits (ptd_add_short_group_warnings' default
// threshold is 13, though its message says 12).
inline constexpr std::size_t short_phase_points = 13;

enum class ImprovementDirection { increase, decrease, neutral };
enum class SpecialCause {
  common_cause,
  above_upper_limit,
  below_lower_limit,
  trend_increasing,
  trend_decreasing,
  two_of_three_above,
  two_of_three_below,
  shift_above,
  shift_below,
};
enum class PointVariation { common_cause, improvement, concern, neutral_high, neutral_low };
enum class VariationIcon {
  common_cause,
  improvement_high,
  improvement_low,
  concern_high,
  concern_low,
  neutral_high,
  neutral_low
};
enum class AssuranceIcon { none, consistently_met, consistently_failed, hit_and_miss };

std::string_view to_string(ImprovementDirection v);
std::string_view to_string(SpecialCause v);
std::string_view to_string(PointVariation v);
std::string_view to_string(VariationIcon v);
std::string_view to_string(AssuranceIcon v);
std::string_view label(VariationIcon v);
std::string_view label(AssuranceIcon v);
std::optional<ImprovementDirection> improvement_direction_from_string(std::string_view s);

struct MdcPoint {
  SpecialCause cause = SpecialCause::common_cause;
  PointVariation variation = PointVariation::common_cause;
};

struct MdcReading {
  std::vector<MdcPoint> points;
  VariationIcon variation = VariationIcon::common_cause;
  AssuranceIcon assurance = AssuranceIcon::none;
  std::vector<bool> short_phases;  // per phase: fewer than short_phase_points points, trial limits
};

std::vector<MdcPoint> classify_points(const ChartResult& chart, ImprovementDirection direction);
VariationIcon variation_icon(PointVariation last_point, ImprovementDirection direction);
// No target, a neutral direction, or a chart without limits (a run chart) gives no assurance.
AssuranceIcon assurance_icon(const ChartPoint& last_point, ImprovementDirection direction,
                             std::optional<double> target);
MdcReading read_chart(const ChartResult& chart, ImprovementDirection direction, std::optional<double> target);

}  // namespace hqms::spc
