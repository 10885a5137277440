#pragma once
// A year of realistic patient-safety events for the demo hospital: rates and category mixes by department,
// harm mostly none or mild, some sentinel events (a few past their analysis date), disclosures, comments,
// external reporting rules, Irish public holidays and root-cause investigations. Seeded, so every demo is the
// same. Every generated report passes the same checks as the report form.
#include "core/common/result.hpp"
#include "store/database.hpp"

namespace hqms::cli {

struct DemoEventCounts {
  int reports = 0;
  int sentinel = 0;
  int investigations = 0;
};

Result<DemoEventCounts> create_demo_events(store::Database& db, const Clock& clock);

}  // namespace hqms::cli
