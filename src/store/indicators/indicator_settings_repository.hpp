#pragma once
// What analysts keep about indicators: their own definitions from the workbench (versioned), the target and
// chart choices they set on catalogue indicators, and the chart annotations (process changes, excluded
// periods, baselines) each with its reason, per indicator and scope.
#include <optional>
#include <string>
#include <vector>

#include "core/access/access_policy.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/indicators/indicator_chart.hpp"
#include "core/indicators/indicator_definition.hpp"

namespace hqms::store {

struct StoredIndicator {
  indicators::IndicatorDefinition definition;  // built_in = false
  int version = 1;
  bool retired = false;
  Id created_by = 0;
  Timestamp created_at{};
  Timestamp updated_at{};
};

// An analyst's choices for a catalogue indicator, overriding the shipped ones.
struct IndicatorSetting {
  std::string indicator_code;
  std::optional<double> target;
  std::optional<double> alert_threshold;
  std::optional<indicators::ChartType> chart;
  std::optional<indicators::RuleSet> rules;
  int version = 1;
  Id updated_by = 0;
  Timestamp updated_at{};
};

struct StoredAnnotation {
  Id id = 0;
  std::string indicator_code;
  ScopeRef scope;  // the chart it belongs to: organisation, a site or a department
  indicators::ChartAnnotation annotation;
  Id created_by = 0;
  Timestamp created_at{};
};

class IndicatorSettingsRepository {
 public:
  virtual ~IndicatorSettingsRepository() = default;

  virtual Result<std::vector<StoredIndicator>> list_custom(bool include_retired) = 0;
  virtual Result<std::optional<StoredIndicator>> find_custom(std::string_view code) = 0;
  virtual Result<void> insert_custom(const StoredIndicator& indicator) = 0;  // conflict when the code exists
  // Optimistic: updates only when the stored version is `expected_version`; answers false otherwise. The
  // definition, retired, updated_at and the version are written as `indicator` holds them (expected + 1).
  virtual Result<bool> update_custom(const StoredIndicator& indicator, int expected_version) = 0;

  virtual Result<std::vector<IndicatorSetting>> list_settings() = 0;
  virtual Result<std::optional<IndicatorSetting>> find_setting(std::string_view code) = 0;
  virtual Result<void> save_setting(const IndicatorSetting& setting) = 0;  // insert or replace

  virtual Result<std::vector<StoredAnnotation>> list_annotations(std::string_view code, ScopeRef scope) = 0;
  virtual Result<std::optional<StoredAnnotation>> find_annotation(Id id) = 0;
  virtual Result<Id> insert_annotation(const StoredAnnotation& annotation) = 0;
  virtual Result<void> delete_annotation(Id id) = 0;
};

}  // namespace hqms::store
