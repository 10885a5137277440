#include "support/audit_tampering.hpp"

#include <stdexcept>
#include <vector>

#include "core/audit/audit_chain.hpp"
#include "store/sql/audit_entry_rows.hpp"

namespace hqms::test {
namespace {

void run(store::sql::Connection& conn, const std::string& sql) {
  if (auto r = conn.exec(sql); !r) throw std::runtime_error(sql + ": " + r.error().message);
}

std::int64_t last_seq(store::sql::Connection& conn) {
  auto st = conn.prepare("SELECT COALESCE(MAX(seq), 0) FROM audit_log");
  if (!st || !st->step()) throw std::runtime_error("cannot read the audit trail");
  const auto seq = st->int64(0);
  (void)st->step();  // finished, so that SQLite lets the schema change
  return seq;
}

void forget_checkpoints_from(const TestDatabase& db, store::sql::Connection& conn, std::int64_t seq) {
  run(conn, db.drop_trigger("audit_checkpoint_no_delete", "audit_checkpoint"));
  run(conn, "DELETE FROM audit_checkpoint WHERE seq >= " + std::to_string(seq));
}

}  // namespace

std::int64_t cut_audit_tail(const TestDatabase& db, std::int64_t entries) {
  auto conn = db.raw();
  const auto end = last_seq(*conn) - entries;
  run(*conn, db.drop_trigger("audit_log_no_delete"));
  run(*conn, "DELETE FROM audit_log WHERE seq > " + std::to_string(end));
  forget_checkpoints_from(db, *conn, end + 1);
  return end;
}

void rewrite_audit_entry(const TestDatabase& db, std::int64_t seq, const std::string& summary) {
  auto conn = db.raw();
  std::vector<AuditEntry> entries;
  {
    auto st = conn->prepare(std::string("SELECT ") + store::sql::kAuditEntryColumns +
                            " FROM audit_log WHERE seq >= ?1 ORDER BY seq");
    if (!st) throw std::runtime_error(st.error().message);
    st->bind(1, seq - 1);
    for (auto row = st->step(); row && *row; row = st->step())
      entries.push_back(store::sql::read_audit_entry(*st));
  }
  if (entries.size() < 2 || entries[1].seq != seq) throw std::runtime_error("no entry to rewrite");
  run(*conn, db.drop_trigger("audit_log_no_update"));
  entries[1].summary = summary;
  for (std::size_t i = 1; i < entries.size(); ++i) {
    entries[i].prev_hash = entries[i - 1].hash;
    entries[i].hash = audit_entry_hash(entries[i]);
    if (auto r = conn->execute("UPDATE audit_log SET summary = ?1, prev_hash = ?2, hash = ?3 WHERE seq = ?4",
                               entries[i].summary, entries[i].prev_hash, entries[i].hash, entries[i].seq);
        !r)
      throw std::runtime_error(r.error().message);
  }
  forget_checkpoints_from(db, *conn, seq);
}

}  // namespace hqms::test
