#include "core/access/role.hpp"
#include "store/sql/register_queries.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {

Result<Id> SqlNotificationRepository::put(const Notification& n) {
  // The day's digest generated again replaces the one before, unread again: it may list other actions.
  return c_.insert(
      "INSERT INTO notification(user_id, kind, day, title, body, payload, created_at, read_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (user_id, kind, day) DO UPDATE SET "
      "title = excluded.title, body = excluded.body, payload = excluded.payload, "
      "created_at = excluded.created_at, read_at = excluded.read_at",
      n.user_id, n.kind, to_db(n.day), n.title, n.body, n.payload, to_db(n.created_at), to_db(n.read_at));
}

Result<std::vector<Notification>> SqlNotificationRepository::for_user(Id user_id, int limit) {
  auto st = c_.prepare(
      "SELECT id, user_id, kind, day, title, body, payload, created_at, read_at FROM notification "
      "WHERE user_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2");
  if (!st) return st.error();
  st->bind_all(user_id, limit);
  return read_rows(*st, [](const Statement& row) {
    Notification n;
    n.id = row.int64(0);
    n.user_id = row.int64(1);
    n.kind = row.text(2);
    n.day = date_from_db(row.opt_text(3)).value_or(Date{});
    n.title = row.text(4);
    n.body = row.text(5);
    n.payload = row.text(6);
    n.created_at = timestamp_from_db(row.text(7));
    n.read_at = timestamp_from_db(row.opt_text(8));
    return n;
  });
}

Result<void> SqlNotificationRepository::mark_read(Id user_id, Id id, Timestamp at) {
  // Read once is read: marking again keeps the first time.
  auto done =
      c_.execute("UPDATE notification SET read_at = COALESCE(read_at, ?3) WHERE id = ?2 AND user_id = ?1",
                 user_id, id, to_db(at));
  if (!done) return done;
  if (c_.changes() == 0) return Error::not_found("There is no such notification.");
  return {};
}

Result<bool> SqlNotificationRepository::ran_on(const std::string& kind, Date day) {
  auto st = c_.prepare(
      "SELECT 1 FROM job_run WHERE kind = ?1 AND day = ?2 UNION ALL "
      "SELECT 1 FROM notification WHERE kind = ?1 AND day = ?2 LIMIT 1");
  if (!st) return st.error();
  auto row = st->bind_all(kind, to_db(day)).step();
  if (!row) return row.error();
  return *row;
}

Result<void> SqlNotificationRepository::record_run(const std::string& kind, Date day, Timestamp at) {
  return c_.execute(
      "INSERT INTO job_run(kind, day, ran_at) VALUES (?1, ?2, ?3) ON CONFLICT (kind, day) DO NOTHING", kind,
      to_db(day), to_db(at));
}

Result<std::map<Id, std::vector<Id>>> SqlNotificationRepository::department_managers() {
  auto st = c_.prepare(
      "SELECT g.scope_id, g.user_id FROM role_grant g JOIN app_user u ON u.id = g.user_id "
      "WHERE g.role = ?1 AND g.scope_type = 'department' AND u.active = 1 ORDER BY g.scope_id, g.user_id");
  if (!st) return st.error();
  st->bind_all(to_string(Role::department_manager));
  std::map<Id, std::vector<Id>> out;
  auto r = each_row(*st, [&](const Statement& row) { out[row.int64(0)].push_back(row.int64(1)); });
  if (!r) return r.error();
  return out;
}

}  // namespace hqms::store::sql
