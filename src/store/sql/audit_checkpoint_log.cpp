#include "store/sql/audit_checkpoint_log.hpp"

namespace hqms::store::sql {
namespace {

constexpr const char* kColumns = "seq, hash, at, key_id, signature";

AuditCheckpoint read_checkpoint(const Statement& st) {
  return AuditCheckpoint{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4)};
}

}  // namespace

Result<void> SqlAuditCheckpointLog::add(const AuditCheckpoint& c) {
  return c_.execute(
      "INSERT INTO audit_checkpoint(seq, hash, at, key_id, signature) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (seq, key_id) DO NOTHING",
      c.seq, c.hash, c.at, c.key_id, c.signature);
}

Result<std::optional<AuditCheckpoint>> SqlAuditCheckpointLog::latest(const std::string& key_id) {
  auto st =
      c_.prepare(std::string("SELECT ") + kColumns +
                 " FROM audit_checkpoint WHERE (key_id = ?1 OR ?1 = '') ORDER BY seq DESC, at DESC LIMIT 1");
  if (!st) return st.error();
  st->bind_all(key_id);
  return read_first(*st, read_checkpoint);
}

Result<std::vector<AuditCheckpoint>> SqlAuditCheckpointLog::all() {
  auto st = c_.prepare(std::string("SELECT ") + kColumns + " FROM audit_checkpoint ORDER BY seq, key_id");
  if (!st) return st.error();
  return read_rows(*st, read_checkpoint);
}

Result<std::optional<ChainHead>> SqlAuditCheckpointLog::head() {
  auto st = c_.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (!st) return st.error();
  return read_first(*st, [](const Statement& s) { return ChainHead{s.int64(0), s.text(1)}; });
}

Result<std::optional<std::string>> SqlAuditCheckpointLog::entry_hash(std::int64_t seq) {
  auto st = c_.prepare("SELECT hash FROM audit_log WHERE seq = ?1");
  if (!st) return st.error();
  st->bind_all(seq);
  return read_first(*st, [](const Statement& s) { return s.text(0); });
}

Result<void> SqlAuditCheckpointLog::entries_between(std::int64_t after, std::int64_t until,
                                                    const std::function<void(const AuditEntry&)>& visit) {
  auto st = c_.prepare(std::string("SELECT ") + kAuditEntryColumns +
                       " FROM audit_log WHERE seq > ?1 AND seq <= ?2 ORDER BY seq");
  if (!st) return st.error();
  st->bind_all(after, until);
  for (auto row = st->step();; row = st->step()) {
    if (!row) return row.error();
    if (!*row) return {};
    visit(read_audit_entry(*st));
  }
}

}  // namespace hqms::store::sql
