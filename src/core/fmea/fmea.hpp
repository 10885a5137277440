#pragma once
// Failure mode and effects analysis of a care process: its steps, how each step can fail, what follows, why,
// what catches it today, and how severe, frequent and detectable that is. The risk priority number and the
// AIAG-VDA action priority rank the failure modes; the recommended actions become CAPA actions and are
// scored again once done.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/business_calendar.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"

namespace hqms {

// AIAG-VDA FMEA handbook (2019) action priority.
enum class ActionPriority { high, medium, low };
std::string_view to_string(ActionPriority v);
std::string_view label(ActionPriority v);

// S x O x D, each 1..10: 1..1000.
int risk_priority_number(int severity, int occurrence, int detection);

// The AIAG-VDA action priority table (the same table for design and process FMEA): severity first, then
// occurrence, then detection. Ratings outside 1..10 are a programming error; callers check them first.
ActionPriority action_priority(int severity, int occurrence, int detection);

struct SodRating {
  int severity = 1;
  int occurrence = 1;
  int detection = 1;
  int rpn() const { return risk_priority_number(severity, occurrence, detection); }
  ActionPriority priority() const { return action_priority(severity, occurrence, detection); }
  bool operator==(const SodRating&) const = default;
};

struct FailureMode {
  Id id = 0;
  Id step_id = 0;
  std::string mode;  // how the step fails: "wrong patient's unit hung"
  std::string effects;
  std::string causes;
  std::string prevention_controls;
  std::string detection_controls;
  SodRating rating;
  std::string recommended_action;
  std::optional<Id> responsible_id;
  std::optional<Date> due_on;
  std::optional<Id> corrective_action_id;  // the CAPA the recommended action became
  std::string action_taken;
  std::optional<SodRating> revised;  // scored again after the action
  int version = 1;
};

struct ProcessStep {
  Id id = 0;
  int number = 0;  // 1.. in process order
  std::string name;
};

enum class FmeaState { in_progress, completed };
std::string_view to_string(FmeaState v);
std::optional<FmeaState> fmea_state_from_string(std::string_view s);

struct FmeaStudy {
  Id id = 0;
  std::string reference;  // FMEA-2026-003
  std::string title;
  std::string process;  // the process studied and its boundaries
  Id site_id = 0;
  Id department_id = 0;
  std::optional<Id> lead_id;
  std::vector<Id> team;
  std::vector<ProcessStep> steps;
  std::vector<FailureMode> failure_modes;
  FmeaState state = FmeaState::in_progress;
  Timestamp created_at{};
  Timestamp updated_at{};
  int version = 1;
};

// Field errors for the study header and steps (`title`, `process`, `steps[2].name`, `team[1]`): title and
// process present, title and step names within 300 characters and the process within 4000, step names
// present and unique (ignoring case and surrounding blanks), at most 100 steps, nobody twice on the team.
std::vector<FieldError> check_study(const FmeaStudy& study);

// Field errors for one failure mode (`mode`, `severity`, `revised.detection` ...): mode present, ratings
// 1..10, texts within 4000 characters, a revised rating only with an action taken (else `actionTaken`), a
// revised severity not above the original (an action cannot make the effect worse). Whether `stepId` is one
// of the study's steps is the caller's to check.
std::vector<FieldError> check_failure_mode(const FailureMode& fm);

// RPN before minus RPN after; nothing until re-scored.
std::optional<int> rpn_reduction(const FailureMode& fm);

// The worksheet order: highest current RPN first (the revised rating when there is one), then higher
// action priority, then higher severity (both of that current rating), then step order (a step not in
// `steps` last) and id.
std::vector<FailureMode> worksheet_order(std::vector<FailureMode> modes, std::span<const ProcessStep> steps);

}  // namespace hqms
