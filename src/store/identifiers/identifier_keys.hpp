#pragma once
// The patient-identifier keys of one database: checked and attached when it opens, and rotated
// (`hqms rotate-key`). The cipher itself is core/common/identifier_cipher.hpp, the key file key_file.hpp.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace hqms::store {

// The keys a database works with, from `options` (the keys, or their key file). Refuses a key file that lacks
// a key the database holds values under (a lost file must be restored, never replaced by a new key that
// cannot open them). Registers the current key, then seals whatever was written in clear before encryption
// (idempotent; audited with counts when there was any). None when neither keys nor a key file were given.
Result<std::shared_ptr<const IdentifierCipher>> attach_identifier_keys(Database& db,
                                                                       const DatabaseOptions& options,
                                                                       Timestamp now);

// Seals again, in write transactions of at most `batch` records per table, until nothing is left to do.
Result<ResealCount> reseal_all(Database& db, const IdentifierCipher& cipher, ResealWhat what,
                               int batch = 500);

struct KeyRotation {
  std::string new_key_id;
  std::vector<std::string> retired_key_ids;
  ResealCount resealed;
  bool resumed = false;  // an interrupted rotation was finished
};

// Adds a new current key to the key file (keeping the old one, which still opens what it sealed), seals
// every value again under it in bounded transactions, then, in one transaction that finds nothing left under
// an older key, retires the old keys and writes one audit entry with the counts; last, drops the old keys
// from the file. Safe to run again after an interruption at any point: it resumes with the key it added.
// The server should be stopped meanwhile (one that keeps running seals new reports under the old key, and the
// final check then refuses to retire it until the rotation is run again).
Result<KeyRotation> rotate_identifier_key(Database& db, const std::filesystem::path& key_file, Timestamp now,
                                          int batch = 500);

}  // namespace hqms::store
