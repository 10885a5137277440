#include "store/sql/sql_database.hpp"

#include "store/identifiers/identifier_keys.hpp"
#include "store/sql/audit_checkpoint_log.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

// Declared before any statement in a scope, so statements are finished before the connection goes back.
class ConnectionLease {
 public:
  explicit ConnectionLease(SqlDatabase& db) : db_(db), conn_(db.acquire()) {}
  ~ConnectionLease() { db_.release(std::move(conn_)); }
  ConnectionLease(const ConnectionLease&) = delete;
  ConnectionLease& operator=(const ConnectionLease&) = delete;
  Connection* operator->() { return conn_.get(); }
  Connection& operator*() { return *conn_; }

 private:
  SqlDatabase& db_;
  std::unique_ptr<Connection> conn_;
};

class SqlUnitOfWork final : public UnitOfWork {
 public:
  SqlUnitOfWork(SqlDatabase& db, std::unique_ptr<Connection> conn, std::unique_lock<std::mutex> writer,
                const IdentifierCipher* identifiers)
      : db_(db),
        conn_(std::move(conn)),
        writer_(std::move(writer)),
        org_(*conn_),
        users_(*conn_),
        sessions_(*conn_),
        throttle_(*conn_),
        second_factors_(*conn_),
        audit_(*conn_),
        audit_checkpoints_(*conn_),
        incidents_(*conn_, identifiers),
        incident_activity_(*conn_),
        incident_settings_(*conn_),
        drafts_(*conn_, identifiers),
        saved_searches_(*conn_),
        investigations_(*conn_),
        capa_(*conn_),
        risks_(*conn_),
        fmea_(*conn_),
        notifications_(*conn_),
        indicator_data_(*conn_),
        indicator_settings_(*conn_),
        patient_identifiers_(*conn_) {}

  ~SqlUnitOfWork() override {
    if (open_) conn_->rollback();
    db_.release(std::move(conn_));
  }

  Result<void> start(TxMode mode) {
    auto r = conn_->begin(mode);
    open_ = r.ok();
    return r;
  }

  OrgRepository& org() override { return org_; }
  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  ThrottleRepository& throttle() override { return throttle_; }
  SecondFactorRepository& second_factors() override { return second_factors_; }
  AuditLog& audit() override { return audit_; }
  AuditCheckpointLog& audit_checkpoints() override { return audit_checkpoints_; }
  IncidentRepository& incidents() override { return incidents_; }
  IncidentActivityRepository& incident_activity() override { return incident_activity_; }
  IncidentSettingsRepository& incident_settings() override { return incident_settings_; }
  DraftRepository& drafts() override { return drafts_; }
  SavedSearchRepository& saved_searches() override { return saved_searches_; }
  InvestigationRepository& investigations() override { return investigations_; }
  CapaRepository& capa() override { return capa_; }
  RiskRepository& risks() override { return risks_; }
  FmeaRepository& fmea() override { return fmea_; }
  NotificationRepository& notifications() override { return notifications_; }
  IndicatorDataRepository& indicator_data() override { return indicator_data_; }
  IndicatorSettingsRepository& indicator_settings() override { return indicator_settings_; }
  PatientIdentifierRepository& patient_identifiers() override { return patient_identifiers_; }

  Result<void> commit() override {
    if (!open_) return Error::internal("commit without an open transaction");
    auto r = conn_->commit();
    open_ = false;  // a failed COMMIT has ended the transaction too
    return r;
  }

 private:
  SqlDatabase& db_;
  std::unique_ptr<Connection> conn_;
  std::unique_lock<std::mutex> writer_;
  bool open_ = false;
  SqlOrgRepository org_;
  SqlUserRepository users_;
  SqlSessionRepository sessions_;
  SqlThrottleRepository throttle_;
  SqlSecondFactorRepository second_factors_;
  SqlAuditLog audit_;
  SqlAuditCheckpointLog audit_checkpoints_;
  SqlIncidentRepository incidents_;
  SqlIncidentActivityRepository incident_activity_;
  SqlIncidentSettingsRepository incident_settings_;
  SqlDraftRepository drafts_;
  SqlSavedSearchRepository saved_searches_;
  SqlInvestigationRepository investigations_;
  SqlCapaRepository capa_;
  SqlRiskRepository risks_;
  SqlFmeaRepository fmea_;
  SqlNotificationRepository notifications_;
  SqlIndicatorDataRepository indicator_data_;
  SqlIndicatorSettingsRepository indicator_settings_;
  SqlPatientIdentifierRepository patient_identifiers_;
};

}  // namespace

Result<int> schema_version_of(Connection& conn) {
  auto st = conn.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  return static_cast<int>(st->int64(0));
}

Result<int> migrate(Connection& conn, const std::vector<Migration>& all, std::optional<int> target,
                    Timestamp now) {
  for (const auto& m : all) {
    if (target && m.version > *target) break;
    if (auto r = conn.begin(TxMode::write); !r) return r.error();
    auto step = [&]() -> Result<bool> {
      if (const auto lock = migration_lock(conn.dialect()); !lock.empty())
        if (auto r = conn.exec(lock); !r) return r.error();
      if (auto r = conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                             "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
          !r)
        return r.error();
      auto version = schema_version_of(conn);
      if (!version) return version.error();
      if (*version >= m.version) return false;
      if (auto r = conn.exec(m.sql); !r) return r.error();
      if (auto r =
              conn.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?1, ?2, ?3)",
                           m.version, m.name, to_db(now));
          !r)
        return r.error();
      return true;
    };
    auto applied = step();
    if (!applied) {
      conn.rollback();
      return Error::internal("migration " + std::to_string(m.version) + " (" + m.name +
                             ") failed: " + applied.error().message);
    }
    if (auto r = conn.commit(); !r) return r.error();
  }
  return schema_version_of(conn);
}

Result<std::unique_ptr<SqlDatabase>> SqlDatabase::open(const ConnectionFactory& connect,
                                                       const std::vector<Migration>& migrations,
                                                       const DatabaseOptions& options, bool single_writer) {
  auto db = std::make_unique<SqlDatabase>();
  db->single_writer_ = single_writer;
  for (int i = 0; i < std::max(1, options.pool_size); ++i) {
    auto conn = connect();
    if (!conn) return conn.error();
    if (i == 0) {
      auto version = migrate(**conn, migrations, options.migrate_to, SystemClock().now());
      if (!version) return version.error();
    }
    db->idle_.push_back(std::move(*conn));
  }
  auto identifiers = attach_identifier_keys(*db, options, SystemClock().now());
  if (!identifiers) return identifiers.error();
  db->identifiers_ = std::move(*identifiers);
  return db;
}

std::unique_ptr<Connection> SqlDatabase::acquire() {
  std::unique_lock lock(pool_mutex_);
  available_.wait(lock, [&] { return !idle_.empty(); });
  auto conn = std::move(idle_.back());
  idle_.pop_back();
  return conn;
}

void SqlDatabase::release(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard lock(pool_mutex_);
    idle_.push_back(std::move(conn));
  }
  available_.notify_one();
}

Result<std::unique_ptr<UnitOfWork>> SqlDatabase::begin(TxMode mode) {
  // The writer lock is taken before a connection so that waiting writers do not hold pool slots.
  std::unique_lock<std::mutex> writer;
  if (mode == TxMode::write && single_writer_) writer = std::unique_lock(writer_);
  auto uow = std::make_unique<SqlUnitOfWork>(*this, acquire(), std::move(writer), identifiers_.get());
  if (auto r = uow->start(mode); !r) return r.error();
  return std::unique_ptr<UnitOfWork>(std::move(uow));
}

Result<void> SqlDatabase::ping() {
  ConnectionLease lease(*this);
  auto st = lease->prepare("SELECT 1");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  return {};
}

Result<int> SqlDatabase::schema_version() {
  ConnectionLease lease(*this);
  return schema_version_of(*lease);
}

}  // namespace hqms::store::sql
