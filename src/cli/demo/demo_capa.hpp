#pragma once
// The demo CAPAs: about a hundred and fifty over the last year in every state, forty percent raised from the
// demo investigations' action plans, the rest from audits, complaints, risk reviews (the demo risks and FMEA
// studies), indicator signals, management review and by hand. Each is walked through the core workflow, so
// its states, dates and checks are what the app would have recorded.
#include <vector>

#include "cli/demo/demo_fmea.hpp"
#include "cli/demo/demo_quality.hpp"
#include "cli/demo/demo_staff.hpp"

namespace hqms::cli {

Result<void> create_demo_capas(store::UnitOfWork& uow, const Organisation& org, const DemoStaff& staff,
                               Timestamp now, const std::vector<FmeaCapaRequest>& fmea,
                               DemoQualityCounts& counts);

}  // namespace hqms::cli
