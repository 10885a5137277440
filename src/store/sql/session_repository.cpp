#include "store/sql/repositories.hpp"

namespace hqms::store::sql {

Result<void> SqlSessionRepository::create(const Session& s) {
  return c_.execute(
      "INSERT INTO user_session(token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?1, ?2, "
      "?3, ?4, ?5)",
      s.token_hash, s.user_id, s.csrf_token, to_db(s.created_at), to_db(s.last_seen_at));
}

Result<std::optional<Session>> SqlSessionRepository::find(const std::string& token_hash) {
  auto st = c_.prepare(
      "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at FROM user_session WHERE token_hash = "
      "?1");
  if (!st) return st.error();
  st->bind_all(token_hash);
  return read_first(*st, [](Statement& row) {
    return Session{row.text(0), row.int64(1), row.text(2), timestamp_from_db(row.text(3)),
                   timestamp_from_db(row.text(4))};
  });
}

Result<void> SqlSessionRepository::touch(const std::string& token_hash, Timestamp at) {
  return c_.execute("UPDATE user_session SET last_seen_at = ?2 WHERE token_hash = ?1", token_hash, to_db(at));
}

Result<void> SqlSessionRepository::remove(const std::string& token_hash) {
  return c_.execute("DELETE FROM user_session WHERE token_hash = ?1", token_hash);
}

Result<void> SqlSessionRepository::remove_for_user(Id user_id, const std::string& except_token_hash) {
  return c_.execute("DELETE FROM user_session WHERE user_id = ?1 AND token_hash <> ?2", user_id,
                    except_token_hash);
}

Result<int> SqlSessionRepository::remove_idle_since(Timestamp cutoff) {
  if (auto r = c_.execute("DELETE FROM user_session WHERE last_seen_at < ?1", to_db(cutoff)); !r)
    return r.error();
  return c_.changes();
}

// The column window_start holds the time of the key's latest failure (ThrottleState::last_failure): the
// counts are forgotten a quiet period after it.
Result<ThrottleState> SqlThrottleRepository::get(const std::string& key) {
  auto st =
      c_.prepare("SELECT failures, window_start, locked_until FROM login_throttle WHERE throttle_key = ?1");
  if (!st) return st.error();
  auto row = st->bind_all(key).step();
  if (!row) return row.error();
  if (!*row) return ThrottleState{};
  return ThrottleState{static_cast<int>(st->int64(0)), timestamp_from_db(st->text(1)),
                       timestamp_from_db(st->opt_text(2))};
}

Result<void> SqlThrottleRepository::put(const std::string& key, const ThrottleState& s) {
  return c_.execute(
      "INSERT INTO login_throttle(throttle_key, failures, window_start, locked_until) VALUES (?1, ?2, ?3, "
      "?4) "
      "ON CONFLICT(throttle_key) DO UPDATE SET failures = excluded.failures, window_start = "
      "excluded.window_start, "
      "locked_until = excluded.locked_until",
      key, s.failures, to_db(s.last_failure), to_db(s.locked_until));
}

Result<void> SqlThrottleRepository::clear(const std::string& key) {
  return c_.execute("DELETE FROM login_throttle WHERE throttle_key = ?1", key);
}

Result<void> SqlThrottleRepository::clear_account(const std::string& username) {
  const auto prefix = pair_prefix(username);
  return c_.execute("DELETE FROM login_throttle WHERE throttle_key = ?1 OR substr(throttle_key, 1, ?3) = ?2",
                    account_throttle_key(username), prefix, static_cast<std::int64_t>(prefix.size()));
}

Result<int> SqlThrottleRepository::remove_quiet_since(Timestamp cutoff) {
  if (auto r = c_.execute("DELETE FROM login_throttle WHERE window_start < ?1", to_db(cutoff)); !r)
    return r.error();
  return c_.changes();
}

}  // namespace hqms::store::sql
