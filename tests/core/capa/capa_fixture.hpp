#pragma once
// A CAPA as a falls review would raise it, ready to be planned: the tests change one thing at a time.
#include <chrono>

#include "core/capa/corrective_action.hpp"

namespace hqms::test {

inline Date day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

inline CapaAction capa_action(Id id, Id owner, ActionStrength strength = ActionStrength::stronger) {
  return CapaAction{.id = id,
                    .description = "Bed-exit alarms on every high-risk bed",
                    .strength = strength,
                    .owner_id = owner,
                    .due_on = day(2027, 3, 1),
                    .status = CapaActionStatus::not_started,
                    .completion_note = {},
                    .completed_at = std::nullopt,
                    .investigation_action_id = std::nullopt,
                    .failure_mode_id = std::nullopt};
}

inline CorrectiveAction falls_capa() {
  CorrectiveAction capa;
  capa.id = 42;
  capa.reference = "CAPA-2026-0042";
  capa.title = "Unwitnessed falls on Ward 7";
  capa.site_id = 10;
  capa.department_id = 100;
  capa.coordinator_id = 3;
  capa.problem_statement = "Four unwitnessed falls at night in October";
  capa.root_cause = "No standard for bed position after cleaning";
  capa.actions = {capa_action(1, 12)};
  capa.effectiveness_criterion = "No unwitnessed falls at night in 3 months of audits";
  capa.effectiveness_due_on = day(2027, 6, 1);
  return capa;
}

}  // namespace hqms::test
