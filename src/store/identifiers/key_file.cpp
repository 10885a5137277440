#include "store/identifiers/key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/common/crypto.hpp"
#include "store/audit/file_descriptor.hpp"
#include "store/database.hpp"
#include "store/files/durable_write.hpp"

namespace hqms::store {
namespace {

constexpr const char* kHeader =
    "# HQMS patient-identifier keys. Without this file the patient identifiers in the database cannot be\n"
    "# read: back it up, apart from the database backups, and keep it out of the web root. Never edit it by\n"
    "# hand; `hqms rotate-key` adds and retires keys.\n";

Error file_error(const std::filesystem::path& file, const std::string& what) {
  return Error::of(ErrorKind::unavailable, "key file " + file.string() + ": " + what);
}

Error errno_error(const std::filesystem::path& file, const std::string& what) {
  return file_error(file, what + " (" + std::strerror(errno) + ")");
}

std::string render(const std::vector<IdentifierKey>& keys) {
  std::string out = kHeader;
  for (std::size_t i = 0; i < keys.size(); ++i)
    out += keys[i].id + (i + 1 == keys.size() ? " current " : " previous ") +
           base64_encode(std::string_view(reinterpret_cast<const char*>(keys[i].secret.data()),
                                          keys[i].secret.size())) +
           "\n";
  return out;
}

Result<void> write_all(int fd, const std::filesystem::path& file, const std::string& text) {
  if (!write_fully(fd, text)) return errno_error(file, "cannot write");
  if (::fsync(fd) != 0) return errno_error(file, "cannot flush to disk");
  return {};
}

}  // namespace

Result<std::vector<IdentifierKey>> read_key_file(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return errno_error(file, "cannot be read");
  if (!S_ISREG(st.st_mode)) return file_error(file, "is not a regular file");
  if ((st.st_mode & 0177) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return file_error(file, std::string("others may read or change it (mode ") + mode + "); run chmod 600 " +
                                file.string());
  }
  std::ifstream in(file);
  if (!in) return errno_error(file, "cannot be read");
  std::vector<IdentifierKey> previous, current;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line.starts_with('#')) continue;
    std::istringstream fields(line);
    std::string id, state, secret, extra;
    fields >> id >> state >> secret;
    const auto bytes = base64_decode(secret);
    if (!fields || (fields >> extra) || (state != "current" && state != "previous") || !bytes ||
        bytes->size() != 32 || !valid_identifier_key_id(id))
      return file_error(file, "line " + std::to_string(number) +
                                  " is not \"<id> <current|previous> <base64 of 32 bytes>\"");
    IdentifierKey key;
    key.id = id;
    std::memcpy(key.secret.data(), bytes->data(), 32);
    (state == "current" ? current : previous).push_back(std::move(key));
  }
  if (current.size() != 1) return file_error(file, "must hold exactly one current key");
  previous.push_back(std::move(current.front()));
  return previous;
}

Result<void> write_key_file(const std::filesystem::path& file, const std::vector<IdentifierKey>& keys) {
  auto temporary = file;
  temporary += ".new";
  {
    FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (!fd) return errno_error(temporary, "cannot be created");
    ::fchmod(fd.get(), 0600);  // an older file of that name may have had another mode
    if (auto written = write_all(fd.get(), temporary, render(keys)); !written) return written;
  }
  if (std::rename(temporary.c_str(), file.c_str()) != 0) return errno_error(file, "cannot be replaced");
  sync_folder_of(file);  // the rename is durable only once the folder is flushed
  return {};
}

Result<std::vector<IdentifierKey>> create_key_file(const std::filesystem::path& file) {
  std::vector<IdentifierKey> keys{generate_identifier_key()};
  FileDescriptor fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (!fd) return errno_error(file, "cannot be created");
  auto written = write_all(fd.get(), file, render(keys));
  fd = FileDescriptor();  // closed before a failed file is removed
  if (!written) {
    std::filesystem::remove(file);
    return written.error();
  }
  sync_folder_of(file);
  return keys;
}

Result<std::string> key_file_for(const std::string& location, const std::string& given) {
  if (!given.empty()) return given;
  if (is_postgres_location(location))
    return Error::of(
        ErrorKind::unavailable,
        "a PostgreSQL database needs --key-file FILE: the file of keys that encrypt its patient "
        "identifiers (kept apart from the database; see docs/user-guide/patient-identifier-keys.md)");
  const auto file = location.starts_with("sqlite:") ? location.substr(7) : location;
  return file + ".keys";
}

}  // namespace hqms::store
