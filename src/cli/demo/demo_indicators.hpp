#pragma once
// Three years of monthly indicator data for the demo hospital, ending with the clock's last complete month:
// stays and ED visits, survey answers, hand hygiene audits, complaints, the older patient-safety reports, and
// the analysts' chart annotations for the documented process changes. Seeded, so every demo is the same;
// every record passes the imports' own checks. The special causes planted in it are listed in
// demo_indicator_plan.hpp and in docs/user-guide/indicators.md.
#include "core/common/result.hpp"
#include "store/database.hpp"

namespace hqms::cli {

struct DemoIndicatorCounts {
  int encounters = 0;
  int survey_responses = 0;
  int observations = 0;
  int complaints = 0;
  int older_reports = 0;
  int annotations = 0;
};

// Runs after create_demo_quality(): the older reports sit before the year create_demo_events() wrote.
Result<DemoIndicatorCounts> create_demo_indicator_data(store::Database& db, const Clock& clock);

}  // namespace hqms::cli
