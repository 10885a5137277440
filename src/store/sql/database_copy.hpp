#pragma once
// Copies a whole HQMS database to another location, whichever backends they are (SQLite -> PostgreSQL and
// back).
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "store/database.hpp"
#include "store/sql/connection.hpp"

namespace hqms::store {

struct TableCopy {
  std::string table;
  std::int64_t rows = 0;
};

struct CopyReport {
  std::vector<TableCopy> tables;
  std::int64_t audit_entries_verified = 0;
};

// Every table HQMS keeps, in an order that satisfies foreign keys. A test checks it against the schema, so a
// module that adds a table must add it here. Search indexes are not copied: the destination's triggers and
// indexes build them as the rows arrive.
const std::vector<std::string>& copied_tables();
// Whether a table is one of the search index's own (SQLite FTS5 keeps its index in tables named after it).
bool is_search_index_table(const std::string& table);

// The destination must be empty (freshly created). The copy is one transaction; afterwards row counts are
// compared table by table and the destination's audit chain is verified and must end where the source's does.
// `key_file` holds the keys of the source's patient identifiers; the destination uses the same file.
Result<CopyReport> copy_database(const std::string& from, const std::string& to, const std::string& key_file);

}  // namespace hqms::store
