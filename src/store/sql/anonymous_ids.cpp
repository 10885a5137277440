#include "store/sql/anonymous_ids.hpp"

#include <sodium.h>

#include "store/sql/dialect.hpp"

namespace hqms::store::sql {
namespace {

Result<void> set_aside_block(Connection& c, const std::string& table, std::int64_t& next_id) {
  for (int i = 0; i < kAnonymousIdBlock; ++i)
    if (auto r =
            c.execute("INSERT INTO anonymous_id_slot(table_name, id) VALUES (?1, ?2)", table, next_id + i);
        !r)
      return r;
  next_id += kAnonymousIdBlock;
  return {};
}

}  // namespace

Result<Id> next_record_id(Connection& c, const std::string& table, bool anonymous, Timestamp day) {
  // The sequence starts after the table's highest id: rows made before it existed, or copied in by
  // migrate-data, keep theirs. `table` is always one of ours, never text from a request.
  // (WHERE true: SQLite would read ON CONFLICT as a join's ON without it.)
  if (auto r = c.execute("INSERT INTO id_sequence(table_name, next_id, block_day) SELECT CAST(?1 AS TEXT), "
                         "COALESCE(MAX(id), 0) + 1, NULL FROM " +
                             table + " WHERE true ON CONFLICT(table_name) DO NOTHING",
                         table);
      !r)
    return r.error();
  auto st =
      c.prepare("SELECT next_id, block_day FROM id_sequence WHERE table_name = ?1" + for_update(c.dialect()));
  if (!st) return st.error();
  st->bind_all(table);
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return Error::internal("no id sequence for " + table);
  std::int64_t next_id = st->int64(0);
  const auto block_day = st->opt_text(1);
  if (auto done = st->step(); !done) return done.error();

  const std::string today = format_date(day);
  if (block_day != today) {
    // Yesterday's unused ids stay unused: handing them out today would place today's records among
    // yesterday's.
    if (auto r = c.execute("DELETE FROM anonymous_id_slot WHERE table_name = ?1", table); !r)
      return r.error();
    if (auto r = set_aside_block(c, table, next_id); !r) return r.error();
  }
  Id id = 0;
  if (anonymous) {
    auto count = c.prepare("SELECT COUNT(*) FROM anonymous_id_slot WHERE table_name = ?1");
    if (!count) return count.error();
    auto counted = read_first(count->bind_all(table), [](Statement& r) { return r.int64(0); });
    if (!counted) return counted.error();
    std::int64_t left = counted->value_or(0);
    if (left == 0) {
      if (auto r = set_aside_block(c, table, next_id); !r) return r.error();
      left = kAnonymousIdBlock;
    }
    // A uniform pick among what is left (libsodium: no modulo bias, and unpredictable to anyone watching).
    const auto pick = static_cast<std::int64_t>(randombytes_uniform(static_cast<std::uint32_t>(left)));
    auto slot =
        c.prepare("SELECT id FROM anonymous_id_slot WHERE table_name = ?1 ORDER BY id LIMIT 1 OFFSET ?2");
    if (!slot) return slot.error();
    auto picked = read_first(slot->bind_all(table, pick), [](Statement& r) { return r.int64(0); });
    if (!picked) return picked.error();
    if (!*picked) return Error::internal("no anonymous id left for " + table);
    id = **picked;
    if (auto r = c.execute("DELETE FROM anonymous_id_slot WHERE table_name = ?1 AND id = ?2", table, id); !r)
      return r.error();
  } else {
    id = next_id++;
  }
  if (auto r = c.execute("UPDATE id_sequence SET next_id = ?2, block_day = ?3 WHERE table_name = ?1", table,
                         next_id, today);
      !r)
    return r.error();
  return id;
}

}  // namespace hqms::store::sql
