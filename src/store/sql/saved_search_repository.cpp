#include "store/sql/repositories.hpp"

namespace hqms::store::sql {

Result<std::vector<SavedSearch>> SqlSavedSearchRepository::list(Id user_id, const std::string& module) {
  auto st = c_.prepare(
      "SELECT id, user_id, module, name, query, created_at FROM saved_search WHERE user_id = ?1 AND module = "
      "?2 "
      "ORDER BY name");
  if (!st) return st.error();
  st->bind_all(user_id, module);
  return read_rows(*st, [&](const Statement& row) {
    return SavedSearch{row.int64(0), row.int64(1), row.text(2),
                       row.text(3),  row.text(4),  timestamp_from_db(row.text(5))};
  });
}

Result<Id> SqlSavedSearchRepository::create(const SavedSearch& s) {
  return c_.insert(
      "INSERT INTO saved_search(user_id, module, name, query, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
      s.user_id, s.module, s.name, s.query, to_db(s.created_at));
}

Result<SavedSearch> SqlSavedSearchRepository::get(Id id) {
  auto st = c_.prepare("SELECT id, user_id, module, name, query, created_at FROM saved_search WHERE id = ?1");
  if (!st) return st.error();
  auto row = st->bind_all(id).step();
  if (!row) return row.error();
  if (!*row) return Error::not_found("There is no saved search " + std::to_string(id) + ".");
  return SavedSearch{st->int64(0), st->int64(1), st->text(2),
                     st->text(3),  st->text(4),  timestamp_from_db(st->text(5))};
}

Result<void> SqlSavedSearchRepository::remove(Id id) {
  return c_.execute("DELETE FROM saved_search WHERE id = ?1", id);
}

}  // namespace hqms::store::sql
