#pragma once
// What the repositories need of a database connection, whichever database it is. Statements are written
// with ?1, ?2 ... placeholders; a backend that numbers them otherwise rewrites them when it prepares.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/business_calendar.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/paging/page.hpp"
#include "store/database.hpp"
#include "store/sql/dialect.hpp"

namespace hqms::store::sql {

// A backend's prepared statement while it runs. Parameters are 1-based, columns 0-based.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bind_int(int index, std::int64_t value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_null(int index) = 0;
  // Doubles travel so that the value read back is the value bound, bit for bit (text backends send %.17g).
  virtual void bind_real(int index, double value) = 0;
  virtual Result<bool> step() = 0;
  virtual bool is_null(int col) const = 0;
  virtual std::int64_t int64(int col) const = 0;
  virtual std::string text(int col) const = 0;
  virtual double real(int col) const = 0;
};

class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementBackend> backend) : b_(std::move(backend)) {}

  Statement& bind(int index, std::int64_t value) { return b_->bind_int(index, value), *this; }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& bind(int index, std::string_view value) { return b_->bind_text(index, value), *this; }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::nullopt_t) { return b_->bind_null(index), *this; }
  Statement& bind(int index, double value) { return b_->bind_real(index, value), *this; }
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

  Result<bool> step() { return b_->step(); }  // true while a row is available
  Result<void> run() {
    auto r = step();
    if (!r) return r.error();
    return {};
  }

  bool is_null(int col) const { return b_->is_null(col); }
  std::int64_t int64(int col) const { return b_->int64(col); }
  std::string text(int col) const { return b_->text(col); }
  double real(int col) const { return b_->real(col); }
  std::optional<std::int64_t> opt_int64(int col) const {
    return is_null(col) ? std::nullopt : std::optional<std::int64_t>(int64(col));
  }
  std::optional<std::string> opt_text(int col) const {
    return is_null(col) ? std::nullopt : std::optional<std::string>(text(col));
  }
  std::optional<double> opt_real(int col) const {
    return is_null(col) ? std::nullopt : std::optional<double>(real(col));
  }

 private:
  std::unique_ptr<StatementBackend> b_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Prepared once per connection and reused: statements are cached by their text.
  virtual Result<Statement> prepare(const std::string& sql) = 0;
  // Runs SQL text without parameters, possibly several statements (migrations).
  virtual Result<void> exec(const std::string& sql) = 0;
  virtual Result<void> begin(TxMode mode) = 0;
  virtual Result<void> commit() = 0;
  virtual void rollback() = 0;

  template <class... Args>
  Result<void> execute(const std::string& sql, const Args&... args) {
    auto st = prepare(sql);
    if (!st) return st.error();
    return st->bind_all(args...).run();
  }
  // For INSERT ... RETURNING id.
  template <class... Args>
  Result<std::int64_t> insert(const std::string& sql, const Args&... args) {
    auto st = prepare(sql + " RETURNING id");
    if (!st) return st.error();
    auto row = st->bind_all(args...).step();
    if (!row) return row.error();
    const auto id = st->int64(0);
    if (auto done = st->step(); !done) return done.error();
    return id;
  }
  // Rows changed by the last statement.
  virtual std::int64_t changes() const = 0;
};

// Stored instants are ISO-8601 text in both databases: readable in any SQL shell, sortable as text, and
// hashed byte for byte by the audit chain.
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
// Calendar days are stored as YYYY-MM-DD.
inline std::string to_db(Date d) {
  return format_date(Timestamp(d));
}
inline std::optional<std::string> to_db(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(to_db(*d)) : std::nullopt;
}
inline std::optional<Date> date_from_db(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto t = parse_date_or_instant(*text);
  if (!t) return std::nullopt;
  return std::chrono::floor<std::chrono::days>(*t);
}
// A JSON array of ids, for in_id_list(): one cached statement fits any list.
std::string id_list(const std::vector<std::int64_t>& ids);

// ORDER BY for a page: the documented sort field mapped to its column (the first pair is the default), then a
// unique tiebreak so that paging is stable. Only these fixed strings ever reach the SQL text.
std::string order_clause(const PageRequest& page,
                         std::initializer_list<std::pair<std::string_view, std::string_view>> columns,
                         std::string_view tiebreak);

// Every row of a statement that has its parameters bound, each turned into a value by `read`.
template <class Read>
auto read_rows(Statement& st, Read read) -> Result<std::vector<decltype(read(st))>> {
  std::vector<decltype(read(st))> out;
  for (auto row = st.step();; row = st.step()) {
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(read(st));
  }
}

// The first row of a statement that has its parameters bound, turned into a value by `read`; none when the
// statement gives no row.
template <class Read>
auto read_first(Statement& st, Read read) -> Result<std::optional<decltype(read(st))>> {
  auto row = st.step();
  if (!row) return row.error();
  if (!*row) return std::optional<decltype(read(st))>();
  return std::optional<decltype(read(st))>(read(st));
}

// A list query as two statements, the total count and one page of rows. `from_where` is shared; `bind` binds
// its `filter_count` parameters, and the page's limit and offset take the next two.
// With `count_cap`, the total counts no further than the cap and says so (Page::total_capped).
template <class T, class Bind, class Read>
Result<Page<T>> read_page(Connection& c, const std::string& columns, const std::string& from_where,
                          const std::string& order, const PageRequest& page, int filter_count, Bind bind,
                          Read read, std::int64_t count_cap = 0) {
  Page<T> out{{}, 0, page.limit, page.offset, false};
  {
    auto count = c.prepare(count_cap > 0 ? "SELECT COUNT(*) FROM (SELECT 1" + from_where + " LIMIT " +
                                               std::to_string(count_cap + 1) + ") capped"
                                         : "SELECT COUNT(*)" + from_where);
    if (!count) return count.error();
    bind(*count);
    if (auto row = count->step(); !row) return row.error();
    out.total = count->int64(0);
    if (count_cap > 0 && out.total > count_cap) {
      out.total = count_cap;
      out.total_capped = true;
    }
  }
  auto st = c.prepare("SELECT " + columns + from_where + order + " LIMIT ?" +
                      std::to_string(filter_count + 1) + " OFFSET ?" + std::to_string(filter_count + 2));
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

}  // namespace hqms::store::sql

namespace hqms::store {

// A plain connection to a location (SQLite file or PostgreSQL URI), outside any pool: for the database copy,
// operators' checks and tests. Schemas are not migrated here; open_database() does that.
Result<std::unique_ptr<sql::Connection>> connect(const std::string& location,
                                                 const DatabaseOptions& options = {});

}  // namespace hqms::store
