#include "store/audit/checkpoint_file.hpp"

#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace hqms::store {

Result<CheckpointFile> CheckpointFile::open(const std::filesystem::path& file) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(file, ec);
  FileDescriptor fd(::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640));
  if (!fd)
    return Error::internal("cannot open the audit checkpoint file " + file.string() + ": " +
                           std::strerror(errno));
  if (!existed) {
    // The new file's name must survive a crash as well as its lines (POSIX fsync covers the file, not its
    // entry).
    const auto directory = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir) ::fsync(dir.get());
  }
  return CheckpointFile(file, std::move(fd));
}

Result<void> CheckpointFile::append(const AuditCheckpoint& checkpoint) {
  const std::string line = audit_checkpoint_json_line(checkpoint) + "\n";
  std::string_view rest = line;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_.get(), rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return Error::internal("cannot append to the audit checkpoint file " + path_.string() + ": " +
                             std::strerror(errno));
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
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
