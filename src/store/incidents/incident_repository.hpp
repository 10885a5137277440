#pragma once
// Where reported events live. Lists are filtered by the caller's scope in the query itself, so that nothing
// outside it is ever read into the server.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/access/access_policy.hpp"
#include "core/common/result.hpp"
#include "core/incidents/incident_report.hpp"
#include "core/learning/pareto.hpp"
#include "core/paging/page.hpp"

namespace hqms::store {

enum class IncidentQueue { all, mine, department, triage, investigations, overdue };

struct IncidentQuery {
  IncidentQueue queue = IncidentQueue::all;
  Id caller_id = 0;
  // What the caller may see: reports inside `visible`, plus their own and those they handle or investigate.
  ScopeFilter visible;
  ScopeFilter triage_scope;        // for the triage queue
  std::vector<Id> department_ids;  // for the department queue: the caller's own departments
  std::optional<IncidentState> state;
  std::optional<EventType> type;
  std::optional<EventCategory> category;
  std::optional<HarmLevel> harm;
  std::optional<Severity> severity;
  std::optional<Id> site_id;
  std::optional<Id> department_id;
  std::optional<Timestamp> occurred_from;   // inclusive
  std::optional<Timestamp> occurred_until;  // exclusive
  bool sentinel_only = false;
  std::string text;  // full-text words
  // Reports about this patient (exact match on the normalised identifier, through the blind index), among
  // those whose patient the caller may see: inside `patient_visible`, or their own, handled or investigated.
  std::optional<std::string> patient_identifier;
  ScopeFilter patient_visible;
  // The overdue queue: analysis due before `today`, or disclosure missing for reports submitted before
  // `disclosure_cutoff`.
  Date today{};
  Timestamp disclosure_cutoff{};
  PageRequest page;
};

enum class IncidentGrouping { category, location, factor };

struct MonthlyCount {
  Id department_id = 0;
  std::string month;  // YYYY-MM of occurrence
  std::int64_t count = 0;
};

struct IncidentWorkCounts {
  std::int64_t my_reports = 0;
  std::int64_t triage_queue = 0;
  std::int64_t my_investigations = 0;
  std::int64_t overdue = 0;
};

class IncidentRepository {
 public:
  virtual ~IncidentRepository() = default;
  // Stores a new report (its id and reference are assigned here) and answers the id.
  virtual Result<Id> create(const IncidentReport& report, const std::string& submission_key) = 0;
  // The report an earlier attempt with the same key created (reporter_id empty for anonymous reports).
  virtual Result<std::optional<Id>> find_submission(std::optional<Id> reporter_id,
                                                    const std::string& submission_key) = 0;
  virtual Result<IncidentReport> get(Id id) = 0;
  // As get(), locking the row against concurrent changes until the transaction ends.
  virtual Result<IncidentReport> get_for_update(Id id) = 0;
  // Saves every changeable field when `report.version` is still the stored one; conflict otherwise. The
  // stored version is incremented.
  virtual Result<void> update(const IncidentReport& report) = 0;
  virtual Result<Page<IncidentReport>> list(const IncidentQuery& query) = 0;
  // Every match, in the query's order, without paging (exports).
  virtual Result<void> scan(const IncidentQuery& query,
                            const std::function<bool(const IncidentReport&)>& visit) = 0;
  virtual Result<std::vector<CategoryCount>> count_by(const IncidentQuery& query, IncidentGrouping by) = 0;
  virtual Result<std::vector<MonthlyCount>> monthly(const IncidentQuery& query) = 0;
  virtual Result<IncidentWorkCounts> work_counts(const IncidentQuery& base) = 0;

  virtual Result<void> add_follow_up_code(Id incident_id, const std::string& code_hash) = 0;
  virtual Result<std::optional<Id>> find_by_follow_up(const std::string& code_hash) = 0;
};

}  // namespace hqms::store
