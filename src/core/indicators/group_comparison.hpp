#pragma once
// Comparing groups at one point in time: departments or sites on a funnel plot, and demographic strata for
// the IOM "equitable" aim, with the gap between the best and worst served group. Small numbers are suppressed
// so that no patient can be recognised from a published figure: a group whose numerator is 1 to threshold -
// 1, or whose denominator is under the threshold, shows no figures (CMS cell-size suppression, 11 by
// default), and when just one group in a set is hidden the next smallest is hidden too, so it cannot be
// worked out from the total (complementary suppression).
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/indicators/indicator_definition.hpp"

namespace hqms::indicators {

struct SuppressionRule {
  int threshold = 11;  // counts under this are hidden; 0 switches suppression off
};

struct GroupCount {
  std::string key;    // department code, stratum value
  std::string label;  // what the dashboard shows
  double numerator = 0;
  double denominator = 0;
};

struct GroupValue {
  std::string key;
  std::string label;
  bool suppressed = false;  // numerator, denominator, value and limits are then absent
  std::optional<double> numerator;
  std::optional<double> denominator;
  std::optional<double> value;  // displayed units
  // Funnel limits at this group's denominator around the overall value (proportions and rates only).
  std::optional<double> lower_95, upper_95, lower_998, upper_998;
  bool outside_95 = false;
  bool outside_998 = false;
};

struct GroupComparison {
  std::optional<double> overall;  // all groups together, displayed units
  std::vector<GroupValue> groups;
  // Between the best and the worst group shown (by the indicator's direction); none with fewer than two.
  std::optional<std::string> best;
  std::optional<std::string> worst;
  std::optional<double> gap;    // |best - worst| in displayed units
  std::optional<double> ratio;  // worst / best, when best is not 0
};

Result<GroupComparison> compare_groups(const IndicatorDefinition& indicator,
                                       const std::vector<GroupCount>& groups, SuppressionRule suppression);

}  // namespace hqms::indicators
