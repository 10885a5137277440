#pragma once
// Where the audit signing key and the checkpoint file are, for `hqms serve`, `hqms checkpoint-audit`,
// `hqms audit-public-key` and `hqms verify-audit` alike.
#include <filesystem>
#include <optional>
#include <string>

#include "core/audit/checkpoint_policy.hpp"
#include "store/audit/audit_checkpointing.hpp"

namespace hqms::cli {

struct AuditCheckpointFiles {
  std::filesystem::path key;
  std::filesystem::path checkpoints;
};

// As given, or by default beside a SQLite database file (`<db>.audit-key`); the checkpoint file by default
// beside the key (`<db>.audit-checkpoints.jsonl`, or `<key>.audit-checkpoints.jsonl`). None for a PostgreSQL
// database given no key: it has no file to put one beside, and a default in the working directory would
// scatter keys.
std::optional<AuditCheckpointFiles> audit_checkpoint_files(const std::string& db_location,
                                                           const std::string& key,
                                                           const std::string& checkpoints);

// Neither file may be inside the folder the web front end is served from.
Result<void> refuse_inside_web_root(const AuditCheckpointFiles& files, const std::filesystem::path& web_root);

// Reads (or first creates) the key and opens the checkpoint file.
Result<store::AuditCheckpointing> open_audit_checkpointing(store::Database& db,
                                                           const AuditCheckpointFiles& files,
                                                           CheckpointPolicy policy = {});

}  // namespace hqms::cli
