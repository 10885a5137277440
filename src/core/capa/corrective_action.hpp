#pragma once
// A corrective or preventive action (CAPA): the problem, what contained it, its root cause, the actions that
// remove the cause and the check that they worked. Actions carry the RCA2 strength of the investigation
// action plan they may come from.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/business_calendar.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/investigations/investigation.hpp"
#include "core/org/organisation.hpp"

namespace hqms {

enum class CapaSource {
  incident_investigation,
  audit_finding,
  complaint,
  risk_review,  // a risk register review or an FMEA study
  indicator_signal,
  management_review,
  manual,
};
std::span<const CapaSource> all_capa_sources();
std::string_view to_string(CapaSource v);
std::optional<CapaSource> capa_source_from_string(std::string_view s);
std::string_view label(CapaSource v);

// Corrective removes the cause of a problem that happened; preventive the cause of one that may happen.
enum class CapaKind { corrective, preventive };
std::string_view to_string(CapaKind v);
std::optional<CapaKind> capa_kind_from_string(std::string_view s);
std::string_view label(CapaKind v);

// open -> planned -> in_progress -> awaiting_verification -> closed (verified effective); a check that finds
// it not effective sends it back to planned with a new action. Open, planned and in-progress CAPAs may be
// cancelled with a reason (raised in error, merged into another).
enum class CapaState { open, planned, in_progress, awaiting_verification, closed, cancelled };
std::span<const CapaState> all_capa_states();
std::string_view to_string(CapaState v);
std::optional<CapaState> capa_state_from_string(std::string_view s);
std::string_view label(CapaState v);
bool is_finished(CapaState v);  // closed or cancelled

enum class CapaActionStatus { not_started, in_progress, done, cancelled };
std::string_view to_string(CapaActionStatus v);
std::optional<CapaActionStatus> capa_action_status_from_string(std::string_view s);
std::string_view label(CapaActionStatus v);

enum class EffectivenessResult { effective, not_effective };
std::string_view to_string(EffectivenessResult v);
std::optional<EffectivenessResult> effectiveness_result_from_string(std::string_view s);

// A file that shows an action was done (an updated checklist, a training record, a photo of the new
// signage). The bytes live in the store; the record carries what the list shows.
struct EvidenceFile {
  Id id = 0;
  Id action_id = 0;
  std::string file_name;
  std::string media_type;
  std::int64_t size_bytes = 0;
  Id uploaded_by = 0;
  Timestamp uploaded_at{};
};

struct CapaAction {
  Id id = 0;  // stable across edits: evidence and the investigation's plan point at it
  std::string description;
  ActionStrength strength = ActionStrength::weaker;
  std::optional<Id> owner_id;
  std::optional<Date> due_on;
  CapaActionStatus status = CapaActionStatus::not_started;
  std::string completion_note;  // what was done; needed to mark the action done
  std::optional<Timestamp> completed_at;
  std::optional<Id> investigation_action_id;  // the RCA action-plan item it came from
  std::optional<Id> failure_mode_id;          // the FMEA failure mode whose recommended action it is
};

struct EffectivenessCheck {
  Id id = 0;
  EffectivenessResult result = EffectivenessResult::effective;
  std::string criterion;  // the criterion as it stood when checked
  std::string evidence;   // what was measured or observed against it
  Id checked_by = 0;
  Timestamp checked_at{};
};

struct CorrectiveAction {
  Id id = 0;
  std::string reference;  // CAPA-2026-0042
  std::string title;
  CapaKind kind = CapaKind::corrective;
  CapaSource source = CapaSource::manual;
  std::string source_reference;  // the audit finding, complaint or review it came from, as free text
  std::optional<Id> investigation_id;
  std::optional<Id> risk_id;
  std::optional<Id> fmea_study_id;
  Id site_id = 0;
  Id department_id = 0;
  std::optional<Id> coordinator_id;  // answers for the CAPA as a whole
  std::string problem_statement;
  std::string containment;  // what was done at once to limit the harm
  std::string root_cause;
  std::vector<CapaAction> actions;
  std::string effectiveness_criterion;  // measurable: "no wrong-site marking misses in 3 monthly audits"
  std::optional<Date> effectiveness_due_on;
  std::vector<EffectivenessCheck> checks;  // oldest first
  CapaState state = CapaState::open;
  std::string cancel_reason;
  Timestamp created_at{};
  Timestamp updated_at{};
  std::optional<Timestamp> closed_at;
  std::optional<Id> created_by;
  int version = 1;
};

// Field errors against the API's names (`title`, `problemStatement`, `actions[2].description`,
// `actions[0].completionNote`, `effectivenessCriterion` ...): title and problem statement present, texts
// within their limits (title 300, others 4000, counted in characters, not UTF-8 bytes), at most 50 actions,
// no two actions with the same non-zero id (`actions[1].id`), a done action has a completion note.
std::vector<FieldError> check_capa(const CorrectiveAction& capa);

// The RCA2 warning: the plan holds actions and none is stronger or intermediate (cancelled ones not counted).
bool only_weaker_actions(std::span<const CapaAction> actions);

// An action is overdue on `today` when it has a due date before today and is neither done nor cancelled.
bool is_overdue(const CapaAction& action, Date today);
// Any of its actions overdue, or its effectiveness check past due while awaiting verification. A closed or
// cancelled CAPA is never overdue.
bool is_overdue(const CorrectiveAction& capa, Date today);

}  // namespace hqms
