#pragma once
#include "store/database.hpp"

namespace hqms::store {

// Lets the audit entries held back for days before `now` join the trail (AuditLog::release_held), in one
// write transaction. `hqms serve` runs it at start and every few minutes, so a day's entries join soon after
// midnight (UTC); running it again, or from two servers, releases nothing twice.
Result<int> release_held_audit_events(Database& db, Timestamp now);

}  // namespace hqms::store
