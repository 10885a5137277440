#include <algorithm>
#include <cctype>

#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

constexpr const char* kUserColumns =
    "u.id, u.username, u.display_name, u.email, u.home_department_id, u.active, u.created_at, "
    "u.last_login_at, "
    "t.locked_until";
constexpr const char* kUserFrom =
    " FROM app_user u LEFT JOIN department d ON d.id = u.home_department_id"
    // The account's own count (account_throttle_key): sign-ins from addresses that have failed wait until
    // then.
    " LEFT JOIN login_throttle t ON t.throttle_key = 'user:' || u.username";

User read_user(const Statement& st, int col = 0) {
  User u;
  u.id = st.int64(col);
  u.username = st.text(col + 1);
  u.display_name = st.text(col + 2);
  u.email = st.text(col + 3);
  u.home_department_id = st.opt_int64(col + 4);
  u.active = st.int64(col + 5) != 0;
  u.created_at = timestamp_from_db(st.text(col + 6));
  u.last_login_at = timestamp_from_db(st.opt_text(col + 7));
  u.locked_until = timestamp_from_db(st.opt_text(col + 8));
  return u;
}

std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

Result<Id> SqlUserRepository::create(const NewUser& user, const std::string& password_hash, Timestamp now) {
  auto id = c_.insert(
      "INSERT INTO app_user(username, display_name, email, password_hash, home_department_id, active, "
      "created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)",
      user.username, user.display_name, user.email, password_hash, user.home_department_id, to_db(now));
  if (!id) return id.error();
  if (auto r = replace_grants(*id, user.grants); !r) return r.error();
  return *id;
}

// One query for all the users at hand, so that a page of users costs two round trips, not one per user.
Result<void> SqlUserRepository::load_grants(std::span<User> users) {
  if (users.empty()) return {};
  std::vector<std::int64_t> ids;
  for (auto& u : users) {
    ids.push_back(u.id);
    u.grants.clear();
  }
  auto st =
      c_.prepare("SELECT user_id, role, scope_type, scope_id FROM role_grant WHERE " +
                 in_id_list(c_.dialect(), "user_id", 1) + " ORDER BY user_id, role, scope_type, scope_id");
  if (!st) return st.error();
  st->bind_all(id_list(ids));
  for (auto row = st->step();; row = st->step()) {
    if (!row) return row.error();
    if (!*row) break;
    auto role = role_from_string(st->text(1));
    auto type = scope_type_from_string(st->text(2));
    const auto user_id = st->int64(0);
    auto user = std::find_if(users.begin(), users.end(), [&](const User& u) { return u.id == user_id; });
    if (role && type && user != users.end())
      user->grants.push_back(Grant{*role, ScopeRef{*type, st->int64(3)}});
  }
  return {};
}

Result<User> SqlUserRepository::get(Id id) {
  User user;
  {
    auto st = c_.prepare(std::string("SELECT ") + kUserColumns + kUserFrom + " WHERE u.id = ?1");
    if (!st) return st.error();
    auto row = st->bind_all(id).step();
    if (!row) return row.error();
    if (!*row) return Error::not_found("There is no user " + std::to_string(id) + ".");
    user = read_user(*st);
  }
  if (auto r = load_grants({&user, 1}); !r) return r.error();
  return user;
}

Result<std::optional<Credentials>> SqlUserRepository::find_credentials(const std::string& username) {
  Credentials cred;
  {
    auto st = c_.prepare(std::string("SELECT ") + kUserColumns + ", u.password_hash" + kUserFrom +
                         " WHERE u.username = ?1");
    if (!st) return st.error();
    auto row = st->bind_all(username).step();
    if (!row) return row.error();
    if (!*row) return std::optional<Credentials>();
    cred.user = read_user(*st);
    cred.password_hash = st->text(9);
  }
  if (auto r = load_grants({&cred.user, 1}); !r) return r.error();
  return std::optional<Credentials>(std::move(cred));
}

Result<Page<User>> SqlUserRepository::list(const UserQuery& q) {
  // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
  const std::string where =
      " WHERE (?1 = '' OR lower(u.username) LIKE ?2 ESCAPE '\\' OR lower(u.display_name) LIKE ?2 ESCAPE '\\' "
      "        OR lower(u.email) LIKE ?2 ESCAPE '\\')"
      " AND (EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role = ?3) OR ?3 IS NULL)"
      " AND (d.site_id = ?4 OR ?4 IS NULL) AND (u.home_department_id = ?5 OR ?5 IS NULL)"
      " AND (u.active = ?6 OR ?6 IS NULL)"
      " AND (?7 = 1 OR " +
      in_id_list(c_.dialect(), "d.site_id", 8) + " OR " +
      in_id_list(c_.dialect(), "u.home_department_id", 9) + ")";
  std::optional<std::string> role;
  if (q.role) role = std::string(to_string(*q.role));
  std::optional<std::int64_t> active;
  if (q.active) active = *q.active ? 1 : 0;
  auto bind = [&](Statement& st) {
    st.bind_all(q.text, like_pattern(q.text), role, q.site_id, q.department_id, active, q.visible.everything,
                id_list(q.visible.site_ids), id_list(q.visible.department_ids));
  };
  auto page = read_page<User>(c_, kUserColumns, std::string(kUserFrom) + where,
                              order_clause(q.page,
                                           {{"username", "u.username"},
                                            {"displayName", "lower(u.display_name)"},
                                            {"createdAt", "u.created_at"},
                                            {"lastLoginAt", "u.last_login_at"}},
                                           "u.id"),
                              q.page, 9, bind, [](const Statement& st) { return read_user(st); });
  if (!page) return page;
  if (auto r = load_grants(page->items); !r) return r.error();
  return page;
}

Result<void> SqlUserRepository::update_profile(const User& u) {
  auto r = c_.execute(
      "UPDATE app_user SET display_name = ?2, email = ?3, home_department_id = ?4, active = ?5 WHERE id = ?1",
      u.id, u.display_name, u.email, u.home_department_id, u.active);
  if (r && c_.changes() == 0) return Error::not_found("There is no user " + std::to_string(u.id) + ".");
  return r;
}

Result<void> SqlUserRepository::replace_grants(Id id, const Grants& grants) {
  if (auto r = c_.execute("DELETE FROM role_grant WHERE user_id = ?1", id); !r) return r;
  for (const auto& g : grants) {
    if (auto r =
            c_.execute("INSERT INTO role_grant(user_id, role, scope_type, scope_id) VALUES (?1, ?2, ?3, ?4)",
                       id, to_string(g.role), to_string(g.scope.type), g.scope.id);
        !r)
      return r;
  }
  return {};
}

Result<void> SqlUserRepository::set_password_hash(Id id, const std::string& hash) {
  return c_.execute("UPDATE app_user SET password_hash = ?2 WHERE id = ?1", id, hash);
}

Result<void> SqlUserRepository::record_login(Id id, Timestamp at) {
  return c_.execute("UPDATE app_user SET last_login_at = ?2 WHERE id = ?1", id, to_db(at));
}

Result<std::int64_t> SqlUserRepository::count() {
  auto st = c_.prepare("SELECT COUNT(*) FROM app_user");
  if (!st) return st.error();
  if (auto row = st->step(); !row) return row.error();
  return st->int64(0);
}

Result<std::map<Id, std::string>> SqlUserRepository::display_names(const std::vector<Id>& ids) {
  std::map<Id, std::string> out;
  if (ids.empty()) return out;
  auto st = c_.prepare("SELECT id, display_name FROM app_user WHERE " + in_id_list(c_.dialect(), "id", 1));
  if (!st) return st.error();
  st->bind_all(id_list(ids));
  for (auto row = st->step();; row = st->step()) {
    if (!row) return row.error();
    if (!*row) break;
    out[st->int64(0)] = st->text(1);
  }
  return out;
}

}  // namespace hqms::store::sql
