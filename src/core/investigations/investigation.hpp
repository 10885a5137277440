#pragma once
// A root-cause analysis of one or more events: the team, the timeline of facts, 5-whys chains, the fishbone
// of contributing factors, root-cause statements and the action plan. Action items are the seam the CAPA
// module plugs into: each can be linked to the corrective action it became.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/business_calendar.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"

namespace hqms {

enum class InvestigationState { in_progress, completed };
std::string_view to_string(InvestigationState v);
std::optional<InvestigationState> investigation_state_from_string(std::string_view s);

// VA/IHI RCA2 action hierarchy.
enum class ActionStrength { stronger, intermediate, weaker };
std::string_view to_string(ActionStrength v);
std::optional<ActionStrength> action_strength_from_string(std::string_view s);
std::string_view label(ActionStrength v);

struct TeamMember {
  Id user_id = 0;
  std::string role;  // "lead", "clinical expert", "facilitator" ...
};

struct TimelineFact {
  Timestamp at{};
  std::string fact;
};

struct WhyChain {
  std::string problem;
  std::vector<std::string> whys;  // each answers "why?" of the one before; at most 10
};

// A cause on the fishbone, under one of the investigation's categories. Contributing causes feed the Pareto
// of contributing factors.
struct FishboneCause {
  std::string category;
  std::string text;
  bool contributing = true;
};

struct PlannedAction {
  Id id = 0;  // stable across edits, so a corrective action can point at it
  std::string description;
  std::optional<Id> owner_id;
  std::optional<Date> due_on;
  ActionStrength strength = ActionStrength::weaker;
  std::optional<Id> corrective_action_id;  // set by the CAPA module when the action becomes a CAPA
};

struct Investigation {
  Id id = 0;
  std::string reference;  // RCA-2026-0042
  std::string title;
  Id site_id = 0;
  Id department_id = 0;
  std::optional<Id> lead_id;
  std::vector<Id> incident_ids;
  std::vector<TeamMember> team;
  std::vector<TimelineFact> timeline;
  std::vector<WhyChain> whys;
  std::vector<std::string> fishbone_categories;  // editable; starts as default_fishbone_categories()
  std::vector<FishboneCause> causes;
  std::vector<std::string> root_causes;
  std::vector<PlannedAction> actions;
  InvestigationState state = InvestigationState::in_progress;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::optional<Timestamp> completed_at;
  int version = 1;
};

// People/staff, patient, task & process, equipment & devices, environment, communication, organisation &
// policy.
std::vector<std::string> default_fishbone_categories();

// Field errors against the API's names (`title`, `team[0].role`, `timeline[2].fact`, `whys[0].whys[3]`,
// `fishboneCategories[1]`, `causes[4].category`, `rootCauses[0]`, `actions[1].description` ...): texts present
// and within 2000 characters, categories unique and non-empty, each cause under a listed category, at most
// 10 whys per chain, at least one event linked.
std::vector<FieldError> check_investigation(const Investigation& inv);

// Completing needs at least one root-cause statement and one planned action, each action with an owner and a
// due date.
std::vector<FieldError> check_completion(const Investigation& inv);

// RCA2 asks for at least one stronger or intermediate action: true when the plan holds only weaker ones.
bool only_weaker_actions(std::span<const PlannedAction> actions);

}  // namespace hqms
