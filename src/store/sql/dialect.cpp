#include "store/sql/dialect.hpp"

#include <cctype>
#include <vector>

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

std::string in_text_list(Dialect dialect, const std::string& column, int param) {
  const std::string p = "?" + std::to_string(param);
  if (dialect == Dialect::postgres)
    return column + " IN (SELECT jsonb_array_elements_text(CAST(" + p + " AS jsonb)))";
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

std::string audit_text_match(Dialect dialect, int param) {
  const std::string p = "?" + std::to_string(param);
  if (dialect == Dialect::postgres)
    return "to_tsvector('simple', summary || ' ' || entity_type || ' ' || entity_id || ' ' || "
           "actor_username) @@ "
           "to_tsquery('simple', " +
           p + ")";
  return "seq IN (SELECT rowid FROM audit_search WHERE audit_search MATCH " + p + ")";
}

std::string text_query(Dialect dialect, const std::string& words) {
  // Terms are letters and digits (any non-ASCII letter included), with '.', '-' and '_' kept inside a term so
  // that "nurse.ed" stays one term. Everything else separates terms, so nothing typed is read as query
  // syntax.
  auto word_char = [](unsigned char c) {
    return std::isalnum(c) || c >= 0x80 || c == '.' || c == '-' || c == '_';
  };
  std::vector<std::string> terms;
  std::string current;
  auto flush = [&] {
    const auto first = current.find_first_not_of(".-_");
    if (first != std::string::npos)
      terms.push_back(current.substr(first, current.find_last_not_of(".-_") - first + 1));
    current.clear();
  };
  for (char c : words) {
    if (word_char(static_cast<unsigned char>(c)))
      current += c;
    else
      flush();
  }
  flush();
  std::string out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const bool last = i + 1 == terms.size();
    if (dialect == Dialect::postgres)
      out += (i ? " & " : "") + ("'" + terms[i] + "'") + (last ? ":*" : "");
    else
      out += (i ? " " : "") + ("\"" + terms[i] + "\"") + (last ? "*" : "");
  }
  return out;
}

std::string incident_text_from(Dialect dialect, int param) {
  const std::string p = "?" + std::to_string(param);
  if (dialect == Dialect::postgres)
    return " FROM incident i WHERE to_tsvector('english', COALESCE(i.reference, '') || ' ' || i.category || "
           "' ' || "
           "i.location || ' ' || i.people_involved || ' ' || i.description || ' ' || i.immediate_actions || "
           "' ' || "
           "i.details) @@ to_tsquery('english', " +
           p + ") AND ";
  return " FROM incident_search JOIN incident i ON i.id = incident_search.rowid WHERE incident_search "
         "MATCH " +
         p + " AND ";
}

std::string incident_text_order(Dialect dialect, bool descending) {
  // FTS5 yields matches in rowid order, and ids are given in the order reports arrive: ordering by the FTS
  // rowid alone (no tiebreak, which would need a sort) reads only the first page of matches.
  if (dialect == Dialect::postgres) return "";
  return descending ? " ORDER BY incident_search.rowid DESC" : " ORDER BY incident_search.rowid ASC";
}

std::string for_update(Dialect dialect) {
  return dialect == Dialect::postgres ? " FOR UPDATE" : "";
}

std::string after_copy_with_ids(Dialect dialect, const std::string& table) {
  if (dialect != Dialect::postgres) return "";
  return "SELECT setval(pg_get_serial_sequence('" + table +
         "', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM " + table;
}

}  // namespace hqms::store::sql
