#include "core/capa/corrective_action.hpp"

#include <algorithm>
#include <set>

#include "core/common/enum_table.hpp"
#include "core/common/text_checks.hpp"

namespace hqms {
namespace {

constexpr EnumTable<CapaSource, 7> kSources{{
    {CapaSource::incident_investigation, "incident_investigation", "Incident investigation"},
    {CapaSource::audit_finding, "audit_finding", "Audit finding"},
    {CapaSource::complaint, "complaint", "Complaint"},
    {CapaSource::risk_review, "risk_review", "Risk review"},
    {CapaSource::indicator_signal, "indicator_signal", "Indicator signal"},
    {CapaSource::management_review, "management_review", "Management review"},
    {CapaSource::manual, "manual", "Manual"},
}};

constexpr EnumTable<CapaKind, 2> kKinds{{
    {CapaKind::corrective, "corrective", "Corrective", "Removes the cause of a problem that happened."},
    {CapaKind::preventive, "preventive", "Preventive", "Removes the cause of a problem that may happen."},
}};

constexpr EnumTable<CapaState, 6> kStates{{
    {CapaState::open, "open", "Open"},
    {CapaState::planned, "planned", "Planned"},
    {CapaState::in_progress, "in_progress", "In progress"},
    {CapaState::awaiting_verification, "awaiting_verification", "Awaiting verification"},
    {CapaState::closed, "closed", "Closed"},
    {CapaState::cancelled, "cancelled", "Cancelled"},
}};

constexpr EnumTable<CapaActionStatus, 4> kActionStatuses{{
    {CapaActionStatus::not_started, "not_started", "Not started"},
    {CapaActionStatus::in_progress, "in_progress", "In progress"},
    {CapaActionStatus::done, "done", "Done"},
    {CapaActionStatus::cancelled, "cancelled", "Cancelled"},
}};

constexpr EnumTable<EffectivenessResult, 2> kResults{{
    {EffectivenessResult::effective, "effective", "Effective"},
    {EffectivenessResult::not_effective, "not_effective", "Not effective"},
}};

constexpr std::size_t kTitleMaxLength = 300;
constexpr std::size_t kTextMaxLength = 4000;
constexpr std::size_t kMaxActions = 50;

bool still_open(const CapaAction& a) {
  return a.status != CapaActionStatus::done && a.status != CapaActionStatus::cancelled;
}

}  // namespace

std::span<const CapaSource> all_capa_sources() {
  return enum_values(kSources);
}
std::string_view to_string(CapaSource v) {
  return enum_name(kSources, v).id;
}
std::optional<CapaSource> capa_source_from_string(std::string_view s) {
  return enum_from_id(kSources, s);
}
std::string_view label(CapaSource v) {
  return enum_name(kSources, v).label;
}

std::string_view to_string(CapaKind v) {
  return enum_name(kKinds, v).id;
}
std::optional<CapaKind> capa_kind_from_string(std::string_view s) {
  return enum_from_id(kKinds, s);
}
std::string_view label(CapaKind v) {
  return enum_name(kKinds, v).label;
}

std::span<const CapaState> all_capa_states() {
  return enum_values(kStates);
}
std::string_view to_string(CapaState v) {
  return enum_name(kStates, v).id;
}
std::optional<CapaState> capa_state_from_string(std::string_view s) {
  return enum_from_id(kStates, s);
}
std::string_view label(CapaState v) {
  return enum_name(kStates, v).label;
}
bool is_finished(CapaState v) {
  return v == CapaState::closed || v == CapaState::cancelled;
}

std::string_view to_string(CapaActionStatus v) {
  return enum_name(kActionStatuses, v).id;
}
std::optional<CapaActionStatus> capa_action_status_from_string(std::string_view s) {
  return enum_from_id(kActionStatuses, s);
}
std::string_view label(CapaActionStatus v) {
  return enum_name(kActionStatuses, v).label;
}

std::string_view to_string(EffectivenessResult v) {
  return enum_name(kResults, v).id;
}
std::optional<EffectivenessResult> effectiveness_result_from_string(std::string_view s) {
  return enum_from_id(kResults, s);
}

std::vector<FieldError> check_capa(const CorrectiveAction& capa) {
  std::vector<FieldError> errors;
  check_required_text(errors, "title", capa.title, kTitleMaxLength);
  check_required_text(errors, "problemStatement", capa.problem_statement, kTextMaxLength);
  check_text_length(errors, "sourceReference", capa.source_reference, kTextMaxLength);
  check_text_length(errors, "containment", capa.containment, kTextMaxLength);
  check_text_length(errors, "rootCause", capa.root_cause, kTextMaxLength);
  check_text_length(errors, "effectivenessCriterion", capa.effectiveness_criterion, kTextMaxLength);
  check_text_length(errors, "cancelReason", capa.cancel_reason, kTextMaxLength);
  if (capa.actions.size() > kMaxActions)
    errors.push_back({"actions", "at most " + std::to_string(kMaxActions) + " actions in one CAPA"});
  // Evidence and the investigation's plan point at an action by id, so two actions must never share one.
  std::set<Id> ids;
  for (std::size_t i = 0; i < capa.actions.size(); ++i) {
    const auto& a = capa.actions[i];
    if (a.id != 0 && !ids.insert(a.id).second)
      errors.push_back({indexed_field("actions", i, "id"), "is used by another action"});
    check_required_text(errors, indexed_field("actions", i, "description"), a.description, kTextMaxLength);
    if (a.status == CapaActionStatus::done && is_blank(a.completion_note))
      errors.push_back(
          {indexed_field("actions", i, "completionNote"), "say what was done before marking it done"});
    else
      check_text_length(errors, indexed_field("actions", i, "completionNote"), a.completion_note,
                        kTextMaxLength);
  }
  return errors;
}

bool only_weaker_actions(std::span<const CapaAction> actions) {
  bool any = false;
  for (const auto& a : actions) {
    if (a.status == CapaActionStatus::cancelled) continue;
    if (a.strength != ActionStrength::weaker) return false;
    any = true;
  }
  // An empty plan is not "only weaker": planning refuses it for its own reason.
  return any;
}

bool is_overdue(const CapaAction& action, Date today) {
  return still_open(action) && action.due_on && *action.due_on < today;
}

bool is_overdue(const CorrectiveAction& capa, Date today) {
  // A finished CAPA leaves nothing to chase, even if a cancelled one kept unfinished actions.
  if (is_finished(capa.state)) return false;
  if (capa.state == CapaState::awaiting_verification && capa.effectiveness_due_on &&
      *capa.effectiveness_due_on < today)
    return true;
  return std::any_of(capa.actions.begin(), capa.actions.end(),
                     [&](const CapaAction& a) { return is_overdue(a, today); });
}

}  // namespace hqms
