#pragma once
// The two steps every file HQMS must not lose takes (the audit signing key, the checkpoint file, the
// patient-identifier key file): writing all of its bytes, and making its name in the folder survive a crash.
// Callers word their own errors, so these report failure through errno.
#include <filesystem>
#include <string_view>

namespace hqms::store {

// Writes all of `bytes` to `fd`, going on after short and interrupted writes. False, with errno set, when a
// write fails.
bool write_fully(int fd, std::string_view bytes);

// Flushes the folder that holds `file`: POSIX fsync covers a file's data, not its entry in the folder, so a
// name just created or renamed needs this to survive a crash. Best effort: a folder that cannot be opened is
// left as it is.
void sync_folder_of(const std::filesystem::path& file);

}  // namespace hqms::store
