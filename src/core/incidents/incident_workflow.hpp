#pragma once
// The life of a reported event, from submission to closure. Every move is checked here; the store re-reads
// the current state inside the transaction that changes it.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace hqms {

enum class IncidentState {
  submitted,
  in_triage,
  under_investigation,
  action_planning,
  closed,
  rejected,   // not a patient safety event, or not enough to act on
  duplicate,  // the same event reported again
  merged,     // folded into another report about the same occurrence
};

std::string_view to_string(IncidentState s);
std::optional<IncidentState> incident_state_from_string(std::string_view s);
std::string_view label(IncidentState s);
bool is_final(IncidentState s);

// The states reachable from `from` in one step.
std::span<const IncidentState> next_states(IncidentState from);

// The new state, or a refusal that says which moves are possible. Ending a report as rejected, duplicate or
// merged requires a reason.
Result<IncidentState> move_incident(IncidentState from, IncidentState to, const std::string& reason);

}  // namespace hqms
