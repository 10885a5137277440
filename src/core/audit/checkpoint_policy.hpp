#pragma once
// When the head of the audit trail is checkpointed: every N entries or every M minutes, whichever comes
// first, and only when there is something new to anchor. Entries after the last checkpoint are the ones an
// attacker with the database could still rewrite unseen, so N and M bound what can be lost that way.
#include <chrono>
#include <cstdint>
#include <optional>

#include "core/audit/audit_checkpoint.hpp"
#include "core/common/timestamp.hpp"

namespace hqms {

struct CheckpointPolicy {
  std::int64_t every_entries = 1000;
  std::chrono::minutes every{10};
};

// `last` is the newest checkpoint this key signed, if any. A trail with no entries has nothing to anchor.
bool checkpoint_due(const CheckpointPolicy& policy, std::int64_t head_seq,
                    const std::optional<AuditCheckpoint>& last, Timestamp now);

}  // namespace hqms
