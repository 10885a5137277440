#pragma once
// The XmR pair: the individuals (I) chart and the moving range (MR) chart.
//
// The two reference implementations differ, so the method is an explicit choice:
// - qicharts2 (qic.i): centre = mean; moving ranges over the baseline, those at or above 3.267 x their mean
//   screened out (Nelson 1982) and the mean taken again; sigma = mean moving range / 1.128; limits
//   centre +- 3 sigma, 2-sigma limits centre +- 2 sigma.
// - Making Data Count (plotthedots ptd_spc_standard): centre = mean; the same screening, but optional
//   (`screen_outliers`, on by default); limits mean +- 2.66 x mean moving range and the "close to limits"
//   lines mean +- 2 x (2.66 / 3) x mean moving range. 2.66 is the rounded 3 / 1.128, so the two methods give
//   slightly different limits.
#include "core/common/result.hpp"
#include "core/spc/chart_result.hpp"

namespace hqms::spc {

enum class XmrMethod { qicharts2, making_data_count };

struct XmrOptions {
  XmrMethod method = XmrMethod::qicharts2;
  // Only Making Data Count lets the screening be switched off; qicharts2 always screens.
  bool screen_moving_ranges = true;
};

Result<ChartResult> individuals_chart(const ChartInput& input, XmrOptions options = {});

// qicharts2 qic.mr: the moving ranges of the phase (the first point of each phase has none and is NaN),
// centre = mean of the baseline's moving ranges, upper limit 3.267 x centre, lower limit 0. As in qicharts2 a
// moving range belongs to the later of its two points: it counts when that point is in the baseline.
Result<ChartResult> moving_range_chart(const ChartInput& input);

}  // namespace hqms::spc
