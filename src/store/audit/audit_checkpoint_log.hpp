#pragma once
// The checkpoints of the audit trail kept in the database beside the trail (the checkpoint file outside the
// database holds the same ones), and the few reads of the trail that taking and checking one needs.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit_checkpoint.hpp"
#include "core/audit/audit_entry.hpp"
#include "core/common/result.hpp"

namespace hqms::store {

struct ChainHead {
  std::int64_t seq = 0;
  std::string hash;
};

// Append-only like the trail: the schema refuses updates and deletes.
class AuditCheckpointLog {
 public:
  virtual ~AuditCheckpointLog() = default;
  // A checkpoint already stored (the same entry, signed by the same key) is left as it is.
  virtual Result<void> add(const AuditCheckpoint& checkpoint) = 0;
  // The newest checkpoint, of one key or (with an empty key id) of any.
  virtual Result<std::optional<AuditCheckpoint>> latest(const std::string& key_id) = 0;
  // Every checkpoint, oldest first.
  virtual Result<std::vector<AuditCheckpoint>> all() = 0;
  // The newest entry of the trail; none while the trail is empty.
  virtual Result<std::optional<ChainHead>> head() = 0;
  // The hash of one entry; none when the trail lacks it.
  virtual Result<std::optional<std::string>> entry_hash(std::int64_t seq) = 0;
  // The entries after `seq`, up to and including `until`, in sequence order: what a new checkpoint covers.
  virtual Result<void> entries_between(std::int64_t after, std::int64_t until,
                                       const std::function<void(const AuditEntry&)>& visit) = 0;
};

}  // namespace hqms::store
