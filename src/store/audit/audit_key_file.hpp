#pragma once
// The key that signs audit checkpoints lives in a file of its own: outside the database, so that whoever
// takes or rewrites the database does not get the key with it, and outside the web root. Only its owner may
// read it.
#include <filesystem>

#include "core/audit/audit_signing_key.hpp"
#include "core/common/result.hpp"

namespace hqms::store {

// Reads the signing key, first creating the file (mode 0600, a fresh random key) when it does not exist.
// Refuses a key file that group or others may read or write, or that is not a regular file.
Result<AuditSigningKey> open_audit_key(const std::filesystem::path& file);
// Reads a signing key that must already exist, with the same checks.
Result<AuditSigningKey> read_audit_key(const std::filesystem::path& file);
// The key a verifier trusts: a public key file (`hqms audit-public-key`), or a signing key file's public
// half.
Result<AuditPublicKey> read_trusted_key(const std::filesystem::path& file);

}  // namespace hqms::store
