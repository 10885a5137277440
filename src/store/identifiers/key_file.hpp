#pragma once
// The key file that holds the patient-identifier keys (core/common/identifier_cipher.hpp): outside the
// database, so that a copy of the database alone (a stolen backup, a file read through a hole in the server)
// yields no identifier. One key per line, "<id> <current|previous> <base64 of 32 bytes>"; '#' starts a
// comment. A "previous" key is kept only while a rotation re-encrypts what it sealed.
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/identifier_cipher.hpp"
#include "core/common/result.hpp"

namespace hqms::store {

// The keys, previous ones first and the current one last (the order IdentifierCipher takes). Refuses a file
// that others than its owner may read or write (anything but mode 0600 or 0400): a key readable by every
// account on the server protects nothing.
Result<std::vector<IdentifierKey>> read_key_file(const std::filesystem::path& file);
// Replaces the file in one rename (the old content or the new, never half), mode 0600; the last key is
// written as current.
Result<void> write_key_file(const std::filesystem::path& file, const std::vector<IdentifierKey>& keys);
// A new file with one fresh key; fails if the file exists, so two processes never make two keys.
Result<std::vector<IdentifierKey>> create_key_file(const std::filesystem::path& file);

// The key file a command uses: the one given, or for a SQLite database "<file>.keys" beside it; a
// PostgreSQL database has no "beside", so there it must be given.
Result<std::string> key_file_for(const std::string& location, const std::string& given);

}  // namespace hqms::store
