#pragma once
#include "core/audit/audit_chain.hpp"
#include "core/audit/checkpoint_agreement.hpp"
#include "store/database.hpp"

namespace hqms::store {

// Walks the whole audit trail in sequence order within one read transaction and judges the hash chain. The
// one way HQMS checks its trail: `hqms verify-audit`, GET /api/v1/audit/verify and `hqms migrate-data` all
// use it.
Result<ChainVerdict> verify_audit_chain(Database& db);

struct TrailVerdict {
  ChainVerdict chain;
  CheckpointVerdict checkpoints;
  std::size_t stored_checkpoints = 0;  // how many of them came from the database
};

// The chain and, in the same pass, whether the trail agrees with its checkpoints: those `agreement` already
// expects (from a checkpoint file, read before this is called so that the trail read here is at least as new
// as they are) and those stored in the database.
Result<TrailVerdict> verify_audit_trail(Database& db, CheckpointAgreement agreement);

}  // namespace hqms::store
