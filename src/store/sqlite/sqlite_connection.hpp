#pragma once
// SQLite behind the generic SQL connection: a small RAII layer over the sqlite3 C API.
#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "store/migration.hpp"
#include "store/sql/connection.hpp"

namespace hqms::store::sqlite {

const std::vector<Migration>& migrations();

class SqliteConnection final : public sql::Connection {
 public:
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path);
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection() override;

  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  Result<sql::Statement> prepare(const std::string& sql) override;
  Result<void> exec(const std::string& sql) override;
  Result<void> begin(TxMode mode) override;
  Result<void> commit() override { return exec("COMMIT"); }
  void rollback() override { (void)exec("ROLLBACK"); }
  std::int64_t changes() const override { return sqlite3_changes(db_); }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// `path` is a file name; opens (creating if needed) and migrates.
Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, const DatabaseOptions& options);

}  // namespace hqms::store::sqlite
