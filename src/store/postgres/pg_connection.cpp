#include "store/postgres/pg_connection.hpp"

#include <cctype>
#include <charconv>
#include <cstring>
#include <vector>

#include "store/sql/sql_database.hpp"

namespace hqms::store::postgres {
namespace {

using ResultHandle = std::unique_ptr<PGresult, decltype(&PQclear)>;

// SQLSTATE classes decide what the caller can do about a failure.
Error pg_error(PGconn* conn, const PGresult* res, std::string_view context) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string message =
      std::string(context) + ": " + (res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  const std::string code = state ? state : "";
  if (code == "23505") return Error::conflict(std::move(message));  // unique_violation
  if (code == "40001" || code == "40P01")
    return Error::of(ErrorKind::serialization_conflict, std::move(message));
  if (code.starts_with("08") || code == "57P01" || code == "57014" || PQstatus(conn) != CONNECTION_OK)
    return Error::of(ErrorKind::unavailable, std::move(message));  // connection lost, shutdown, timeout
  return Error::internal(std::move(message));
}

bool succeeded(const PGresult* res) {
  const auto status = PQresultStatus(res);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

std::int64_t parse_int(const char* text) {
  std::int64_t value = 0;
  std::from_chars(text, text + std::strlen(text), value);
  return value;
}

class PgStatement final : public sql::StatementBackend {
 public:
  PgStatement(PGconn* conn, std::string name, std::int64_t& changes)
      : conn_(conn), name_(std::move(name)), changes_(changes), result_(nullptr, PQclear) {}

  void bind_int(int i, std::int64_t v) override { slot(i) = std::to_string(v); }
  void bind_text(int i, std::string_view v) override { slot(i) = std::string(v); }
  void bind_null(int i) override { slot(i).reset(); }
  void bind_real(int i, double v) override {
    // 17 significant digits (%.17g, whatever the locale): what PostgreSQL parses back is the same double.
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 17).ptr;
    slot(i) = std::string(buf, end);
  }

  Result<bool> step() override {
    if (!result_) {
      std::vector<const char*> values;
      for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
      result_.reset(PQexecPrepared(conn_, name_.c_str(), static_cast<int>(values.size()), values.data(),
                                   nullptr, nullptr, 0));
      if (!result_ || !succeeded(result_.get())) return pg_error(conn_, result_.get(), "execute");
      const char* affected = PQcmdTuples(result_.get());
      changes_ = *affected ? parse_int(affected) : 0;
      row_ = 0;
    } else {
      ++row_;
    }
    return row_ < PQntuples(result_.get());
  }

  bool is_null(int col) const override { return PQgetisnull(result_.get(), row_, col) != 0; }
  std::int64_t int64(int col) const override { return parse_int(PQgetvalue(result_.get(), row_, col)); }
  double real(int col) const override {
    const char* text = PQgetvalue(result_.get(), row_, col);
    double value = 0;
    std::from_chars(text, text + std::strlen(text), value);
    return value;
  }
  std::string text(int col) const override {
    return std::string(PQgetvalue(result_.get(), row_, col),
                       static_cast<std::size_t>(PQgetlength(result_.get(), row_, col)));
  }

 private:
  std::optional<std::string>& slot(int i) {
    if (params_.size() < static_cast<std::size_t>(i)) params_.resize(static_cast<std::size_t>(i));
    return params_[static_cast<std::size_t>(i) - 1];
  }

  PGconn* conn_;
  std::string name_;
  std::int64_t& changes_;
  std::vector<std::optional<std::string>> params_;
  ResultHandle result_;
  int row_ = -1;
};

}  // namespace

std::string number_placeholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_literal = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') in_literal = !in_literal;
    const bool placeholder =
        !in_literal && c == '?' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]));
    out += placeholder ? '$' : c;
  }
  return out;
}

// Plain string searches rather than std::regex: two fixed shapes, and libstdc++ 12's regex does not build
// warning-free under the sanitizers.
std::string redact(const std::string& conninfo) {
  std::string out = conninfo;
  if (out.starts_with("postgres://") || out.starts_with("postgresql://")) {
    const auto start = out.find("://") + 3;
    const auto at = out.find('@', start);
    const auto slash = out.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const auto colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
    return out;
  }
  for (auto key = out.find("password"); key != std::string::npos; key = out.find("password", key + 1)) {
    auto eq = out.find_first_not_of(' ', key + 8);
    if (eq == std::string::npos || out[eq] != '=') continue;
    auto value = out.find_first_not_of(' ', eq + 1);
    if (value == std::string::npos) break;
    auto end = out[value] == '\'' ? out.find('\'', value + 1) + 1 : out.find(' ', value);
    if (end == std::string::npos || end == 0) end = out.size();
    out.replace(value, end - value, "***");
  }
  return out;
}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const PgOptions& options) {
  // The conninfo is expanded by libpq (expand_dbname); the password travels beside it, never inside it.
  std::vector<const char*> keys{"dbname", "application_name", "connect_timeout"};
  std::vector<const char*> values{options.conninfo.c_str(), "hqms", "10"};
  if (options.password) {
    keys.push_back("password");
    values.push_back(options.password->c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* raw = PQconnectdbParams(keys.data(), values.data(), 1);
  std::unique_ptr<PgConnection> conn(new PgConnection(raw, options));  // owns raw even when connecting failed
  if (!raw || PQstatus(raw) != CONNECTION_OK)
    return Error::of(ErrorKind::unavailable, "cannot connect to PostgreSQL at " + redact(options.conninfo) +
                                                 ": " + (raw ? PQerrorMessage(raw) : "out of memory"));
  if (auto r = conn->apply_settings(); !r) return r.error();
  return conn;
}

// One round trip for all of them: this runs for every pooled connection, and again after a reconnect.
Result<void> PgConnection::apply_settings() {
  return exec("SET statement_timeout = " + std::to_string(options_.statement_timeout_ms) +
              "; SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET client_min_messages = warning");
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

Result<void> PgConnection::exec(const std::string& sql) {
  ResultHandle res(PQexec(conn_, sql.c_str()), PQclear);
  if (!res || !succeeded(res.get())) return pg_error(conn_, res.get(), "exec");
  return {};
}

Result<void> PgConnection::begin(TxMode mode) {
  // Writes run at READ COMMITTED with explicit locks where order matters (the audit chain takes an advisory
  // lock; a state transition re-reads its row FOR UPDATE), so each statement sees what committed before it.
  // Reads get one consistent snapshot for a list and its count.
  const std::string sql = mode == TxMode::write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                                : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  auto begun = exec(sql);
  if (begun || PQstatus(conn_) == CONNECTION_OK) return begun;
  // A pooled connection can outlive the server process it talked to (restart, failover). libpq notices only
  // when a statement fails; nothing has happened yet at BEGIN, so reconnect and begin again.
  PQreset(conn_);
  prepared_.clear();  // prepared statements died with the old session
  if (PQstatus(conn_) != CONNECTION_OK)
    return Error::of(ErrorKind::unavailable,
                     "PostgreSQL is unreachable: " + std::string(PQerrorMessage(conn_)));
  if (auto r = apply_settings(); !r) return r;
  return exec(sql);
}

Result<void> PgConnection::commit() {
  ResultHandle res(PQexec(conn_, "COMMIT"), PQclear);
  if (!res || !succeeded(res.get())) return pg_error(conn_, res.get(), "commit");
  // COMMIT of a transaction that had already failed reports ROLLBACK rather than an error.
  if (std::string_view(PQcmdStatus(res.get())) == "ROLLBACK")
    return Error::of(ErrorKind::serialization_conflict, "the transaction was rolled back");
  return {};
}

Result<sql::Statement> PgConnection::prepare(const std::string& sql) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    const std::string name = "hqms_" + std::to_string(prepared_.size() + 1);
    ResultHandle res(PQprepare(conn_, name.c_str(), number_placeholders(sql).c_str(), 0, nullptr), PQclear);
    if (!res || !succeeded(res.get())) return pg_error(conn_, res.get(), "prepare");
    it = prepared_.emplace(sql, name).first;
  }
  return sql::Statement(std::make_unique<PgStatement>(conn_, it->second, changes_));
}

Result<std::unique_ptr<Database>> open_postgres(const PgOptions& pg, const DatabaseOptions& options) {
  return sql::open_sql_database([&] { return PgConnection::open(pg); }, migrations(), options,
                                /*single_writer=*/false);
}

}  // namespace hqms::store::postgres
