#pragma once
// A Database over any SQL backend: a pool of connections, units of work and migrations.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/database.hpp"
#include "store/migration.hpp"
#include "store/sql/connection.hpp"

namespace hqms::store::sql {

using ConnectionFactory = std::function<Result<std::unique_ptr<Connection>>()>;

// Applies the pending migrations, each in its own write transaction that takes the migration lock and
// re-reads the version first, so two processes starting together never apply one twice.
Result<int> migrate(Connection& conn, const std::vector<Migration>& all, std::optional<int> target,
                    Timestamp now);
Result<int> schema_version_of(Connection& conn);

class SqlDatabase final : public Database {
 public:
  // `single_writer`: queue writers inside the process (SQLite admits one writer; queueing here is fairer and
  // cheaper than busy retries). PostgreSQL takes concurrent writers and serialises what must be serial
  // itself.
  static Result<std::unique_ptr<SqlDatabase>> open(const ConnectionFactory& connect,
                                                   const std::vector<Migration>& migrations,
                                                   const DatabaseOptions& options, bool single_writer);

  Result<std::unique_ptr<UnitOfWork>> begin(TxMode mode) override;
  Result<void> ping() override;
  Result<int> schema_version() override;

  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> conn);

 private:
  std::mutex pool_mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  bool single_writer_ = false;
  std::mutex writer_;
  std::shared_ptr<const IdentifierCipher> identifiers_;  // none: opened without the key file
};

// Opens a backend whose `connect()` returns Result<std::unique_ptr<SomeConnection>>.
template <class Connect>
Result<std::unique_ptr<Database>> open_sql_database(Connect connect, const std::vector<Migration>& migrations,
                                                    const DatabaseOptions& options, bool single_writer) {
  auto db = SqlDatabase::open(
      [&]() -> Result<std::unique_ptr<Connection>> {
        auto conn = connect();
        if (!conn) return conn.error();
        return std::unique_ptr<Connection>(std::move(*conn));
      },
      migrations, options, single_writer);
  if (!db) return db.error();
  return std::unique_ptr<Database>(std::move(*db));
}

}  // namespace hqms::store::sql
