#pragma once
// The risks St Brigid's keeps on its registers, as its departments, sites and board would word them.
#include <span>
#include <vector>

#include "core/investigations/investigation.hpp"
#include "core/risk/risk.hpp"

namespace hqms::cli {

// How the residual rating moved over the year of reviews.
enum class RiskTrend { falling, steady, rising };

struct RiskIdea {
  const char* scope;  // department or site code; empty for the organisation's register
  RiskCategory category;
  const char* owner;  // username
  const char* title;
  const char* description;
  const char* cause;
  const char* consequence;
  std::vector<RiskControl> controls;
  int inherent_l, inherent_c, residual_l, residual_c, target_l, target_c;
  RiskTreatment treatment;
  const char* plan;
  ActionStrength plan_strength;  // of the plan as a CAPA action
  RiskTrend trend;
};

std::span<const RiskIdea> demo_risk_ideas();

}  // namespace hqms::cli
