#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/access/access_policy.hpp"
#include "core/audit/audit_entry.hpp"
#include "core/common/result.hpp"
#include "core/paging/page.hpp"

namespace hqms::store {

struct AuditQuery {
  std::optional<Id> actor_id;
  std::string entity_type;
  std::string entity_id;
  std::string action;
  std::string text;                // words to find in the summary, entity or actor (full-text)
  std::optional<Timestamp> from;   // inclusive
  std::optional<Timestamp> until;  // exclusive
  ScopeFilter visible;
  PageRequest page;
};

struct DayCount {
  std::string date;  // YYYY-MM-DD
  std::int64_t count = 0;
};

// Append-only: there is deliberately no update or delete here, and the schema refuses them too.
class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Chains the event after the current head, inside the caller's transaction.
  virtual Result<AuditEntry> append(const AuditEvent& event, Timestamp at) = 0;
  // append() for callers that need only to know it worked.
  Result<void> record(const AuditEvent& event, Timestamp at) {
    auto entry = append(event, at);
    if (!entry) return entry.error();
    return {};
  }
  // Keeps an anonymous record's event back until its day is over, under a random key (held_event.hpp): its
  // entry then joins the chain with the day's other held events in random order (release_held).
  virtual Result<void> hold(const AuditEvent& event, Timestamp day) = 0;
  // Appends every event held for a day before `today`, each stamped with its day, in random order; how many.
  virtual Result<int> release_held(Timestamp today) = 0;
  virtual Result<Page<AuditEntry>> list(const AuditQuery& query) = 0;
  virtual Result<std::vector<DayCount>> activity(Timestamp from, Timestamp until,
                                                 const ScopeFilter& visible) = 0;
  // Every entry in sequence order, for verification; the visitor returns false to stop.
  virtual Result<void> scan(const std::function<bool(const AuditEntry&)>& visit) = 0;
};

}  // namespace hqms::store
