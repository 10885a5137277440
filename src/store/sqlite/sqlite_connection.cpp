#include "store/sqlite/sqlite_connection.hpp"

#include "store/sql/sql_database.hpp"

namespace hqms::store::sqlite {
namespace {

Error sqlite_error(sqlite3* db, int code, std::string_view context) {
  const int primary = code & 0xff;
  std::string message = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
    return Error::conflict(std::move(message));
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_CANTOPEN)
    return Error::of(ErrorKind::unavailable, std::move(message));
  return Error::internal(std::move(message));
}

class SqliteStatement final : public sql::StatementBackend {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  // Cached statements are owned by their connection: leave them clean for the next user.
  ~SqliteStatement() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void bind_int(int i, std::int64_t v) override { sqlite3_bind_int64(stmt_, i, v); }
  void bind_text(int i, std::string_view v) override {
    // An empty view may have no data pointer, which SQLite would store as NULL: text is never NULL.
    sqlite3_bind_text(stmt_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind_null(int i) override { sqlite3_bind_null(stmt_, i); }
  void bind_real(int i, double v) override { sqlite3_bind_double(stmt_, i, v); }
  Result<bool> step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return sqlite_error(db_, sqlite3_extended_errcode(db_), "step");
  }
  bool is_null(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t int64(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const override {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));  // owns db even when opening failed
  if (rc != SQLITE_OK) return sqlite_error(db, rc, "open " + path);
  sqlite3_extended_result_codes(db, 1);
  // WAL lets readers work while one writer commits; FULL sync means an acknowledged write survives power
  // loss. The busy timeout comes first: switching to WAL needs a lock that another process may be holding.
  // secure_delete=FAST zeroes what a change frees on the pages it writes anyway, so a patient identifier
  // sealed after being stored in clear (migration 0010) does not linger in the file's free space.
  for (const char* pragma :
       {"PRAGMA busy_timeout=5000", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY", "PRAGMA secure_delete=FAST"}) {
    if (auto r = conn->exec(pragma); !r) return r.error();
  }
  return conn;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<void> SqliteConnection::exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return sqlite_error(db_, sqlite3_extended_errcode(db_), "exec");
  return {};
}

Result<void> SqliteConnection::begin(TxMode mode) {
  // IMMEDIATE takes the write lock at once, so a write transaction never fails half-way on a lock upgrade.
  return exec(mode == TxMode::write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Result<sql::Statement> SqliteConnection::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db_, rc, "prepare");
    it = cache_.emplace(sql, stmt).first;
  }
  return sql::Statement(std::make_unique<SqliteStatement>(db_, it->second));
}

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, const DatabaseOptions& options) {
  return sql::open_sql_database([&] { return SqliteConnection::open(path); }, migrations(), options,
                                /*single_writer=*/true);
}

}  // namespace hqms::store::sqlite
