#pragma once
// Laney's p′ and u′ charts, for large denominators where the p and u limits are too narrow because the
// subgroups vary more than the binomial or Poisson model allows (over-dispersion). As qicharts2 (qic.pp,
// qic.up in R/helper.functions.R): z_i = (y_i - centre) / sigma_i over the baseline, sigma_z = mean |z_i -
// z_(i-1)| / 1.128, and the limits centre +- 3 sigma_i sigma_z (p′ capped at 1, both floored at 0). qicharts2
// does not screen the moving ranges of z, so neither do we.
#include "core/common/result.hpp"
#include "core/spc/chart_result.hpp"

namespace hqms::spc {

Result<ChartResult> p_prime_chart(const ChartInput& input);
// `per` as for the u chart: a display scale applied after the limits are computed.
Result<ChartResult> u_prime_chart(const ChartInput& input, double per = 1);

}  // namespace hqms::spc
