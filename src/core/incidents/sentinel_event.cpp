#include "core/incidents/sentinel_event.hpp"

namespace hqms {

bool meets_sentinel_definition(HarmLevel harm, HarmDuration duration, bool related_to_natural_course) {
  if (related_to_natural_course) return false;
  if (harm == HarmLevel::death) return true;
  const bool harmed = harm == HarmLevel::mild || harm == HarmLevel::moderate || harm == HarmLevel::severe;
  if (harmed && duration == HarmDuration::permanent) return true;
  return harm == HarmLevel::severe;  // severe temporary harm
}

Date sentinel_analysis_due(Date flagged_on, const SentinelPolicy& policy, const BusinessCalendar& calendar) {
  return calendar.add_business_days(flagged_on, policy.analysis_due_business_days);
}

}  // namespace hqms
