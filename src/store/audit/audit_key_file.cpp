#include "store/audit/audit_key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/common/crypto.hpp"
#include "store/audit/file_descriptor.hpp"
#include "store/files/durable_write.hpp"

namespace hqms::store {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kLargestKeyFile = 4096;

Error file_error(const std::string& doing, const fs::path& file) {
  return Error::internal("cannot " + doing + " " + file.string() + ": " + std::strerror(errno));
}

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// The whole of a small file, after checking that it is a regular file that only its owner can reach. A secret
// key that others could read may already have been copied, so its signatures would prove nothing.
Result<std::string> read_private_file(const fs::path& file) {
  FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return file_error("read the audit key file", file);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return file_error("examine the audit key file", file);
  if (!S_ISREG(st.st_mode))
    return Error::forbidden("the audit key file " + file.string() + " is not a regular file");
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    return Error::forbidden("the audit key file " + file.string() +
                            " may be read or written by group or others (mode " + octal_mode(st.st_mode) +
                            "); HQMS signs only with a key nobody else could have copied. "
                            "Run `chmod 600 " +
                            file.string() +
                            "` if you are sure it has not been, or else move it "
                            "away so that a new key is made");
  std::string text(kLargestKeyFile + 1, '\0');
  std::size_t length = 0;
  for (ssize_t n;
       length < text.size() && (n = ::read(fd.get(), text.data() + length, text.size() - length)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return file_error("read the audit key file", file);
    length += static_cast<std::size_t>(n);
  }
  if (length > kLargestKeyFile)
    return Error::validation({}, file.string() + " is too large to be an audit key");
  text.resize(length);
  return text;
}

// The key is written whole to a new file beside its final name, flushed, then linked into place: a crash
// leaves either no key file or a complete one, and link() never replaces a key another process made
// meanwhile.
Result<void> create_key_file(const fs::path& file, const AuditSigningKey& key) {
  const fs::path directory = file.has_parent_path() ? file.parent_path() : fs::path(".");
  const fs::path draft = directory / ("." + file.filename().string() + ".new-" + random_token(9));
  {
    FileDescriptor fd(::open(draft.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (!fd) return file_error("create the audit key file", draft);
    Result<void> written;
    if (!write_fully(fd.get(), key.to_text()))
      written = Error::internal(std::string("write failed: ") + std::strerror(errno));
    else if (::fchmod(fd.get(), 0600) != 0 || ::fsync(fd.get()) != 0)
      written = file_error("flush the audit key file", draft);
    if (!written) {
      ::unlink(draft.c_str());
      return written;
    }
  }
  const int linked = ::link(draft.c_str(), file.c_str());
  const int link_errno = errno;
  ::unlink(draft.c_str());
  if (linked != 0 && link_errno != EEXIST) {
    errno = link_errno;
    return file_error("create the audit key file", file);
  }
  sync_folder_of(file);  // the new name survives a crash too
  return {};
}

}  // namespace

Result<AuditSigningKey> read_audit_key(const fs::path& file) {
  auto text = read_private_file(file);
  if (!text) return text.error();
  auto key = AuditSigningKey::from_text(*text);
  if (!key) return Error::validation({}, file.string() + ": " + key.error().message);
  return key;
}

Result<AuditSigningKey> open_audit_key(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) {
    if (auto created = create_key_file(file, AuditSigningKey::generate()); !created) return created.error();
  }
  // Read back what is in the file, which is another process's key if it made one first.
  return read_audit_key(file);
}

Result<AuditPublicKey> read_trusted_key(const fs::path& file) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return Error::not_found("cannot read the public key file " + file.string() + ": " + ec.message());
  if (size > kLargestKeyFile)
    return Error::validation({}, file.string() + " is too large to be an audit key");
  std::string text(size, '\0');
  {
    FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) return file_error("read the public key file", file);
    const ssize_t n = ::read(fd.get(), text.data(), text.size());
    if (n < 0) return file_error("read the public key file", file);
    text.resize(static_cast<std::size_t>(n));
  }
  if (auto public_key = AuditPublicKey::from_text(text)) return public_key;
  // A signing key file will do as well: its public half is derived, after the same checks as for signing.
  if (text.find("hqms-audit-signing-key-v1") != std::string::npos) {
    auto key = read_audit_key(file);
    if (!key) return key.error();
    return key->public_key();
  }
  return Error::validation({}, file.string() + ": " + AuditPublicKey::from_text(text).error().message);
}

}  // namespace hqms::store
