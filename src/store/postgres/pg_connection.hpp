#pragma once
// PostgreSQL behind the generic SQL connection, through libpq.
#include <libpq-fe.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "store/migration.hpp"
#include "store/sql/connection.hpp"

namespace hqms::store::postgres {

const std::vector<Migration>& migrations();

struct PgOptions {
  std::string conninfo;                 // a libpq URI (postgresql://...) or key=value string
  std::optional<std::string> password;  // from a file or the environment; never part of conninfo in logs
  int statement_timeout_ms = 0;         // 0: none; open_database passes DatabaseOptions' value
};

class PgConnection final : public sql::Connection {
 public:
  static Result<std::unique_ptr<PgConnection>> open(const PgOptions& options);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() override;

  sql::Dialect dialect() const override { return sql::Dialect::postgres; }
  Result<sql::Statement> prepare(const std::string& sql) override;
  Result<void> exec(const std::string& sql) override;
  Result<void> begin(TxMode mode) override;
  Result<void> commit() override;
  void rollback() override { (void)exec("ROLLBACK"); }
  std::int64_t changes() const override { return changes_; }

 private:
  PgConnection(PGconn* conn, PgOptions options) : conn_(conn), options_(std::move(options)) {}
  Result<void> apply_settings();
  PGconn* conn_;
  PgOptions options_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> prepared statement name
  std::int64_t changes_ = 0;
};

// libpq's ?N-free numbering: ?1 becomes $1, outside string literals.
std::string number_placeholders(const std::string& sql);
// The connection string with any password masked, for logs and messages.
std::string redact(const std::string& conninfo);

Result<std::unique_ptr<Database>> open_postgres(const PgOptions& pg, const DatabaseOptions& options);

}  // namespace hqms::store::postgres
