#pragma once
// The checkpoint file: one JSON line per checkpoint (core/audit/audit_checkpoint.hpp), only ever appended to.
// It lives outside the database so that it still names what the trail held when someone controls the
// database; ship a copy off the machine (log shipping, WORM storage, `chattr +a`) so that it outlives the
// machine too.
#include <filesystem>
#include <vector>

#include "core/audit/audit_checkpoint.hpp"
#include "core/common/result.hpp"
#include "store/audit/file_descriptor.hpp"

namespace hqms::store {

class CheckpointFile {
 public:
  // Opens the file for appending, creating it when it does not exist.
  static Result<CheckpointFile> open(const std::filesystem::path& file);
  // The whole line in one write, then fsync: an acknowledged checkpoint survives a crash.
  Result<void> append(const AuditCheckpoint& checkpoint);
  const std::filesystem::path& path() const { return path_; }

 private:
  CheckpointFile(std::filesystem::path path, FileDescriptor fd)
      : path_(std::move(path)), fd_(std::move(fd)) {}
  std::filesystem::path path_;
  FileDescriptor fd_;
};

struct CheckpointFileLine {
  std::size_t number;  // 1-based
  Result<AuditCheckpoint> checkpoint;
};

// Every non-blank line of a checkpoint file, each read as a checkpoint or as the reason it is not one.
Result<std::vector<CheckpointFileLine>> read_checkpoint_file(const std::filesystem::path& file);

}  // namespace hqms::store
