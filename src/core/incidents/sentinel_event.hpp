#pragma once
// Sentinel events: death, permanent harm or severe temporary harm not related to the natural course of the
// patient's illness. Flagging one starts a clock for the comprehensive systematic analysis and action plan.
#include "core/common/business_calendar.hpp"
#include "core/incidents/classification.hpp"

namespace hqms {

struct SentinelPolicy {
  int analysis_due_business_days = 45;  // configurable per organisation or regulator
};

// Whether the harm recorded meets the sentinel-event definition, so that triage is prompted to flag it.
bool meets_sentinel_definition(HarmLevel harm, HarmDuration duration, bool related_to_natural_course);

Date sentinel_analysis_due(Date flagged_on, const SentinelPolicy& policy, const BusinessCalendar& calendar);

}  // namespace hqms
