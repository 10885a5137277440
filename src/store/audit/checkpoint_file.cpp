#include "store/audit/checkpoint_file.hpp"

#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "store/files/durable_write.hpp"

namespace hqms::store {

Result<CheckpointFile> CheckpointFile::open(const std::filesystem::path& file) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(file, ec);
  FileDescriptor fd(::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640));
  if (!fd)
    return Error::internal("cannot open the audit checkpoint file " + file.string() + ": " +
                           std::strerror(errno));
  if (!existed) {
    sync_folder_of(file);  // the new file's name must survive a crash as well as its lines
  }
  return CheckpointFile(file, std::move(fd));
}

Result<void> CheckpointFile::append(const AuditCheckpoint& checkpoint) {
  const std::string line = audit_checkpoint_json_line(checkpoint) + "\n";
  if (!write_fully(fd_.get(), line))
    return Error::internal("cannot append to the audit checkpoint file " + path_.string() + ": " +
                           std::strerror(errno));
  if (::fsync(fd_.get()) != 0)
    return Error::internal("cannot flush the audit checkpoint file " + path_.string() + ": " +
                           std::strerror(errno));
  return {};
}

Result<std::vector<CheckpointFileLine>> read_checkpoint_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::not_found("cannot read the audit checkpoint file " + file.string());
  std::vector<CheckpointFileLine> lines;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    lines.push_back({number, parse_audit_checkpoint_line(line)});
  }
  if (in.bad()) return Error::internal("cannot read the audit checkpoint file " + file.string());
  return lines;
}

}  // namespace hqms::store
