#pragma once
// The Xbar and S charts for subgroups of measurements (e.g. each month's door-to-needle times), as qicharts2
// (qic.xbar, qic.s in R/helper.functions.R, Montgomery 6.29-6.31). The input carries, per subgroup, its mean
// (values), its size (denominators, at least 2) and its standard deviation (subgroup_sds).
// - Xbar: centre = size-weighted mean of the baseline means; S = the baseline's pooled standard deviation
//   sqrt(sum (n_i - 1) s_i^2 / sum (n_i - 1)) when sizes vary within the phase, else the mean of its s_i;
//   limits centre +- A3(n_i) S with A3(n) = 3 / (c4(n) sqrt(n)).
// - S: centre = that same S; limits B3(n_i) x centre and B4(n_i) x centre, with B3,4(n) = 1 -+ 3 c5(n) /
// c4(n)
//   (B3 floored at 0), c4(n) = sqrt(2 / (n - 1)) Gamma(n / 2) / Gamma((n - 1) / 2), c5 = sqrt(1 - c4^2).
//   qicharts2 takes the equal-size mean of s_i over every point of the phase; we take it over the baseline,
//   as for every other centre line (the same without exclusions or a frozen baseline).
// The 2-sigma lines are the same expressions with 2 in place of 3.
#include "core/common/result.hpp"
#include "core/spc/chart_result.hpp"

namespace hqms::spc {

double c4_constant(double n);

Result<ChartResult> xbar_chart(const ChartInput& input);
Result<ChartResult> s_chart(const ChartInput& input);

}  // namespace hqms::spc
