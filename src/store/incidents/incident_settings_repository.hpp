#pragma once
// The organisation's incident configuration: external reporting rules, the sentinel-event clock and the
// holiday calendar business days are counted with.
#include <map>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/incidents/external_reporting.hpp"
#include "core/incidents/sentinel_event.hpp"

namespace hqms::store {

struct Holiday {
  Date day{};
  std::string name;
};

class IncidentSettingsRepository {
 public:
  virtual ~IncidentSettingsRepository() = default;
  virtual Result<std::vector<ExternalReportingRule>> rules() = 0;
  virtual Result<Id> create_rule(const ExternalReportingRule& rule) = 0;
  virtual Result<void> update_rule(const ExternalReportingRule& rule) = 0;

  virtual Result<SentinelPolicy> sentinel_policy() = 0;
  virtual Result<void> set_sentinel_policy(const SentinelPolicy& policy) = 0;
  virtual Result<std::vector<Holiday>> holidays() = 0;
  virtual Result<void> replace_holidays(const std::vector<Holiday>& holidays) = 0;
  // The calendar business-day clocks use.
  virtual Result<BusinessCalendar> calendar() = 0;
};

}  // namespace hqms::store
