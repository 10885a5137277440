#pragma once
// Whether the harm recorded fits what happened: a near miss cannot have harmed anyone, and NCC MERP
// categories E to I mean the patient was harmed. Each refusal says why, against the field to correct.
#include <optional>
#include <vector>

#include "core/common/result.hpp"
#include "core/incidents/classification.hpp"

namespace hqms {

struct HarmAssessment {
  EventType type = EventType::incident;
  EventCategory category = EventCategory::other;
  HarmLevel harm = HarmLevel::unknown;
  HarmDuration duration = HarmDuration::unknown;
  std::optional<MerpCategory> merp;  // medication events only
};

std::vector<FieldError> check_harm_consistency(const HarmAssessment& a);

}  // namespace hqms
