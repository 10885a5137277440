#pragma once
// The two years of patient-safety reports before the demo's recent year (create_demo_events writes that
// year), so that falls, pressure injuries and medication errors per 1,000 patient-days have three years of
// numerators; and the extra falls on General Medicine in the last three months that make its falls chart
// signal. The older reports are closed, as they would be by now.
#include "cli/demo/demo_indicator_plan.hpp"
#include "cli/demo/demo_staff.hpp"
#include "core/org/organisation.hpp"
#include "store/database.hpp"

namespace hqms::cli {

struct DemoSafetyHistory {
  int reports = 0;      // before the recent year
  int extra_falls = 0;  // on MED in the last three months
};

Result<DemoSafetyHistory> create_demo_safety_history(store::UnitOfWork& uow, const Organisation& org,
                                                     const DemoStaff& staff, const DemoMonths& months,
                                                     Timestamp now);

}  // namespace hqms::cli
