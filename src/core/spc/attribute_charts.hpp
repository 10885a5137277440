#pragma once
// Charts for counts, as qicharts2 computes them (R/helper.functions.R):
// - p chart (qic.p): proportion numerator / denominator; centre = sum of baseline numerators / sum of
//   baseline denominators; sigma_i = sqrt(centre (1 - centre) / n_i); upper limit capped at 1, lower floored
//   at 0.
// - u chart (qic.u, Montgomery 7.19): rate numerator / denominator; centre as for p; sigma_i =
//   sqrt(centre / n_i); lower limit floored at 0.
// - c chart (qic.c, Montgomery 7.17): the count itself; centre = mean of the baseline's counts;
//   sigma = sqrt(centre); lower limit floored at 0.
// The 2-sigma limits are centre +- 2 sigma, capped and floored the same way.
#include "core/common/result.hpp"
#include "core/spc/chart_result.hpp"

namespace hqms::spc {

Result<ChartResult> p_chart(const ChartInput& input);
// `per` scales rates for display, as qicharts2's `multiply` (1000 for falls per 1000 patient-days): values,
// centre and limits are multiplied after the limits are computed.
Result<ChartResult> u_chart(const ChartInput& input, double per = 1);
Result<ChartResult> c_chart(const ChartInput& input);

}  // namespace hqms::spc
