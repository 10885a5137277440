#include "store/sql/dialect.hpp"

namespace hqms::store::sql {
namespace {
// Arbitrary constants naming HQMS's advisory locks.
constexpr const char* kAuditChainLock = "4715001";
constexpr const char* kMigrationLock = "4715002";
}  // namespace

std::string in_id_list(Dialect dialect, const std::string& column, int param) {
  const std::string p = "?" + std::to_string(param);
  if (dialect == Dialect::postgres)
    return column + " IN (SELECT jsonb_array_elements_text(CAST(" + p + " AS jsonb))::bigint)";
  return column + " IN (SELECT value FROM json_each(" + p + "))";
}

std::string audit_chain_lock(Dialect dialect) {
  return dialect == Dialect::postgres ? std::string("SELECT pg_advisory_xact_lock(") + kAuditChainLock + ")"
                                      : "";
}

std::string migration_lock(Dialect dialect) {
  return dialect == Dialect::postgres ? std::string("SELECT pg_advisory_xact_lock(") + kMigrationLock + ")"
                                      : "";
}

std::string after_copy_with_ids(Dialect dialect, const std::string& table) {
  if (dialect != Dialect::postgres) return "";
  return "SELECT setval(pg_get_serial_sequence('" + table +
         "', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM " + table;
}

}  // namespace hqms::store::sql
