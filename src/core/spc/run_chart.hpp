#pragma once
// The run chart: the values around their median, judged by the Anhøj rules only (qicharts2 qic.run).
#include "core/common/result.hpp"
#include "core/spc/chart_result.hpp"

namespace hqms::spc {

Result<ChartResult> run_chart(const ChartInput& input);

}  // namespace hqms::spc
