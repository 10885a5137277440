#pragma once
// The seam between HQMS and its database: http and cli see only these interfaces, never a dialect.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/common/result.hpp"
#include "store/audit/audit_checkpoint_log.hpp"
#include "store/audit/audit_log.hpp"
#include "store/auth/second_factor_repository.hpp"
#include "store/auth/throttle_repository.hpp"
#include "store/capa/capa_repository.hpp"
#include "store/fmea/fmea_repository.hpp"
#include "store/identifiers/patient_identifier_repository.hpp"
#include "store/incidents/draft_repository.hpp"
#include "store/incidents/incident_activity_repository.hpp"
#include "store/incidents/incident_repository.hpp"
#include "store/incidents/incident_settings_repository.hpp"
#include "store/indicators/indicator_data_repository.hpp"
#include "store/indicators/indicator_settings_repository.hpp"
#include "store/investigations/investigation_repository.hpp"
#include "store/notifications/notification_repository.hpp"
#include "store/org/org_repository.hpp"
#include "store/risk/risk_repository.hpp"
#include "store/saved_searches/saved_search_repository.hpp"
#include "store/sessions/session_repository.hpp"
#include "store/users/user_repository.hpp"

namespace hqms::store {

enum class TxMode { read, write };

// One transaction and the repositories that work inside it. Destroying it without commit() rolls back,
// so an error anywhere in a request leaves nothing half-written.
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual OrgRepository& org() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual ThrottleRepository& throttle() = 0;
  virtual SecondFactorRepository& second_factors() = 0;
  virtual AuditLog& audit() = 0;
  virtual IncidentRepository& incidents() = 0;
  virtual IncidentActivityRepository& incident_activity() = 0;
  virtual IncidentSettingsRepository& incident_settings() = 0;
  virtual DraftRepository& drafts() = 0;
  virtual SavedSearchRepository& saved_searches() = 0;
  virtual InvestigationRepository& investigations() = 0;
  virtual CapaRepository& capa() = 0;
  virtual RiskRepository& risks() = 0;
  virtual FmeaRepository& fmea() = 0;
  virtual NotificationRepository& notifications() = 0;
  // Not pure, so that test doubles written before them still build; the SQL unit of work overrides both.
  virtual IndicatorDataRepository& indicator_data() {
    throw std::logic_error("this unit of work keeps no indicator data");
  }
  virtual IndicatorSettingsRepository& indicator_settings() {
    throw std::logic_error("this unit of work keeps no indicator settings");
  }
  virtual PatientIdentifierRepository& patient_identifiers() {
    throw std::logic_error("this unit of work keeps no patient identifiers");
  }
  // Not pure either, for the same reason.
  virtual AuditCheckpointLog& audit_checkpoints() {
    throw std::logic_error("this unit of work keeps no audit checkpoints");
  }
  virtual Result<void> commit() = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Result<std::unique_ptr<UnitOfWork>> begin(TxMode mode) = 0;
  virtual Result<void> ping() = 0;
  virtual Result<int> schema_version() = 0;
};

struct DatabaseOptions {
  int pool_size = 4;
  std::optional<int> migrate_to;     // for upgrade tests: stop at this schema version
  int statement_timeout_ms = 15000;  // PostgreSQL: no statement runs longer
  std::string password_file;  // PostgreSQL: the password, read from a file rather than the command line
  // The keys that encrypt patient identifiers (store/identifiers/key_file.hpp): already loaded, or their key
  // file (made when missing, if the database holds no sealed identifier yet). With neither, a SQLite database
  // uses "<file>.keys" beside it if there is one; otherwise the database opens without keys, and reading or
  // writing a patient identifier fails.
  std::shared_ptr<const IdentifierCipher> identifiers;
  std::string key_file;
};

// One connection: for commands and tools that do one thing and exit.
inline DatabaseOptions single_connection() {
  DatabaseOptions options;
  options.pool_size = 1;
  return options;
}

// `location` is a SQLite file name or `sqlite:FILE`; or a PostgreSQL URI (`postgresql://user@host/db`) or
// key=value connection string. PostgreSQL also takes its password from PGPASSWORD or ~/.pgpass, as libpq
// does.
Result<std::unique_ptr<Database>> open_database(const std::string& location,
                                                const DatabaseOptions& options = {});
bool is_postgres_location(const std::string& location);
// The location as it may appear in logs: any password masked.
std::string describe_location(const std::string& location);

// Runs `work` in one write transaction and commits when it succeeds. When the database reports that the
// transaction collided with a concurrent one (a serialization failure), the whole work runs again on a fresh
// transaction, so `work` must compute its result from what it reads, not from what an earlier try left
// behind.
template <class Work>
auto in_write_transaction(Database& db, Work&& work) -> decltype(work(std::declval<UnitOfWork&>())) {
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    auto result = [&]() -> decltype(work(std::declval<UnitOfWork&>())) {
      auto uow = db.begin(TxMode::write);
      if (!uow) return uow.error();
      auto done = work(**uow);
      if (!done) return done;
      if (auto committed = (*uow)->commit(); !committed) return committed.error();
      return done;
    }();
    if (result || result.error().kind != ErrorKind::serialization_conflict || attempt == kAttempts)
      return result;
  }
}

}  // namespace hqms::store
