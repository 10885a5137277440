#include "core/investigations/investigation.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/common/enum_table.hpp"

namespace hqms {
namespace {

constexpr EnumTable<InvestigationState, 2> kStates{{
    {InvestigationState::in_progress, "in_progress", "In progress"},
    {InvestigationState::completed, "completed", "Completed"},
}};

// RCA2 (VA National Center for Patient Safety / IHI) action hierarchy, with its examples.
constexpr EnumTable<ActionStrength, 3> kStrengths{{
    {ActionStrength::stronger, "stronger", "Stronger action",
     "Changes the system so it no longer depends on people remembering: forcing functions, architectural "
     "changes, standardised equipment or process, simplification, tangible leadership involvement."},
    {ActionStrength::intermediate, "intermediate", "Intermediate action",
     "Reduces reliance on memory: checklists, cognitive aids, redundancy, more staff, software enhancements, "
     "eliminating look-alikes and sound-alikes, simulation-based training."},
    {ActionStrength::weaker, "weaker", "Weaker action",
     "Relies on people: double checks, warnings, new policy, training, additional study or analysis."},
}};

constexpr std::size_t kTextMaxLength = 2000;
constexpr std::size_t kMaxWhys = 10;

std::string indexed(std::string_view list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

std::string indexed(std::string_view list, std::size_t i, std::string_view member) {
  return indexed(list, i) + "." + std::string(member);
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

void check_text(std::vector<FieldError>& errors, const std::string& field, const std::string& text) {
  if (blank(text))
    errors.push_back({field, "is required"});
  else if (text.size() > kTextMaxLength)
    errors.push_back({field, "must be at most " + std::to_string(kTextMaxLength) + " characters"});
}

// "Task & process" and "task & process " name the same bone.
std::string folded(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  s = s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void check_team(std::vector<FieldError>& errors, const std::vector<TeamMember>& team) {
  std::set<Id> seen;
  for (std::size_t i = 0; i < team.size(); ++i) {
    if (team[i].user_id <= 0)
      errors.push_back({indexed("team", i, "userId"), "choose a person"});
    else if (!seen.insert(team[i].user_id).second)
      errors.push_back({indexed("team", i, "userId"), "is already on the team"});
    check_text(errors, indexed("team", i, "role"), team[i].role);
  }
}

void check_whys(std::vector<FieldError>& errors, const std::vector<WhyChain>& chains) {
  for (std::size_t i = 0; i < chains.size(); ++i) {
    const auto& chain = chains[i];
    check_text(errors, indexed("whys", i, "problem"), chain.problem);
    // Five whys usually reach a system cause; a chain past ten has usually lost its thread.
    if (chain.whys.size() > kMaxWhys)
      errors.push_back(
          {indexed("whys", i, "whys"), "at most " + std::to_string(kMaxWhys) + " whys in a chain"});
    for (std::size_t j = 0; j < chain.whys.size(); ++j)
      check_text(errors, indexed(indexed("whys", i, "whys"), j), chain.whys[j]);
  }
}

void check_fishbone(std::vector<FieldError>& errors, const Investigation& inv) {
  std::set<std::string> categories;
  for (std::size_t i = 0; i < inv.fishbone_categories.size(); ++i) {
    const auto& category = inv.fishbone_categories[i];
    check_text(errors, indexed("fishboneCategories", i), category);
    if (!blank(category) && !categories.insert(folded(category)).second)
      errors.push_back({indexed("fishboneCategories", i), "\"" + category + "\" is already a category"});
  }
  for (std::size_t i = 0; i < inv.causes.size(); ++i) {
    const auto& cause = inv.causes[i];
    const bool listed = std::find(inv.fishbone_categories.begin(), inv.fishbone_categories.end(),
                                  cause.category) != inv.fishbone_categories.end();
    if (blank(cause.category))
      errors.push_back({indexed("causes", i, "category"), "is required"});
    else if (!listed)
      errors.push_back({indexed("causes", i, "category"),
                        "\"" + cause.category + "\" is not one of the investigation's fishbone categories"});
    check_text(errors, indexed("causes", i, "text"), cause.text);
  }
}

void check_actions(std::vector<FieldError>& errors, const std::vector<PlannedAction>& actions) {
  // A corrective action points at its planned action by id, so two actions must never share one.
  std::set<Id> ids;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (actions[i].id != 0 && !ids.insert(actions[i].id).second)
      errors.push_back({indexed("actions", i, "id"), "is used by another action"});
    check_text(errors, indexed("actions", i, "description"), actions[i].description);
  }
}

}  // namespace

std::string_view to_string(InvestigationState v) {
  return enum_name(kStates, v).id;
}
std::optional<InvestigationState> investigation_state_from_string(std::string_view s) {
  return enum_from_id(kStates, s);
}
std::string_view to_string(ActionStrength v) {
  return enum_name(kStrengths, v).id;
}
std::optional<ActionStrength> action_strength_from_string(std::string_view s) {
  return enum_from_id(kStrengths, s);
}
std::string_view label(ActionStrength v) {
  return enum_name(kStrengths, v).label;
}

std::vector<std::string> default_fishbone_categories() {
  return {"People / staff", "Patient",       "Task & process",       "Equipment & devices",
          "Environment",    "Communication", "Organisation & policy"};
}

std::vector<FieldError> check_investigation(const Investigation& inv) {
  std::vector<FieldError> errors;
  check_text(errors, "title", inv.title);
  if (inv.incident_ids.empty()) errors.push_back({"incidentIds", "link at least one event"});
  std::set<Id> linked;
  for (std::size_t i = 0; i < inv.incident_ids.size(); ++i)
    if (!linked.insert(inv.incident_ids[i]).second)
      errors.push_back({indexed("incidentIds", i), "is linked already"});
  check_team(errors, inv.team);
  for (std::size_t i = 0; i < inv.timeline.size(); ++i)
    check_text(errors, indexed("timeline", i, "fact"), inv.timeline[i].fact);
  check_whys(errors, inv.whys);
  check_fishbone(errors, inv);
  for (std::size_t i = 0; i < inv.root_causes.size(); ++i)
    check_text(errors, indexed("rootCauses", i), inv.root_causes[i]);
  check_actions(errors, inv.actions);
  return errors;
}

std::vector<FieldError> check_completion(const Investigation& inv) {
  std::vector<FieldError> errors;
  if (inv.root_causes.empty())
    errors.push_back({"rootCauses", "state at least one root cause before completing the investigation"});
  if (inv.actions.empty())
    errors.push_back({"actions", "plan at least one action before completing the investigation"});
  for (std::size_t i = 0; i < inv.actions.size(); ++i) {
    if (!inv.actions[i].owner_id)
      errors.push_back({indexed("actions", i, "ownerId"), "every action needs an owner before completing"});
    if (!inv.actions[i].due_on)
      errors.push_back({indexed("actions", i, "dueOn"), "every action needs a due date before completing"});
  }
  return errors;
}

bool only_weaker_actions(std::span<const PlannedAction> actions) {
  // An empty plan is not "only weaker": completion refuses it for its own reason.
  return !actions.empty() && std::all_of(actions.begin(), actions.end(), [](const PlannedAction& a) {
    return a.strength == ActionStrength::weaker;
  });
}

}  // namespace hqms
