#include "store/sql/patient_columns.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

// What every value that needs no work starts with: any sealed value, or one sealed under the current key.
std::string done_prefix(const IdentifierCipher& cipher, ResealWhat what) {
  return what == ResealWhat::plaintext ? std::string(IdentifierCipher::kPrefix) : cipher.current_prefix();
}

// substr rather than LIKE: exact in both databases (SQLite's LIKE ignores case, and '_' is a wildcard).
constexpr const char* kIncidentsToReseal =
    " FROM incident WHERE (patient_identifier IS NOT NULL AND substr(patient_identifier, 1, ?1) <> ?2)"
    " OR (patient_name IS NOT NULL AND substr(patient_name, 1, ?1) <> ?2)";
constexpr const char* kDraftsToReseal = " FROM incident_draft WHERE substr(form, 1, ?1) <> ?2";

}  // namespace

Result<std::vector<std::string>> SqlPatientIdentifierRepository::live_key_ids() {
  auto st =
      c_.prepare("SELECT key_id FROM identifier_key WHERE retired_at IS NULL ORDER BY added_at, key_id");
  if (!st) return st.error();
  return read_rows(*st, [](const Statement& row) { return row.text(0); });
}

Result<void> SqlPatientIdentifierRepository::register_key(const std::string& key_id, Timestamp at) {
  return c_.execute(
      "INSERT INTO identifier_key(key_id, added_at) VALUES (?1, ?2) ON CONFLICT (key_id) DO NOTHING", key_id,
      to_db(at));
}

Result<void> SqlPatientIdentifierRepository::retire_key(const std::string& key_id, Timestamp at) {
  return c_.execute("UPDATE identifier_key SET retired_at = ?2 WHERE key_id = ?1 AND retired_at IS NULL",
                    key_id, to_db(at));
}

Result<std::int64_t> SqlPatientIdentifierRepository::reseal_incidents(const IdentifierCipher& cipher,
                                                                      ResealWhat what, int limit) {
  const auto prefix = done_prefix(cipher, what);
  auto st = c_.prepare(std::string("SELECT id, patient_identifier, patient_name") + kIncidentsToReseal +
                       " ORDER BY id LIMIT ?3");
  if (!st) return st.error();
  st->bind_all(static_cast<std::int64_t>(prefix.size()), prefix, limit);
  struct Row {
    Id id;
    std::optional<std::string> identifier, name;
  };
  auto rows = read_rows(*st, [](const Statement& row) {
    return Row{row.int64(0), row.opt_text(1), row.opt_text(2)};
  });
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    auto patient = open_patient(&cipher, row.id, row.identifier, row.name, /*in_clear_too=*/true);
    if (!patient) return patient.error();
    auto sealed = seal_patient(&cipher, row.id, *patient);
    if (!sealed) return sealed.error();
    if (auto r = c_.execute("UPDATE incident SET patient_identifier = ?2, patient_name = ?3, patient_index = "
                            "?4 WHERE id = ?1",
                            row.id, sealed->identifier, sealed->name, sealed->index);
        !r)
      return r.error();
  }
  return static_cast<std::int64_t>(rows->size());
}

Result<std::int64_t> SqlPatientIdentifierRepository::reseal_drafts(const IdentifierCipher& cipher,
                                                                   ResealWhat what, int limit) {
  const auto prefix = done_prefix(cipher, what);
  auto st = c_.prepare(std::string("SELECT user_id, draft_key, form") + kDraftsToReseal +
                       " ORDER BY user_id, draft_key LIMIT ?3");
  if (!st) return st.error();
  st->bind_all(static_cast<std::int64_t>(prefix.size()), prefix, limit);
  struct Row {
    Id user_id;
    std::string key, form;
  };
  auto rows = read_rows(*st, [](const Statement& row) {
    return Row{row.int64(0), row.text(1), row.text(2)};
  });
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    auto form = open_draft(&cipher, row.user_id, row.key, row.form, /*in_clear_too=*/true);
    if (!form) return form.error();
    auto sealed = seal_draft(&cipher, row.user_id, row.key, *form);
    if (!sealed) return sealed.error();
    if (auto r = c_.execute("UPDATE incident_draft SET form = ?3 WHERE user_id = ?1 AND draft_key = ?2",
                            row.user_id, row.key, *sealed);
        !r)
      return r.error();
  }
  return static_cast<std::int64_t>(rows->size());
}

Result<ResealCount> SqlPatientIdentifierRepository::reseal(const IdentifierCipher& cipher, ResealWhat what,
                                                           int limit) {
  auto incidents = reseal_incidents(cipher, what, limit);
  if (!incidents) return incidents.error();
  auto drafts = reseal_drafts(cipher, what, limit);
  if (!drafts) return drafts.error();
  return ResealCount{*incidents, *drafts};
}

Result<ResealCount> SqlPatientIdentifierRepository::count_to_reseal(const IdentifierCipher& cipher,
                                                                    ResealWhat what) {
  const auto prefix = done_prefix(cipher, what);
  ResealCount out;
  for (auto [from, count] :
       {std::pair{kIncidentsToReseal, &out.incidents}, std::pair{kDraftsToReseal, &out.drafts}}) {
    auto st = c_.prepare(std::string("SELECT COUNT(*)") + from);
    if (!st) return st.error();
    if (auto row = st->bind_all(static_cast<std::int64_t>(prefix.size()), prefix).step(); !row)
      return row.error();
    *count = st->int64(0);
  }
  return out;
}

}  // namespace hqms::store::sql
