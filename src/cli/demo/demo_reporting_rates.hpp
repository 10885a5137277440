#pragma once
// How often each demo department reports patient-safety events, and in which categories: an emergency
// department reports falls and medication events, an ICU pressure injuries and infections, maternity
// perinatal events. The recent year of reports (demo_incidents.cpp) and the older history behind the
// indicators (demo_safety_history.cpp) share it, so the three-year series joins without a step.
#include <map>
#include <span>

#include "core/incidents/classification.hpp"

namespace hqms::cli {

struct DepartmentReporting {
  const char* code;
  double per_day;
  std::map<EventCategory, int> mix;  // category -> weight

  int total_weight() const;
  // The category a roll in [0, total_weight()) falls on.
  EventCategory category_at(int roll) const;
};

std::span<const DepartmentReporting> demo_reporting_rates();

}  // namespace hqms::cli
