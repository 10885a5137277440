#include "store/identifiers/identifier_keys.hpp"

#include <algorithm>

#include "store/identifiers/key_file.hpp"

namespace hqms::store {
namespace {

// The schema version that brought encryption (migration 0010): an older schema (an upgrade test stopping
// early) has nowhere to record keys.
constexpr int kEncryptionSchema = 10;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

AuditEvent key_event(std::string action, std::string key_id, std::string summary, nlohmann::json before,
                     nlohmann::json after) {
  AuditEvent e;
  e.actor_username = "system";
  e.action = std::move(action);
  e.entity_type = "identifier_key";
  e.entity_id = std::move(key_id);
  e.summary = std::move(summary);
  e.before = std::move(before);
  e.after = std::move(after);
  return e;
}

nlohmann::json counts_json(const ResealCount& c) {
  return {{"reports", c.incidents}, {"drafts", c.drafts}};
}

Result<std::vector<std::string>> live_key_ids(Database& db) {
  auto uow = db.begin(TxMode::read);
  if (!uow) return uow.error();
  return (*uow)->patient_identifiers().live_key_ids();
}

// The key file's keys; a missing file is made only for a database that holds no sealed value yet.
Result<std::vector<IdentifierKey>> keys_from_file(const std::filesystem::path& file,
                                                  const std::vector<std::string>& live) {
  if (std::filesystem::exists(file)) return read_key_file(file);
  if (!live.empty())
    return Error::of(ErrorKind::unavailable,
                     "the database's patient identifiers are sealed under key " + joined(live) +
                         ", but the key "
                         "file " +
                         file.string() +
                         " does not exist: restore it from its backup, or give the right "
                         "--key-file");
  auto made = create_key_file(file);
  if (!made && std::filesystem::exists(file)) return read_key_file(file);  // another process made it first
  return made;
}

}  // namespace

Result<ResealCount> reseal_all(Database& db, const IdentifierCipher& cipher, ResealWhat what, int batch) {
  ResealCount total;
  for (;;) {
    auto done = in_write_transaction(
        db, [&](UnitOfWork& uow) { return uow.patient_identifiers().reseal(cipher, what, batch); });
    if (!done) return done.error();
    total.incidents += done->incidents;
    total.drafts += done->drafts;
    if (done->incidents < batch && done->drafts < batch) return total;
  }
}

Result<std::shared_ptr<const IdentifierCipher>> attach_identifier_keys(Database& db,
                                                                       const DatabaseOptions& options,
                                                                       Timestamp now) {
  auto version = db.schema_version();
  if (!version) return version.error();
  if (*version < kEncryptionSchema) return options.identifiers;
  auto live = live_key_ids(db);
  if (!live) return live.error();
  auto cipher = options.identifiers;
  if (!cipher && !options.key_file.empty()) {
    auto keys = keys_from_file(options.key_file, *live);
    if (!keys) return keys.error();
    auto loaded = IdentifierCipher::from_keys(std::move(*keys));
    if (!loaded)
      return Error::of(ErrorKind::unavailable,
                       "key file " + options.key_file + ": " + loaded.error().message);
    cipher = std::make_shared<const IdentifierCipher>(std::move(*loaded));
  }
  if (!cipher) return cipher;
  const auto held = cipher->key_ids();
  std::vector<std::string> missing;
  for (const auto& id : *live)
    if (std::find(held.begin(), held.end(), id) == held.end()) missing.push_back(id);
  if (!missing.empty())
    return Error::of(ErrorKind::unavailable,
                     "the database's patient identifiers are sealed under key " + joined(missing) +
                         ", which the key file " + (options.key_file.empty() ? "given" : options.key_file) +
                         " does not hold: give the key file that belongs to this database");
  if (auto r = in_write_transaction(db,
                                    [&](UnitOfWork& uow) {
                                      return uow.patient_identifiers().register_key(cipher->current_key_id(),
                                                                                    now);
                                    });
      !r)
    return r.error();
  auto sealed = reseal_all(db, *cipher, ResealWhat::plaintext);
  if (!sealed) return sealed.error();
  if (sealed->total() > 0) {
    auto audited = in_write_transaction(db, [&](UnitOfWork& uow) {
      return uow.audit().record(
          key_event("seal_identifiers", cipher->current_key_id(),
                    "Encrypted the patient identifiers stored in clear before encryption came: " +
                        std::to_string(sealed->incidents) + " reports, " + std::to_string(sealed->drafts) +
                        " drafts",
                    nullptr, counts_json(*sealed)),
          now);
    });
    if (!audited) return audited.error();
  }
  return cipher;
}

Result<KeyRotation> rotate_identifier_key(Database& db, const std::filesystem::path& key_file, Timestamp now,
                                          int batch) {
  auto keys = read_key_file(key_file);
  if (!keys) return keys.error();
  KeyRotation rotation;
  rotation.resumed = keys->size() > 1;
  if (!rotation.resumed) {
    // The new key becomes current in the file first: whatever opens the database from now on seals under
    // it, and the old key, kept as previous, still opens what it sealed.
    keys->push_back(generate_identifier_key());
    if (auto w = write_key_file(key_file, *keys); !w) return w.error();
  }
  auto cipher = IdentifierCipher::from_keys(*keys);
  if (!cipher) return cipher.error();
  rotation.new_key_id = cipher->current_key_id();
  if (auto r = in_write_transaction(
          db,
          [&](UnitOfWork& uow) { return uow.patient_identifiers().register_key(rotation.new_key_id, now); });
      !r)
    return r.error();
  auto resealed = reseal_all(db, *cipher, ResealWhat::not_current, batch);
  if (!resealed) return resealed.error();
  rotation.resealed = *resealed;
  auto finished = in_write_transaction(db, [&](UnitOfWork& uow) -> Result<std::vector<std::string>> {
    auto& identifiers = uow.patient_identifiers();
    auto left = identifiers.count_to_reseal(*cipher, ResealWhat::not_current);
    if (!left) return left.error();
    if (left->total() > 0)
      return Error::conflict(
          std::to_string(left->total()) +
          " records were sealed under an older key while the rotation ran (is a server still "
          "running on the old key file?); stop it and run rotate-key again");
    auto live = identifiers.live_key_ids();
    if (!live) return live.error();
    std::vector<std::string> retired;
    for (const auto& id : *live)
      if (id != rotation.new_key_id) {
        if (auto r = identifiers.retire_key(id, now); !r) return r.error();
        retired.push_back(id);
      }
    if (auto r = uow.audit().record(
            key_event("rotate_key", rotation.new_key_id,
                      "Rotated the patient-identifier key: " + std::to_string(rotation.resealed.incidents) +
                          " reports and " + std::to_string(rotation.resealed.drafts) +
                          " drafts sealed again under key " + rotation.new_key_id +
                          (retired.empty() ? "" : "; retired key " + joined(retired)),
                      {{"keys", *live}},
                      {{"key", rotation.new_key_id},
                       {"retired", retired},
                       {"resealed", counts_json(rotation.resealed)},
                       {"resumed", rotation.resumed}}),
            now);
        !r)
      return r.error();
    return retired;
  });
  if (!finished) return finished.error();
  rotation.retired_key_ids = *finished;
  // Last, the old keys leave the file: nothing in the database needs them any more.
  if (auto w = write_key_file(key_file, {keys->back()}); !w) return w.error();
  return rotation;
}

}  // namespace hqms::store
