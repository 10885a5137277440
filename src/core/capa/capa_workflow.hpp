#pragma once
// The CAPA state machine and the rules that gate each step. Every refusal says why, field by field, so the
// page can point at what is missing.
#include <vector>

#include "core/capa/corrective_action.hpp"

namespace hqms {

// The states a user may move a CAPA to from `from` by an ordinary transition. Closing and the return to
// planned happen only through record_effectiveness(), so they are not listed.
std::vector<CapaState> next_states(CapaState from);

// Checks a move to `to` and answers the field errors that block it (empty when it may go):
// - to planned: a problem statement, a root cause, at least one action not cancelled, every open action with
//   an owner and a due date, an effectiveness criterion and the date it will be checked;
// - to in_progress: from planned;
// - to awaiting_verification: every action done or cancelled (`actions[i].status`) and at least one done
//   (`actions`);
// - to cancelled: a reason (`reason`), and only before verification;
// - any move not in next_states(): a single error on `state`.
std::vector<FieldError> check_transition(const CorrectiveAction& capa, CapaState to,
                                         const std::string& reason = {});

// Applies a checked transition: the state, the cancel reason and the time.
void apply_transition(CorrectiveAction& capa, CapaState to, const std::string& reason, Timestamp now);

// Whether `verifier` may record the effectiveness check: not when they own any action of the CAPA (closing
// requires someone other than the action owners). Answers a forbidden error that says so.
Result<void> check_verifier(const CorrectiveAction& capa, Id verifier);

// Records a check on a CAPA awaiting verification. Effective closes it. Not effective reopens it: the CAPA
// goes back to planned with `new_action` added (required: `newAction.description`, `newAction.ownerId`,
// `newAction.dueOn`), because repeating the same plan would fail the same way. The evidence is required.
// Errors, checked in this order: conflict when the CAPA is not awaiting verification; the verifier rule above
// (check.checked_by); validation for missing fields (`evidence`, the three newAction fields, `newAction` when
// the CAPA already holds 50 actions). On success the check is appended with the CAPA's criterion and
// checked_at = now; a new action is appended as not_started. `new_action` is ignored when effective.
Result<void> record_effectiveness(CorrectiveAction& capa, EffectivenessCheck check,
                                  std::optional<CapaAction> new_action, Timestamp now);

}  // namespace hqms
