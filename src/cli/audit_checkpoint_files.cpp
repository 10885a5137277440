#include "cli/audit_checkpoint_files.hpp"

#include <algorithm>

#include "store/audit/audit_key_file.hpp"

namespace hqms::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kKeySuffix = ".audit-key";

// Absolute, with symbolic links resolved as far as the path exists, and no trailing separator.
fs::path resolved(const fs::path& p) {
  auto out = fs::weakly_canonical(fs::absolute(p)).lexically_normal();
  return out.has_filename() ? out : out.parent_path();
}

bool is_inside(const fs::path& file, const fs::path& folder) {
  const auto f = resolved(file);
  const auto d = resolved(folder);
  return std::mismatch(d.begin(), d.end(), f.begin(), f.end()).first == d.end();
}

}  // namespace

std::optional<AuditCheckpointFiles> audit_checkpoint_files(const std::string& db_location,
                                                           const std::string& key,
                                                           const std::string& checkpoints) {
  AuditCheckpointFiles files;
  if (!key.empty())
    files.key = key;
  else if (!store::is_postgres_location(db_location))
    files.key =
        (db_location.starts_with("sqlite:") ? db_location.substr(7) : db_location) + std::string(kKeySuffix);
  else
    return std::nullopt;
  if (!checkpoints.empty()) {
    files.checkpoints = checkpoints;
  } else {
    std::string stem = files.key.string();
    if (stem.ends_with(kKeySuffix)) stem.resize(stem.size() - kKeySuffix.size());
    files.checkpoints = stem + ".audit-checkpoints.jsonl";
  }
  return files;
}

Result<void> refuse_inside_web_root(const AuditCheckpointFiles& files, const fs::path& web_root) {
  if (web_root.empty()) return {};
  for (const auto& [file, what] :
       {std::pair{files.key, "audit key"}, std::pair{files.checkpoints, "audit checkpoint file"}})
    if (is_inside(file, web_root))
      return Error::forbidden(std::string("the ") + what + " " + file.string() + " is inside the web root " +
                              web_root.string() + ": keep it where no request could reach it");
  return {};
}

Result<store::AuditCheckpointing> open_audit_checkpointing(store::Database& db,
                                                           const AuditCheckpointFiles& files,
                                                           CheckpointPolicy policy) {
  auto key = store::open_audit_key(files.key);
  if (!key) return key.error();
  auto file = store::CheckpointFile::open(files.checkpoints);
  if (!file) return file.error();
  return store::AuditCheckpointing(db, std::move(*key), std::move(*file), policy);
}

}  // namespace hqms::cli
