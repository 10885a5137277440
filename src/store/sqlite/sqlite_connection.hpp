#pragma once
// A small RAII layer over the sqlite3 C API: one owner per handle, statements reset on scope exit,
// errors returned as values.
#include <sqlite3.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/paging/page.hpp"

namespace hqms::store::sqlite {

Error sqlite_error(sqlite3* db, int code, std::string_view context);

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::nullopt_t);
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }
  // Binds the arguments to ?1, ?2, ... in order.
  template <class... Args>
  Statement& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  Result<bool> step();  // true while a row is available
  Result<void> run();   // for statements that return no rows

  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::optional<std::int64_t> opt_int64(int col) const;
  std::optional<std::string> opt_text(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// Stored instants are ISO-8601 text: readable in any SQL shell and sortable as text.
inline std::string to_db(Timestamp t) {
  return format_iso(t);
}
inline std::optional<std::string> to_db(const std::optional<Timestamp>& t) {
  return t ? std::optional<std::string>(format_iso(*t)) : std::nullopt;
}
inline Timestamp timestamp_from_db(const std::string& text) {
  return parse_iso(text).value_or(Timestamp{});
}
inline std::optional<Timestamp> timestamp_from_db(const std::optional<std::string>& text) {
  return text ? parse_iso(*text) : std::nullopt;
}
// A JSON array of ids, bound to `IN (SELECT value FROM json_each(?))` so one cached statement fits any list.
std::string id_list(const std::vector<std::int64_t>& ids);

// ORDER BY for a page: the documented sort field mapped to its column (the first pair is the default), then a
// unique tiebreak so that paging is stable. Only these fixed strings ever reach the SQL text.
std::string order_clause(const PageRequest& page,
                         std::initializer_list<std::pair<std::string_view, std::string_view>> columns,
                         std::string_view tiebreak);

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& path);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  Result<void> exec(const std::string& sql);
  // Prepared once per connection and reused: statements are cached by their text.
  Result<Statement> prepare(const std::string& sql);
  template <class... Args>
  Result<void> execute(const std::string& sql, const Args&... args) {
    auto st = prepare(sql);
    if (!st) return st.error();
    return st->bind_all(args...).run();
  }
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// A list query as two statements, the total count and one page of rows. `from_where` is shared; `bind` binds its
// `filter_count` parameters, and the page's limit and offset take the next two.
template <class T, class Bind, class Read>
Result<Page<T>> read_page(Connection& c, const std::string& columns, const std::string& from_where,
                          const std::string& order, const PageRequest& page, int filter_count, Bind bind, Read read) {
  Page<T> out{{}, 0, page.limit, page.offset};
  {
    auto count = c.prepare("SELECT COUNT(*)" + from_where);
    if (!count) return count.error();
    bind(*count);
    if (auto row = count->step(); !row) return row.error();
    out.total = count->int64(0);
  }
  auto st = c.prepare("SELECT " + columns + from_where + order + " LIMIT ?" + std::to_string(filter_count + 1) +
                      " OFFSET ?" + std::to_string(filter_count + 2));
  if (!st) return st.error();
  bind(*st);
  st->bind(filter_count + 1, page.limit).bind(filter_count + 2, page.offset);
  for (auto row = st->step();; row = st->step()) {
    if (!row) return row.error();
    if (!*row) break;
    out.items.push_back(read(*st));
  }
  return out;
}

}  // namespace hqms::store::sqlite
