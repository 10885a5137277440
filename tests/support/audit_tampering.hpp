#pragma once
// What an attacker with write access to the database does to the audit trail (issue 12, finding 5): drop the
// guard triggers as the owner of the schema can, then cut the trail's tail, or rewrite an entry and recompute
// every later hash so that the chain verifies again. Either way they also delete the checkpoints stored in
// the database that would give them away; only the checkpoint file outside the database is beyond their
// reach.
#include <cstdint>
#include <string>

#include "support/test_database.hpp"

namespace hqms::test {

// Deletes the last `entries` entries of the trail. Returns the new last sequence number.
std::int64_t cut_audit_tail(const TestDatabase& db, std::int64_t entries);
// Gives entry `seq` another summary and re-seals it and every entry after it.
void rewrite_audit_entry(const TestDatabase& db, std::int64_t seq, const std::string& summary);

}  // namespace hqms::test
