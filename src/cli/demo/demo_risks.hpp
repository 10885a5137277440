#pragma once
// The demo risk register: about eighty risks over every department, both sites and the organisation, with
// their controls, a year of reviews and the escalations the extreme ones triggered.
#include "cli/demo/demo_quality.hpp"
#include "cli/demo/demo_staff.hpp"

namespace hqms::cli {

Result<void> create_demo_risks(store::UnitOfWork& uow, const Organisation& org, const DemoStaff& staff,
                               Timestamp now, DemoQualityCounts& counts);

}  // namespace hqms::cli
