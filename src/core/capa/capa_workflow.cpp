#include "core/capa/capa_workflow.hpp"

#include <algorithm>

#include "core/common/text_checks.hpp"

namespace hqms {
namespace {

using S = CapaState;

constexpr std::size_t kTextMaxLength = 4000;
constexpr std::size_t kMaxActions = 50;

bool is_open(const CapaAction& a) {
  return a.status == CapaActionStatus::not_started || a.status == CapaActionStatus::in_progress;
}

// A plan is a promise someone can be held to: who does what by when, and how we will know it worked.
void check_plan(std::vector<FieldError>& errors, const CorrectiveAction& capa) {
  if (is_blank(capa.problem_statement))
    errors.push_back({"problemStatement", "state the problem before planning"});
  if (is_blank(capa.root_cause)) errors.push_back({"rootCause", "state the root cause before planning"});
  const bool any_action = std::any_of(capa.actions.begin(), capa.actions.end(), [](const CapaAction& a) {
    return a.status != CapaActionStatus::cancelled;
  });
  if (!any_action) errors.push_back({"actions", "plan at least one action"});
  for (std::size_t i = 0; i < capa.actions.size(); ++i) {
    const auto& a = capa.actions[i];
    if (!is_open(a)) continue;
    if (!a.owner_id)
      errors.push_back({indexed_field("actions", i, "ownerId"), "every open action needs an owner"});
    if (!a.due_on)
      errors.push_back({indexed_field("actions", i, "dueOn"), "every open action needs a due date"});
  }
  if (is_blank(capa.effectiveness_criterion))
    errors.push_back({"effectivenessCriterion", "say how you will measure that the actions worked"});
  if (!capa.effectiveness_due_on)
    errors.push_back({"effectivenessDueOn", "set the date the effectiveness will be checked"});
}

void check_actions_finished(std::vector<FieldError>& errors, const CorrectiveAction& capa) {
  bool any_done = false;
  for (std::size_t i = 0; i < capa.actions.size(); ++i) {
    const auto& a = capa.actions[i];
    if (a.status == CapaActionStatus::done) any_done = true;
    if (is_open(a))
      errors.push_back(
          {indexed_field("actions", i, "status"), "finish or cancel every action before verification"});
  }
  // Verifying a CAPA whose every action was cancelled would verify nothing that was done.
  if (!any_done) errors.push_back({"actions", "at least one action must be done before verification"});
}

void check_new_action(std::vector<FieldError>& errors, const CorrectiveAction& capa,
                      const std::optional<CapaAction>& action) {
  if (!action) {
    errors.push_back({"newAction.description", "describe the new action: the old plan did not work"});
    errors.push_back({"newAction.ownerId", "the new action needs an owner"});
    errors.push_back({"newAction.dueOn", "the new action needs a due date"});
    return;
  }
  check_required_text(errors, "newAction.description", action->description, kTextMaxLength);
  if (!action->owner_id) errors.push_back({"newAction.ownerId", "the new action needs an owner"});
  if (!action->due_on) errors.push_back({"newAction.dueOn", "the new action needs a due date"});
  if (capa.actions.size() >= kMaxActions)
    errors.push_back({"newAction", "a CAPA holds at most " + std::to_string(kMaxActions) + " actions"});
}

}  // namespace

std::vector<CapaState> next_states(CapaState from) {
  switch (from) {
    case S::open:
      return {S::planned, S::cancelled};
    case S::planned:
      return {S::in_progress, S::cancelled};
    case S::in_progress:
      return {S::awaiting_verification, S::cancelled};
    default:
      return {};
  }
}

std::vector<FieldError> check_transition(const CorrectiveAction& capa, CapaState to,
                                         const std::string& reason) {
  const auto allowed = next_states(capa.state);
  if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) {
    std::string why =
        "a CAPA that is " + std::string(label(capa.state)) + " cannot move to " + std::string(label(to));
    if (to == S::closed)
      why += "; it is closed by recording an effectiveness check";
    else if (to == S::planned && capa.state == S::awaiting_verification)
      why += "; it returns to planned when an effectiveness check finds it not effective";
    return {{"state", why}};
  }
  std::vector<FieldError> errors;
  switch (to) {
    case S::planned:
      check_plan(errors, capa);
      break;
    case S::awaiting_verification:
      check_actions_finished(errors, capa);
      break;
    case S::cancelled:
      if (is_blank(reason)) errors.push_back({"reason", "say why the CAPA is cancelled"});
      break;
    default:
      break;
  }
  return errors;
}

void apply_transition(CorrectiveAction& capa, CapaState to, const std::string& reason, Timestamp now) {
  capa.state = to;
  if (to == S::cancelled) capa.cancel_reason = reason;
  if (to == S::closed) capa.closed_at = now;
  capa.updated_at = now;
}

Result<void> check_verifier(const CorrectiveAction& capa, Id verifier) {
  const auto owned = std::find_if(capa.actions.begin(), capa.actions.end(),
                                  [&](const CapaAction& a) { return a.owner_id == verifier; });
  if (owned == capa.actions.end()) return {};
  return Error::forbidden(
      "The effectiveness of a CAPA must be verified by someone other than the action owners; you own \"" +
      owned->description + "\".");
}

Result<void> record_effectiveness(CorrectiveAction& capa, EffectivenessCheck check,
                                  std::optional<CapaAction> new_action, Timestamp now) {
  if (capa.state != S::awaiting_verification)
    return Error::conflict("Only a CAPA awaiting verification can have its effectiveness recorded; " +
                           capa.reference + " is " + std::string(label(capa.state)) + ".");
  if (auto verifier = check_verifier(capa, check.checked_by); !verifier) return verifier;

  std::vector<FieldError> errors;
  check_required_text(errors, "evidence", check.evidence, kTextMaxLength);
  const bool effective = check.result == EffectivenessResult::effective;
  if (!effective) check_new_action(errors, capa, new_action);
  if (!errors.empty()) return Error::validation(std::move(errors));

  // The criterion may be rewritten later; the check keeps the one it was measured against.
  check.criterion = capa.effectiveness_criterion;
  check.checked_at = now;
  capa.checks.push_back(std::move(check));
  if (effective) {
    capa.state = S::closed;
    capa.closed_at = now;
  } else {
    new_action->status = CapaActionStatus::not_started;
    new_action->completion_note.clear();
    new_action->completed_at.reset();
    capa.actions.push_back(std::move(*new_action));
    capa.state = S::planned;
  }
  capa.updated_at = now;
  return {};
}

}  // namespace hqms
