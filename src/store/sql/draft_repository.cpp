#include "store/sql/patient_columns.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {

Result<std::vector<Draft>> SqlDraftRepository::list(Id user_id) {
  auto st = c_.prepare(
      "SELECT draft_key, form, updated_at FROM incident_draft WHERE user_id = ?1 ORDER BY updated_at DESC");
  if (!st) return st.error();
  st->bind_all(user_id);
  auto drafts = read_rows(*st, [&](const Statement& row) {
    return Draft{row.text(0), row.text(1), timestamp_from_db(row.text(2))};
  });
  if (!drafts) return drafts.error();
  for (auto& d : *drafts) {
    auto form = open_draft(cipher_, user_id, d.key, d.form);
    if (!form) return form.error();
    d.form = std::move(*form);
  }
  return drafts;
}

Result<void> SqlDraftRepository::put(Id user_id, const Draft& d) {
  auto form = seal_draft(cipher_, user_id, d.key, d.form);
  if (!form) return form.error();
  return c_.execute(
      "INSERT INTO incident_draft(user_id, draft_key, form, updated_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (user_id, draft_key) DO UPDATE SET form = excluded.form, updated_at = excluded.updated_at",
      user_id, d.key, *form, to_db(d.updated_at));
}

Result<void> SqlDraftRepository::remove(Id user_id, const std::string& key) {
  auto done = c_.execute("DELETE FROM incident_draft WHERE user_id = ?1 AND draft_key = ?2", user_id, key);
  if (done && c_.changes() == 0) return Error::not_found("There is no such draft.");
  return done;
}

}  // namespace hqms::store::sql
