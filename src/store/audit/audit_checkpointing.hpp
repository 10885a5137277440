#pragma once
// Takes the checkpoints of one server or command: checks that the trail still goes on unaltered from the last
// checkpoint this key signed, signs its head, appends the checkpoint to the checkpoint file and stores it in
// the database. It reads the trail in transactions of its own, after the writes it anchors have committed, so
// no request's transaction waits for it. One caller at a time.
#include <optional>

#include "core/audit/audit_signing_key.hpp"
#include "core/audit/checkpoint_policy.hpp"
#include "store/audit/checkpoint_file.hpp"
#include "store/database.hpp"

namespace hqms::store {

class AuditCheckpointing {
 public:
  AuditCheckpointing(Database& db, AuditSigningKey key, CheckpointFile file, CheckpointPolicy policy = {});
  // The head, checkpointed when the policy says it is due; none when it is not.
  Result<std::optional<AuditCheckpoint>> take_if_due(Timestamp now);
  // The head, checkpointed unless this key has already anchored it (at shutdown, `hqms checkpoint-audit`).
  Result<std::optional<AuditCheckpoint>> take(Timestamp now);
  const AuditPublicKey& public_key() const { return key_.public_key(); }
  const std::filesystem::path& file() const { return file_.path(); }

 private:
  Result<std::optional<AuditCheckpoint>> take_when(Timestamp now, bool only_if_due);
  // The head to sign, after checking what lies between the last checkpoint and it; none when nothing is due.
  Result<std::optional<ChainHead>> head_to_sign(Timestamp now, bool only_if_due);

  Database& db_;
  AuditSigningKey key_;
  CheckpointFile file_;
  CheckpointPolicy policy_;
  // The newest checkpoint this key signed as this process knows it: it still counts if someone deletes it
  // from the database.
  std::optional<AuditCheckpoint> last_;
  // Whether last_ has learnt from the checkpoint file yet (once per process, at the first checkpoint).
  bool file_read_ = false;
};

}  // namespace hqms::store
