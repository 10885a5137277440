#pragma once
#include "core/audit/audit_chain.hpp"
#include "store/database.hpp"

namespace hqms::store {

// Walks the whole audit trail in sequence order within one read transaction and judges the hash chain. The
// one way HQMS checks its trail: `hqms verify-audit`, GET /api/v1/audit/verify and `hqms migrate-data` all
// use it.
Result<ChainVerdict> verify_audit_chain(Database& db);

}  // namespace hqms::store
