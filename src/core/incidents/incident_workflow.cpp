#include "core/incidents/incident_workflow.hpp"

#include <algorithm>
#include <array>

#include "core/common/enum_table.hpp"

namespace hqms {
namespace {

using S = IncidentState;

constexpr EnumTable<S, 8> kStates{{
    {S::submitted, "submitted", "Submitted"},
    {S::in_triage, "in_triage", "In triage"},
    {S::under_investigation, "under_investigation", "Under investigation"},
    {S::action_planning, "action_planning", "Action planning"},
    {S::closed, "closed", "Closed"},
    {S::rejected, "rejected", "Rejected"},
    {S::duplicate, "duplicate", "Duplicate"},
    {S::merged, "merged", "Merged"},
}};

// Triage may close an event that needs no investigation (a near miss already fixed at the bedside, say), and
// may send one straight to action planning when the cause is plain. Once investigated, an event leaves only
// through its action plan, so no investigation ends without actions being considered.
constexpr std::array kFromSubmitted{S::in_triage, S::rejected, S::duplicate, S::merged};
constexpr std::array kFromTriage{S::under_investigation, S::action_planning, S::closed, S::rejected,
                                 S::duplicate,           S::merged};
constexpr std::array kFromInvestigation{S::action_planning, S::merged};
constexpr std::array kFromPlanning{S::closed, S::under_investigation};
constexpr std::array<S, 0> kNone{};

}  // namespace

std::string_view to_string(IncidentState s) {
  return enum_name(kStates, s).id;
}
std::string_view label(IncidentState s) {
  return enum_name(kStates, s).label;
}

std::optional<IncidentState> incident_state_from_string(std::string_view s) {
  return enum_from_id(kStates, s);
}

bool is_final(IncidentState s) {
  return next_states(s).empty();
}

std::span<const IncidentState> next_states(IncidentState from) {
  switch (from) {
    case S::submitted:
      return kFromSubmitted;
    case S::in_triage:
      return kFromTriage;
    case S::under_investigation:
      return kFromInvestigation;
    case S::action_planning:
      return kFromPlanning;
    default:
      return kNone;
  }
}

Result<IncidentState> move_incident(IncidentState from, IncidentState to, const std::string& reason) {
  auto allowed = next_states(from);
  if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) {
    std::string options;
    for (auto s : allowed) options += (options.empty() ? "" : ", ") + std::string(label(s));
    return Error{
        ErrorKind::conflict,
        "An event that is " + std::string(label(from)) + " cannot move to " + std::string(label(to)) +
            (options.empty() ? "; it is final." : "; it can move to: " + options + "."),
        {{"state", "cannot move from " + std::string(to_string(from)) + " to " + std::string(to_string(to))}},
        {}};
  }
  const bool ends_early = to == S::rejected || to == S::duplicate || to == S::merged;
  if (ends_early && reason.find_first_not_of(" \t\n") == std::string::npos)
    return Error::validation({{"reason", "say why the event is " + std::string(to_string(to))}});
  return to;
}

}  // namespace hqms
