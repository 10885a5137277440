#include "core/audit/checkpoint_policy.hpp"

namespace hqms {

bool checkpoint_due(const CheckpointPolicy& policy, std::int64_t head_seq,
                    const std::optional<AuditCheckpoint>& last, Timestamp now) {
  if (head_seq < 1) return false;
  if (!last) return true;
  if (head_seq <= last->seq) return false;
  if (head_seq - last->seq >= policy.every_entries) return true;
  const auto signed_at = parse_iso(last->at);
  return !signed_at || now - *signed_at >= policy.every;
}

}  // namespace hqms
