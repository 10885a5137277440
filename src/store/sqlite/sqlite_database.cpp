#include "store/sqlite/sqlite_database.hpp"

#include <string_view>

#include "store/sqlite/sqlite_repositories.hpp"

namespace hqms::store::sqlite {
namespace {

Result<int> current_version(Connection& conn) {
  auto st = conn.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  return static_cast<int>(st->int64(0));
}

// Declared before any statement in a scope, so statements are reset before the connection goes back.
class ConnectionLease {
 public:
  explicit ConnectionLease(SqliteDatabase& db) : db_(db), conn_(db.acquire()) {}
  ~ConnectionLease() { db_.release(std::move(conn_)); }
  ConnectionLease(const ConnectionLease&) = delete;
  ConnectionLease& operator=(const ConnectionLease&) = delete;
  Connection* operator->() { return conn_.get(); }
  Connection& operator*() { return *conn_; }

 private:
  SqliteDatabase& db_;
  std::unique_ptr<Connection> conn_;
};

class SqliteUnitOfWork final : public UnitOfWork {
 public:
  SqliteUnitOfWork(SqliteDatabase& db, std::unique_ptr<Connection> conn, std::unique_lock<std::mutex> writer)
      : db_(db),
        conn_(std::move(conn)),
        writer_(std::move(writer)),
        org_(*conn_),
        users_(*conn_),
        sessions_(*conn_),
        throttle_(*conn_),
        audit_(*conn_) {}

  ~SqliteUnitOfWork() override {
    if (open_) (void)conn_->exec("ROLLBACK");
    db_.release(std::move(conn_));
  }

  Result<void> start(TxMode mode) {
    auto r = conn_->exec(mode == TxMode::write ? "BEGIN IMMEDIATE" : "BEGIN");
    open_ = r.ok();
    return r;
  }

  OrgRepository& org() override { return org_; }
  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  ThrottleRepository& throttle() override { return throttle_; }
  AuditLog& audit() override { return audit_; }

  Result<void> commit() override {
    if (!open_) return Error::internal("commit without an open transaction");
    auto r = conn_->exec("COMMIT");
    if (r) open_ = false;
    return r;
  }

 private:
  SqliteDatabase& db_;
  std::unique_ptr<Connection> conn_;
  std::unique_lock<std::mutex> writer_;
  bool open_ = false;
  SqliteOrgRepository org_;
  SqliteUserRepository users_;
  SqliteSessionRepository sessions_;
  SqliteThrottleRepository throttle_;
  SqliteAuditLog audit_;
};

}  // namespace

Result<int> migrate(Connection& conn, const std::vector<Migration>& all, std::optional<int> target) {
  if (auto r = conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                         "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      !r)
    return r.error();
  for (const auto& m : all) {
    if (target && m.version > *target) break;
    if (auto r = conn.exec("BEGIN IMMEDIATE"); !r) return r.error();
    auto version = current_version(conn);
    if (!version) {
      (void)conn.exec("ROLLBACK");
      return version.error();
    }
    if (*version >= m.version) {
      (void)conn.exec("COMMIT");
      continue;
    }
    auto applied = conn.exec(m.sql);
    if (applied) {
      auto st = conn.prepare(
          "INSERT INTO schema_migrations(version, name, applied_at) "
          "VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ','now'))");
      applied = st ? st->bind_all(m.version, m.name).run() : Result<void>(st.error());
    }
    if (applied) applied = conn.exec("COMMIT");
    if (!applied) {
      (void)conn.exec("ROLLBACK");
      return Error::internal("migration " + std::to_string(m.version) + " (" + m.name +
                             ") failed: " + applied.error().message);
    }
  }
  return current_version(conn);
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::string& path,
                                                             const DatabaseOptions& options) {
  auto db = std::make_unique<SqliteDatabase>();
  for (int i = 0; i < std::max(1, options.pool_size); ++i) {
    auto conn = Connection::open(path);
    if (!conn) return conn.error();
    if (i == 0) {
      auto version = migrate(**conn, migrations(), options.migrate_to);
      if (!version) return version.error();
    }
    db->idle_.push_back(std::move(*conn));
  }
  return db;
}

std::unique_ptr<Connection> SqliteDatabase::acquire() {
  std::unique_lock lock(pool_mutex_);
  available_.wait(lock, [&] { return !idle_.empty(); });
  auto conn = std::move(idle_.back());
  idle_.pop_back();
  return conn;
}

void SqliteDatabase::release(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard lock(pool_mutex_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

Result<std::unique_ptr<UnitOfWork>> SqliteDatabase::begin(TxMode mode) {
  // The writer lock is taken before a connection so that waiting writers do not hold pool slots.
  std::unique_lock<std::mutex> writer;
  if (mode == TxMode::write) writer = std::unique_lock(writer_);
  auto uow = std::make_unique<SqliteUnitOfWork>(*this, acquire(), std::move(writer));
  if (auto r = uow->start(mode); !r) return r.error();
  return std::unique_ptr<UnitOfWork>(std::move(uow));
}

Result<void> SqliteDatabase::ping() {
  ConnectionLease lease(*this);
  auto st = lease->prepare("SELECT 1");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  return {};
}

Result<int> SqliteDatabase::schema_version() {
  ConnectionLease lease(*this);
  return current_version(*lease);
}

}  // namespace hqms::store::sqlite

namespace hqms::store {

Result<std::unique_ptr<Database>> open_database(const std::string& location, const DatabaseOptions& options) {
  std::string path = location;
  if (std::string_view(path).starts_with("sqlite:")) path = path.substr(7);
  if (path.starts_with("postgres://") || path.starts_with("postgresql://"))
    return Error::of(ErrorKind::unavailable, "PostgreSQL is not supported by this build yet");
  auto db = sqlite::SqliteDatabase::open(path, options);
  if (!db) return db.error();
  return std::unique_ptr<Database>(std::move(*db));
}

}  // namespace hqms::store
