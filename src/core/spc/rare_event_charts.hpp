#pragma once
// Charts for rare events, as qicharts2 computes them (R/helper.functions.R):
// - g chart (qic.g, Montgomery p. 319): the number of opportunities (e.g. patients, days) between events;
//   with m the mean of the baseline, sigma = sqrt(m (m + 1)) from the geometric distribution, limits
//   m +- 3 sigma with the lower floored at 0; the centre line drawn is the median, because the geometric
//   distribution is skewed. qicharts2 takes that median over every point of the phase; we take it over the
//   baseline's non-excluded points, so that excluded points do not move it (the same without exclusions or
//   a frozen baseline).
// - t chart (qic.t): the time between events, > 0; transformed by the power 1 / 3.6 to near-normal, an I
// chart
//   (qicharts2's, with its screening) on the transformed values, and the centre and limits raised back to the
//   power 3.6; a lower limit below 0 becomes 0 (R gives NaN for a negative base to a fractional power).
#include "core/common/result.hpp"
#include "core/spc/chart_result.hpp"

namespace hqms::spc {

Result<ChartResult> g_chart(const ChartInput& input);
Result<ChartResult> t_chart(const ChartInput& input);

}  // namespace hqms::spc
