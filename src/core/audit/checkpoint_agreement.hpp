#pragma once
// Does the audit trail agree with the checkpoints taken of it? The hash chain alone cannot say: a trail whose
// last entries were deleted, or whose entries were rewritten with every later hash recomputed, is still a
// well-formed chain. A checkpoint signed with a key the attacker does not hold fixes what the trail held:
// - truncation: the trail ends before a checkpointed entry, or lacks it;
// - rewrite: the entry at a checkpointed sequence number has another hash.
// Only checkpoints signed by a trusted key count; any other is itself reported (altered, forged, or signed by
// a key nobody vouched for).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit_checkpoint.hpp"
#include "core/audit/audit_entry.hpp"
#include "core/audit/audit_signing_key.hpp"

namespace hqms {

struct CheckpointProblem {
  enum class Kind { unreadable, unknown_key, forged, truncated, missing, rewritten };
  Kind kind;
  std::int64_t seq = 0;  // the checkpointed entry; 0 for a line that is not a checkpoint
  std::string where;     // where the checkpoint came from: "FILE line 4", "the database"
  std::string detail;    // a sentence for the operator
};

struct CheckpointVerdict {
  std::int64_t agreeing = 0;  // checkpoints that verify and whose entry the trail holds unchanged
  std::optional<AuditCheckpoint> latest_agreeing;
  std::int64_t trail_end = 0;  // the last entry the trail holds
  std::vector<CheckpointProblem> problems;
  bool ok() const { return problems.empty(); }
};

class CheckpointAgreement {
 public:
  explicit CheckpointAgreement(std::vector<AuditPublicKey> trusted_keys);
  // A checkpoint to hold the trail to. Its signature is checked here.
  void expect(const AuditCheckpoint& checkpoint, std::string where);
  // A line of a checkpoint file that is not a checkpoint at all: an edit, or a write cut short.
  void unreadable(std::string where, std::string detail);
  // The trail, every entry in sequence order.
  void feed(const AuditEntry& entry);
  CheckpointVerdict verdict() const;

 private:
  struct Expected {
    AuditCheckpoint checkpoint;
    std::string where;
  };
  std::vector<AuditPublicKey> trusted_;
  std::map<std::int64_t, std::vector<Expected>> expected_;
  std::map<std::int64_t, std::string> found_hashes_;  // the trail's hash at each checkpointed seq
  std::vector<CheckpointProblem> problems_;
  std::int64_t trail_end_ = 0;
};

}  // namespace hqms
