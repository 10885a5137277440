#pragma once
// The few places where SQLite and PostgreSQL SQL differ, so that the repositories are written once.
#include <string>

namespace hqms::store::sql {

enum class Dialect { sqlite, postgres };

// `column IN (ids)` where parameter ?N holds a JSON array of ids such as "[1,2]" (see id_list()).
std::string in_id_list(Dialect dialect, const std::string& column, int param);
// The same for a JSON array of strings such as ["open","planned"].
std::string in_text_list(Dialect dialect, const std::string& column, int param);

// Statement run inside a write transaction to serialise appends to the audit chain across processes.
// Empty where the database already admits a single writer.
std::string audit_chain_lock(Dialect dialect);

// Statement run first in each migration transaction so that two servers starting together migrate once.
std::string migration_lock(Dialect dialect);

// Full-text condition on the audit trail for parameter ?N, and the value to bind there for what a person
// typed (every word must match, the last one as a prefix). Empty when the words hold nothing searchable.
std::string audit_text_match(Dialect dialect, int param);
std::string text_query(Dialect dialect, const std::string& words);

// The start of a word search over incidents (aliased `i`): " FROM ... WHERE <match ?N> AND ", to be followed
// by the other conditions; bind text_query(dialect, words) to ?N. On SQLite the FTS5 table leads the join, so
// that ordering by incident_text_order() streams the newest matches without collecting them all.
std::string incident_text_from(Dialect dialect, int param);
// ORDER BY for "newest first" (or oldest) that a word search can stream; empty where the database has no
// such order (then sort by column as usual).
std::string incident_text_order(Dialect dialect, bool descending);

// Appended to a SELECT of one row that the transaction will change: PostgreSQL locks it, SQLite's single
// writer already excludes every other change.
std::string for_update(Dialect dialect);

// Run after rows were copied in with their ids, so that new rows get ids after them (PostgreSQL identities).
std::string after_copy_with_ids(Dialect dialect, const std::string& table);

}  // namespace hqms::store::sql
