#pragma once
// Corrective and preventive actions: the record with its actions and effectiveness checks, evidence files,
// the lists, board and ageing views, and the overdue actions escalation reads.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/access/access_policy.hpp"
#include "core/capa/capa_ageing.hpp"
#include "core/capa/corrective_action.hpp"
#include "core/capa/overdue_digest.hpp"
#include "core/paging/page.hpp"

namespace hqms::store {

struct CapaQuery {
  ScopeFilter visible;
  Id caller_id = 0;               // also sees those they coordinate or own an action in
  std::vector<CapaState> states;  // any of these; empty for all
  std::optional<CapaSource> source;
  std::optional<Id> department_id;
  std::optional<Id> owner_id;  // coordinator or owner of an action
  std::optional<Id> investigation_id;
  std::optional<Id> risk_id;
  std::optional<Id> fmea_study_id;
  std::optional<Date> overdue_on;  // only CAPAs overdue on this day (see is_overdue(CorrectiveAction))
  std::string text;                // matches reference, title or problem statement
  PageRequest page;                // sort: updatedAt, createdAt, reference, title, state
};

struct CapaStateCount {
  CapaState state = CapaState::open;
  std::int64_t count = 0;
};

class CapaRepository {
 public:
  virtual ~CapaRepository() = default;
  // Stores it with its actions (ids assigned) and answers the id; the reference is assigned here.
  virtual Result<Id> create(const CorrectiveAction& capa) = 0;
  virtual Result<CorrectiveAction> get(Id id) = 0;
  // The same, locking the row on PostgreSQL for a change.
  virtual Result<CorrectiveAction> get_for_update(Id id) = 0;
  // Saves when `capa.version` is still the stored one (conflict otherwise) and bumps it. Actions with an id
  // keep it; new ones (id 0) get one; actions no longer listed are removed with their evidence. Checks are
  // append-only: those with id 0 are added.
  virtual Result<void> update(const CorrectiveAction& capa) = 0;
  virtual Result<Page<CorrectiveAction>> list(const CapaQuery& query) = 0;
  // Counts per state under the query's filters (its state filter ignored), for the board's columns.
  virtual Result<std::vector<CapaStateCount>> count_by_state(const CapaQuery& query) = 0;
  // Open (not closed, not cancelled) CAPAs under the filters, for the ageing report.
  virtual Result<std::vector<OpenCapaAge>> open_ages(const CapaQuery& query, Date today) = 0;
  // Every overdue action and effectiveness check on `today`, organisation-wide, for escalation.
  virtual Result<std::vector<OverdueAction>> overdue_actions(Date today) = 0;

  // `content` is the file's bytes as uploaded (the store keeps them base64 with their SHA-256, and answers
  // them as given); meta.action_id must be an action of this CAPA (not_found otherwise).
  virtual Result<Id> add_evidence(Id capa_id, const EvidenceFile& meta, const std::string& content) = 0;
  virtual Result<std::vector<EvidenceFile>> evidence(Id capa_id) = 0;
  virtual Result<std::pair<EvidenceFile, std::string>> evidence_file(Id capa_id, Id file_id) = 0;
};

}  // namespace hqms::store
