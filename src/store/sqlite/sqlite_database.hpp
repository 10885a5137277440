#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "store/database.hpp"
#include "store/migration.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace hqms::store::sqlite {

const std::vector<Migration>& migrations();

// Applies the pending migrations, each in its own IMMEDIATE transaction that re-reads the version first,
// so two processes starting together never apply one twice.
Result<int> migrate(Connection& conn, const std::vector<Migration>& all, std::optional<int> target);

class SqliteDatabase final : public Database {
 public:
  static Result<std::unique_ptr<SqliteDatabase>> open(const std::string& path,
                                                      const DatabaseOptions& options);

  Result<std::unique_ptr<UnitOfWork>> begin(TxMode mode) override;
  Result<void> ping() override;
  Result<int> schema_version() override;

  // Pool plumbing for units of work.
  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> conn);
  std::mutex& writer_mutex() { return writer_; }

 private:
  std::mutex pool_mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  // SQLite admits one writer at a time; queueing writers here is fairer and cheaper than busy retries.
  std::mutex writer_;
};

}  // namespace hqms::store::sqlite
